"""``load()``: one call from a CBS table id to a tidy, labelled DataFrame.

Sources: ``live`` (CBS OData), ``cache`` (last download, on this machine), ``snapshot``
(``data/snapshot/``, committed) and ``auto``: a fresh cache, else live, else the cache
however old, else the snapshot, saying which.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import warnings
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import pandas as pd

from .. import settings
from ..errors import CbsUnavailableError, CorruptStoreError, UnknownTableError
from . import odata
from .store import read_sidecar, read_table, write_table
from .tidy import select_rows

log = logging.getLogger(__name__)

Source = Literal["auto", "live", "cache", "snapshot"]
Filters = Mapping[str, str | Iterable[str]]
MAX_AGE = timedelta(days=7)
OFFLINE_PAUSE = timedelta(minutes=10)  # after CBS failed, `auto` skips live for this long
_offline_since: datetime | None = None
_TABLE_ID = re.compile(r"^[0-9A-Za-z]{5,12}(-[a-z0-9]+)?$")


def check_table_id(table_id: str) -> str:
    if not isinstance(table_id, str):
        raise UnknownTableError(f"a table id is text like '71488ned', not {table_id!r}")
    if not _TABLE_ID.match(table_id) and _snapshot_stem(table_id) is None:
        raise UnknownTableError(
            f"{table_id!r} is not a CBS table id (e.g. '71488ned', '85766NED'). "
            "See `python -m eenzaamheid tables` for the snapshot, or search "
            "https://opendata.cbs.nl/statline for others."
        )
    return table_id


def snapshot_tables() -> list[str]:
    return sorted(p.stem for p in settings.current().snapshot_dir.glob("*.json"))


def _snapshot_stem(table_id: str) -> Path | None:
    for name in snapshot_tables():  # CBS ids are case-insensitive: 85766ned == 85766NED
        if name.lower() == table_id.lower():
            return settings.current().snapshot_dir / name
    return None


def _cache_stem(table_id: str, filters: Filters | None, select: Iterable[str] | None) -> Path:
    selection = {k: sorted(_stripped(v)) for k, v in sorted((filters or {}).items())}
    key = json.dumps([selection, sorted(select) if select is not None else None])
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    return settings.current().cache_dir / table_id.lower() / digest


def _stripped(value: str | Iterable[str]) -> list[str]:
    return [value.strip()] if isinstance(value, str) else [v.strip() for v in value]


def _from_snapshot(table_id: str, filters: Filters | None, select: Iterable[str] | None):
    stem = _snapshot_stem(table_id)
    if stem is None:
        raise UnknownTableError(
            f"{table_id!r} is not in the snapshot ({settings.current().snapshot_dir}); it holds {snapshot_tables()}. "
            "Load it with source='live' when online."
        )
    try:
        frame = read_table(stem)
    except CorruptStoreError as exc:
        raise CorruptStoreError(
            f"the snapshot of {table_id} is damaged: {exc}. Restore it with "
            "`git checkout data/snapshot/` or rebuild it with `make snapshot`."
        ) from exc
    meta = frame.attrs["meta"]
    result = select_rows(frame, meta, filters, select)
    meta.source = "snapshot"
    meta.selection = {"filters": dict(filters or {}), "select": list(select or []) or None}
    result.attrs["meta"] = meta
    return result


def _from_cache(stem: Path, max_age: timedelta | None) -> pd.DataFrame | None:
    """The cached table, or None when absent, too old, or damaged (damage is reported)."""
    if not stem.with_suffix(".json").exists():
        return None
    try:
        frame = read_table(stem)
    except CorruptStoreError as exc:
        warnings.warn(f"ignoring a damaged cache entry: {exc}", stacklevel=3)
        return None
    retrieved = datetime.fromisoformat(frame.attrs["meta"].retrieved_at)
    if max_age is not None and datetime.now(UTC) - retrieved > max_age:
        return None
    frame.attrs["meta"].source = "cache"
    return frame


def load(
    table_id: str,
    filters: Filters | None = None,
    select: Iterable[str] | None = None,
    *,
    source: Source | None = None,
    max_age: timedelta = MAX_AGE,
) -> pd.DataFrame:
    """Load a CBS table as a tidy DataFrame; metadata in ``df.attrs["meta"]``.

    ``filters`` maps a dimension to codes (padded or not), e.g. ``{"RegioS": ["NL01", "PV20"]}``;
    ``select`` lists topic keys, e.g. ``["Alleenstaand_4"]``. ``source`` defaults to the
    setting (``$EENZAAMHEID_SOURCE``, else ``"auto"``).
    """
    table_id = check_table_id(table_id)
    source = source or settings.current().source
    select = list(select) if select is not None else None
    if source == "snapshot":
        return _from_snapshot(table_id, filters, select)
    stem = _cache_stem(table_id, filters, select)
    if source == "cache":
        frame = _from_cache(stem, max_age=None)
        if frame is None:
            raise UnknownTableError(f"{table_id} with this selection is not in the cache ({stem})")
        return frame
    if source == "live":
        return _download(table_id, filters, select, stem)
    if source != "auto":
        raise ValueError(f"source must be 'auto', 'live', 'cache' or 'snapshot', not {source!r}")
    return _auto(table_id, filters, select, stem, max_age)


def _download(table_id, filters, select, stem) -> pd.DataFrame:
    frame = odata.fetch_table(table_id, filters, select)
    write_table(stem, frame, frame.attrs["meta"])
    return frame


def _snapshot_only(table_id: str) -> bool:
    """Tables whose snapshot has no live OData equivalent (transcriptions, table layouts)."""
    stem = _snapshot_stem(table_id)
    try:
        return stem is not None and read_sidecar(stem)["meta"].get("layout") != "odata"
    except CorruptStoreError:
        return False  # reported when (and if) the snapshot is needed


def _recently_offline() -> bool:
    return _offline_since is not None and datetime.now(UTC) - _offline_since < OFFLINE_PAUSE


def _auto(table_id, filters, select, stem, max_age) -> pd.DataFrame:
    global _offline_since
    if _snapshot_only(table_id):
        # No machine-readable copy was found; the snapshot holds figures read off CBS pages,
        # in a layout the live table does not have. Live data: load(..., source="live").
        return _from_snapshot(table_id, filters, select)
    fresh = _from_cache(stem, max_age)
    if fresh is not None:
        log.info("%s: from the cache, retrieved %s", table_id, fresh.attrs["meta"].retrieved_at)
        return fresh
    try:
        if _recently_offline():
            raise CbsUnavailableError(f"CBS was unreachable at {_offline_since:%H:%M} UTC")
        return _download(table_id, filters, select, stem)
    except CbsUnavailableError as exc:
        _offline_since = _offline_since if _recently_offline() else datetime.now(UTC)
        fallback = _from_cache(stem, max_age=None)
        if fallback is None and _snapshot_stem(table_id) is not None:
            fallback = _from_snapshot(table_id, filters, select)
        if fallback is None:
            raise
        meta = fallback.attrs["meta"]
        reason = type(exc.__cause__).__name__ if exc.__cause__ else str(exc)
        warnings.warn(
            f"CBS unreachable ({reason}); using the {meta.source} of {table_id} "
            f"retrieved {meta.retrieved_at}, not today's figures",
            stacklevel=3,
        )
        return fallback
