"""eenzaamheid: CBS data on loneliness and living alone, for notebooks, lectures and articles."""

from .errors import (
    CbsError,
    CbsUnavailableError,
    CorruptStoreError,
    UnknownFieldError,
    UnknownTableError,
)
from .loader import load
from .meta import TableMeta
from .statline import read_statline_csv

__all__ = [
    "CbsError",
    "CbsUnavailableError",
    "CorruptStoreError",
    "TableMeta",
    "UnknownFieldError",
    "UnknownTableError",
    "load",
    "read_statline_csv",
]
