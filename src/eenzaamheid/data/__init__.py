"""The data layer: CBS tables as tidy, labelled DataFrames (no charts, no language).

``load`` reads live from CBS, from the cache or from the committed snapshot; ``search`` finds
tables in the CBS catalogue and ``codes`` lists a dimension's codes with labels; ``statline``
reads StatLine CSV downloads; ``store`` keeps tables on disk with their metadata.
"""

from .catalog import codes, search
from .loader import load, snapshot_tables
from .meta import Dimension, TableMeta, Topic
from .statline import read_statline_csv

__all__ = [
    "Dimension",
    "TableMeta",
    "Topic",
    "codes",
    "load",
    "read_statline_csv",
    "search",
    "snapshot_tables",
]
