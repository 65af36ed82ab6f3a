"""``load()``: one call from a CBS table id to a tidy, labelled DataFrame.

Sources: ``live`` (CBS OData), ``cache`` (last download, on this machine), ``snapshot``
(``data/snapshot/``, committed) and ``auto``: a fresh cache, else live, else the cache
however old, else the snapshot, saying which. :func:`chain` is that order for anything kept
in the cache (tables, code lists, the catalogue).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import pandas as pd

from ..errors import (
    CacheWriteWarning,
    CbsDataError,
    CbsTimeoutError,
    CbsUnavailableError,
    CorruptStoreError,
    InvalidArgumentError,
    UnknownFieldError,
    UnknownTableError,
)
from . import odata
from .meta import TableMeta, is_date
from .odata import current
from .store import check_not_smaller, read_meta, read_table, write_table
from .tidy import normalize_filters, normalize_select, select_rows

log = logging.getLogger(__name__)

Source = Literal["auto", "live", "cache", "snapshot"]
Filters = Mapping[str, str | int | Iterable[str | int]]
MAX_AGE = timedelta(days=7)
OFFLINE_PAUSE = timedelta(minutes=10)  # after CBS failed, `auto` skips live for this long
_offline_since: datetime | None = None
_unwritable: set[Path] = set()  # cache folders already warned about
_TABLE_ID = re.compile(r"[0-9A-Za-z]{5,12}(-[a-z0-9]+)?")


def check_table_id(table_id: object) -> str:
    if not isinstance(table_id, str):
        raise UnknownTableError(f"a table id is text like '71488ned', not {table_id!r:.40}")
    if not _TABLE_ID.fullmatch(table_id) and _snapshot_stem(table_id) is None:
        shown = (
            repr(table_id)
            if len(table_id) <= 40
            else f"{table_id[:30]!r}... ({len(table_id)} characters)"
        )
        raise UnknownTableError(
            f"{shown} is not a CBS table id (e.g. '71488ned', '85766NED'). See "
            "`python -m eenzaamheid tables` for the snapshot, or find one with "
            "eenzaamheid.search('word')."
        )
    return table_id


def snapshot_tables() -> list[str]:
    return sorted(p.stem for p in current().snapshot_dir.glob("*.parquet"))


def _snapshot_stem(table_id: str) -> Path | None:
    for name in snapshot_tables():  # CBS ids are case-insensitive: 85766ned == 85766NED
        if name.lower() == table_id.lower():
            return current().snapshot_dir / name
    return None


def cache_stem(table_id: str, *parts: object) -> Path:
    key = json.dumps(parts, sort_keys=True, default=str)
    return current().cache_dir / table_id.lower() / hashlib.sha256(key.encode()).hexdigest()[:12]


def _cache_stem(table_id: str, filters: Filters | None, select: Iterable[str] | None) -> Path:
    filters, select = normalize_filters(filters), normalize_select(select)
    selection = {k: sorted(v) for k, v in sorted((filters or {}).items())}
    return cache_stem(table_id, selection, sorted(select) if select is not None else None)


def from_snapshot(table_id: str, *, copy: bool = True) -> pd.DataFrame:
    """The snapshot's table; ``copy=False``: the one kept in memory, not to be changed."""
    stem = _snapshot_stem(table_id)
    if stem is None:
        raise UnknownTableError(
            f"{table_id!r} is not in the snapshot ({current().snapshot_dir}); it holds "
            f"{snapshot_tables()}. Load it with source='live' when online."
        )
    frame = read_table(stem, copy=copy)
    if copy:
        frame.attrs["meta"].source = "snapshot"
    return frame


def _from_snapshot(table_id: str, filters, select) -> pd.DataFrame:
    frame = from_snapshot(table_id, copy=False)
    meta = TableMeta.from_dict(frame.attrs["meta"].to_dict())
    result = select_rows(frame, meta, filters, select)
    if result is frame or not (filters or select is not None):
        result = frame.copy()
    meta.source = "snapshot"
    meta.selection = {"filters": dict(filters or {}), "select": list(select or []) or None}
    meta.columns = list(result.columns)
    result.attrs["meta"] = meta
    return result


def from_cache(stem: Path) -> pd.DataFrame | None:
    """The cached table, or None when absent or damaged (damage is reported)."""
    if not stem.with_suffix(".parquet").exists():
        return None
    try:
        frame = read_table(stem)
    except CorruptStoreError as exc:
        warnings.warn(f"ignoring a cache entry: {exc}", stacklevel=4)
        return None
    frame.attrs["meta"].source = "cache"
    return frame


def _fresh(frame: pd.DataFrame | None, max_age: timedelta) -> bool:
    if frame is None:
        return False
    try:
        retrieved = datetime.fromisoformat(frame.attrs["meta"].retrieved_at)
    except ValueError:
        return False
    return datetime.now(UTC) - retrieved <= max_age


def keep(stem: Path, frame: pd.DataFrame) -> pd.DataFrame:
    """Store a download in the cache; an unwritable cache warns once and keeps nothing."""
    try:
        write_table(stem, frame, frame.attrs["meta"], sidecar=False)
    except OSError as exc:
        folder = current().cache_dir
        if folder not in _unwritable:
            _unwritable.add(folder)
            warnings.warn(
                f"the cache folder {folder} cannot be written ({exc.strerror or exc}); the data "
                "is returned but not kept. Set EENZAAMHEID_CACHE to a writable folder.",
                CacheWriteWarning,
                stacklevel=4,
            )
    return frame


def check_force(force: object) -> bool:
    """``force`` as given, when it is True or False."""
    if not isinstance(force, bool):
        raise InvalidArgumentError(f"force is True or False, not {force!r:.40}")
    return force


def _check_timeout(timeout: object) -> float | None:
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout < 1e6:
        raise InvalidArgumentError(f"timeout is a positive number of seconds, not {timeout!r:.40}")
    return float(timeout)


def load(
    table_id: str,
    filters: Filters | None = None,
    select: Iterable[str] | str | None = None,
    *,
    source: Source | None = None,
    max_age: timedelta = MAX_AGE,
    timeout: float | None = None,
    force: bool = False,
) -> pd.DataFrame:
    """Load a CBS table as a tidy DataFrame; metadata in ``df.attrs["meta"]``.

    ``filters`` maps a dimension to codes or labels (padded or not), e.g.
    ``{"RegioS": ["NL01", "Groningen"]}``; ``select`` lists topic keys, e.g.
    ``["Alleenstaand_4"]``. ``source`` defaults to the setting (``$EENZAAMHEID_SOURCE``, else
    ``"auto"``). ``timeout``: seconds all requests to CBS may take together
    (``$EENZAAMHEID_TIMEOUT``, else 60). A download with fewer rows, codes, columns or figures
    than the cached copy of the same query does not replace it unless ``force=True``.
    """
    table_id = check_table_id(table_id)
    filters, select = normalize_filters(filters), normalize_select(select)
    timeout = _check_timeout(timeout)
    check_force(force)
    if not isinstance(max_age, timedelta):
        raise InvalidArgumentError(
            f"max_age is a timedelta, e.g. timedelta(days=7), not {max_age!r:.40}"
        )
    source = source or current().source
    if source not in ("auto", "live", "cache", "snapshot"):
        raise InvalidArgumentError(
            f"source is 'auto', 'live', 'cache' or 'snapshot', not {source!r:.40}"
        )
    if source == "snapshot" or (source == "auto" and _snapshot_only(table_id)):
        # Tables whose snapshot has no live OData equivalent (transcriptions, table layouts)
        # come from the snapshot in `auto`; live data: load(..., source="live").
        return _from_snapshot(table_id, filters, select)
    return chain(
        table_id,
        source,
        _cache_stem(table_id, filters, select),
        live=lambda: odata.fetch_table(table_id, filters, select, timeout=timeout),
        snapshot=lambda: _from_snapshot(table_id, filters, select),
        max_age=max_age,
        guard=not force,
    )


def chain(
    what: str,
    source: str,
    stem: Path,
    *,
    live: Callable[[], pd.DataFrame],
    snapshot: Callable[[], pd.DataFrame] | None,
    max_age: timedelta = MAX_AGE,
    guard: bool = False,
) -> pd.DataFrame:
    """``source`` for something CBS serves and the cache keeps: the cache, live (kept in the
    cache), or ``auto``: a fresh cache, live, the cache however old, the snapshot. With
    ``guard``, a download smaller than the cached copy does not replace it."""
    global _offline_since

    def download() -> pd.DataFrame:
        frame = live()
        if guard:
            check_not_smaller(stem, frame, what)
        return keep(stem, frame)

    if source == "cache":
        if not stem.with_suffix(".parquet").exists():
            raise UnknownTableError(
                f"{what} with this selection is not in the cache ({stem.parent}); load it "
                "with source='live' or 'auto' first"
            )
        frame = read_table(stem)
        frame.attrs["meta"].source = "cache"
        return frame
    if source == "live":
        return download()
    cached = from_cache(stem)
    if _fresh(cached, max_age):
        log.info("%s: from the cache, retrieved %s", what, cached.attrs["meta"].retrieved_at)
        return cached
    try:
        if _recently_offline():
            error = CbsUnavailableError(f"CBS was unreachable at {_offline_since:%H:%M} UTC")
            error.reason = f"unreachable at {_offline_since:%H:%M} UTC"
            raise error
        return download()
    except (CbsUnavailableError, UnknownFieldError) as exc:
        if isinstance(exc, UnknownFieldError) and cached is None:
            raise  # what was asked is not in the table, and was never had
        if not isinstance(exc, CbsDataError | UnknownFieldError):  # a wrong answer is no
            _offline_since = _offline_since if _recently_offline() else datetime.now(UTC)
        fallback = cached
        if fallback is None and snapshot is not None:
            try:
                fallback = snapshot()
            except UnknownTableError:
                fallback = None
        if fallback is None:
            raise type(exc)(
                f"{what}: CBS could not be used ({_reason(exc)}) and there is no usable copy "
                "in the cache or the snapshot to fall back to. Try again later; "
                "source='live' shows CBS's answer in full."
            ) from exc
        meta = fallback.attrs["meta"]
        when = (
            f"retrieved {meta.retrieved_at[:10]}"
            if is_date(meta.retrieved_at)
            else "(retrieval date not recorded)"
        )
        refused = isinstance(exc, CbsDataError | UnknownFieldError)
        trouble = "CBS's answer refused" if refused else "CBS unreachable"
        warnings.warn(
            f"{trouble} ({_reason(exc)}); using the {meta.source} of {what} {when}, "
            "not today's figures",
            stacklevel=3,
        )
        return fallback


def _reason(exc: CbsUnavailableError | UnknownFieldError) -> str:
    """A few words on why CBS could not be used, for the fallback warning (a cached copy
    holds what CBS's metadata no longer lists: renamed, or cut short)."""
    if isinstance(exc, UnknownFieldError):  # renamed, cut short, or a label now ambiguous
        return f"CBS's metadata no longer fits this query as cached: {str(exc)[:120]}"
    if exc.reason:
        return exc.reason
    if isinstance(exc, CbsTimeoutError):
        return "no complete answer within the deadline"
    if isinstance(exc, CbsDataError):
        return "its answer was incomplete or did not fit the table's metadata"
    return str(exc)[:120]


def _snapshot_only(table_id: str) -> bool:
    """Tables whose snapshot has no live OData equivalent (transcriptions, table layouts)."""
    stem = _snapshot_stem(table_id)
    if stem is None:
        return False
    try:
        return read_meta(stem).layout != "odata"
    except CorruptStoreError:
        return False  # reported when (and if) the snapshot is needed


def _recently_offline() -> bool:
    return _offline_since is not None and datetime.now(UTC) - _offline_since < OFFLINE_PAUSE
