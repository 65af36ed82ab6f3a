"""The data layer: CBS tables as tidy, labelled DataFrames (no charts, no language).

``load`` reads live from CBS, from the cache or from the committed snapshot; ``statline``
reads StatLine CSV downloads; ``store`` keeps tables on disk with their metadata.
"""

from .loader import load, snapshot_tables
from .meta import Dimension, TableMeta, Topic
from .statline import read_statline_csv

__all__ = ["Dimension", "TableMeta", "Topic", "load", "read_statline_csv", "snapshot_tables"]
