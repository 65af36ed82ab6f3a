"""eenzaamheid: CBS data on loneliness and living alone, for notebooks, lectures and articles.

Layers, each importing only those before it: ``settings`` and ``errors``; ``data`` (CBS to a
tidy frame); ``snapshot`` (builds ``data/snapshot/`` from ``data/raw/``); ``charts`` (house
style, words in two languages, export); ``claims`` (the book's figures checked); ``site``
(the main job and its pages); ``cli``.
"""

from .data import TableMeta, load, read_statline_csv
from .errors import (
    CbsError,
    CbsUnavailableError,
    CorruptStoreError,
    UnknownFieldError,
    UnknownTableError,
)
from .settings import configure

__all__ = [
    "CbsError",
    "CbsUnavailableError",
    "CorruptStoreError",
    "TableMeta",
    "UnknownFieldError",
    "UnknownTableError",
    "configure",
    "load",
    "read_statline_csv",
]
