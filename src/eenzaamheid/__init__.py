"""eenzaamheid: CBS data on loneliness and living alone, for notebooks, lectures and articles.

Layers, each importing only those before it: ``settings`` and ``errors``; ``data`` (CBS to a
tidy frame); ``snapshot`` (builds ``data/snapshot/`` from ``data/raw/``); ``charts`` (house
style, words in two languages, export); ``claims`` (the book's figures checked); ``site``
(the main job and its pages); ``cli``.
"""

from .data import TableMeta, codes, load, read_statline_csv, search
from .errors import (
    AmbiguousLabelError,
    CacheWriteWarning,
    CbsDataError,
    CbsError,
    CbsTimeoutError,
    CbsUnavailableError,
    CorruptStoreError,
    InvalidArgumentError,
    SettingsError,
    UnknownFieldError,
    UnknownTableError,
)
from .settings import configure

__all__ = [
    "AmbiguousLabelError",
    "CacheWriteWarning",
    "CbsDataError",
    "CbsError",
    "CbsTimeoutError",
    "CbsUnavailableError",
    "CorruptStoreError",
    "InvalidArgumentError",
    "SettingsError",
    "TableMeta",
    "UnknownFieldError",
    "UnknownTableError",
    "codes",
    "configure",
    "load",
    "read_statline_csv",
    "search",
]
