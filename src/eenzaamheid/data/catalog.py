"""Finding data: :func:`search` over the CBS catalogue, :func:`codes` of a dimension.

Both are live with the cache like any table (``source``: auto, live, cache, snapshot). Offline,
``search`` says so and searches the snapshot's tables; ``codes`` reads the codes and labels
the snapshot's table holds.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, timedelta

import pandas as pd

from ..errors import CbsDataError, CbsUnavailableError, InvalidArgumentError
from . import odata
from .loader import (
    MAX_AGE,
    cache_stem,
    chain,
    check_force,
    check_table_id,
    current,
    from_snapshot,
    snapshot_tables,
)
from .loader import _reason as reason
from .loader import _snapshot_only as snapshot_only
from .meta import TableMeta, column_name, is_date
from .store import read_meta
from .tidy import dimension

SEARCH_COLUMNS = ["id", "title", "period", "modified", "description"]
CODE_COLUMNS = ["code", "label", "group", "description"]


def _source(source: str | None) -> str:
    source = source or current().source
    if source not in ("auto", "live", "cache", "snapshot"):
        raise InvalidArgumentError(
            f"source is 'auto', 'live', 'cache' or 'snapshot', not {source!r:.40}"
        )
    return source


def codes(
    table_id: str,
    dimension_key: str,
    *,
    source: str | None = None,
    timeout: float | None = None,
    force: bool = False,
) -> pd.DataFrame:
    """The codes of one dimension with their labels (and group, description where CBS gives
    them), e.g. ``codes("71488ned", "RegioS")``. Filters accept either. A live list with fewer
    codes than the cached one does not replace it unless ``force=True``."""
    table_id = check_table_id(table_id)
    if not isinstance(dimension_key, str) or not dimension_key.strip():
        raise InvalidArgumentError(
            f"a dimension is a name like 'RegioS', not {dimension_key!r:.40}"
        )
    source = _source(source)
    if source == "snapshot" or (source == "auto" and snapshot_only(table_id)):
        return _snapshot_codes(table_id, dimension_key)

    def live() -> pd.DataFrame:
        frame = odata.fetch_codes(table_id, dimension_key, timeout=timeout)
        frame.attrs["meta"].retrieved_at = datetime.now(UTC).isoformat(timespec="seconds")
        return frame

    stem = cache_stem(table_id, "codes", column_name(dimension_key))  # RegioS and regio: one entry
    frame = chain(
        table_id,
        source,
        stem,
        live=live,
        snapshot=lambda: _snapshot_codes(table_id, dimension_key),
        guard=not check_force(force),
    )
    return frame[CODE_COLUMNS]


def _snapshot_codes(table_id: str, dimension_key: str) -> pd.DataFrame:
    frame = from_snapshot(table_id)
    meta = frame.attrs["meta"]
    column = dimension(meta, dimension_key).column
    code_column = f"{column}_code" if f"{column}_code" in frame else column
    pairs = frame[list(dict.fromkeys([code_column, column]))].drop_duplicates(code_column)
    pairs = pairs.dropna(subset=[code_column]).sort_values(code_column, kind="stable")
    out = pd.DataFrame(
        {
            "code": pairs[code_column].to_numpy(),
            "label": pairs[column].to_numpy(),
            "group": None,
            "description": None,
        },
        dtype="string",
    )
    out.attrs["meta"] = meta
    return out


def search(
    query: str,
    *,
    source: str | None = None,
    timeout: float | None = None,
    max_age: timedelta = MAX_AGE,
    force: bool = False,
) -> pd.DataFrame:
    """Tables in the CBS catalogue whose id, title or description hold every word of
    ``query``: id, title, period, modified, description; best matches first. Offline it
    warns and searches the snapshot's tables. A live catalogue with fewer tables than the
    cached one does not replace it unless ``force=True``."""
    if not isinstance(query, str) or not query.strip():
        raise InvalidArgumentError(
            f"search takes words to look for, e.g. 'eenzaamheid', not {query!r:.40}"
        )
    words = query.lower().split()
    source = _source(source)
    if source == "snapshot":
        return _match(_snapshot_catalogue(), words)

    def live() -> pd.DataFrame:
        frame = odata.fetch_catalogue(timeout=timeout)
        frame.attrs["meta"] = TableMeta(
            table_id="catalogus",
            title="CBS-catalogus (ODataCatalog/Tables)",
            source="live",
            origin=frame.attrs.pop("origin"),
            retrieved_at=datetime.now(UTC).isoformat(timespec="seconds"),
            layout="catalogue",
        )
        return frame

    try:
        catalogue = chain(
            "the CBS catalogue",
            source,
            cache_stem("catalogus"),
            live=live,
            snapshot=None,
            max_age=max_age,
            guard=not check_force(force),
        )
    except CbsUnavailableError as exc:
        if source != "auto":
            raise
        trouble = (
            f"CBS's answer refused ({reason(exc)})"
            if isinstance(exc, CbsDataError)
            else f"offline ({exc.__class__.__name__})"
        )
        warnings.warn(
            f"{trouble}: searching only the {len(snapshot_tables())} tables in the snapshot, "
            "not the CBS catalogue",
            stacklevel=2,
        )
        return _match(_snapshot_catalogue(), words)
    return _match(_catalogue_rows(catalogue), words)


def _one_line(text: object, limit: int = 200) -> str:
    line = " ".join(str(text or "").split())
    return line if len(line) <= limit else line[: limit - 3].rstrip() + "..."


def _catalogue_rows(catalogue: pd.DataFrame) -> pd.DataFrame:
    catalogue = catalogue.astype("string")  # also an entry without rows (typed as numbers)
    summary = catalogue["Summary"].fillna("")
    short = catalogue["ShortDescription"].fillna("")
    return pd.DataFrame(
        {
            "id": catalogue["Identifier"],
            "title": catalogue["Title"],
            "period": catalogue["Period"],
            "modified": catalogue["Modified"].str.slice(0, 10),
            "description": [_one_line(s or d) for s, d in zip(summary, short, strict=True)],
            "_text": (catalogue["ShortTitle"].fillna("") + " " + short).str.lower(),
        }
    )


def _snapshot_catalogue() -> pd.DataFrame:
    rows = []
    for name in snapshot_tables():
        try:
            meta = read_meta(current().snapshot_dir / name)
        except Exception:  # a damaged snapshot file is reported when it is loaded
            continue
        rows.append(
            {
                "id": name,
                "title": meta.title,
                "period": meta.period_range,
                "modified": meta.retrieved_at[:10] if is_date(meta.retrieved_at) else "",
                "description": _one_line(f"snapshot ({meta.layout}): {meta.origin}"),
                "_text": " ".join([*meta.notes, *(t.title for t in meta.topics)]).lower(),
            }
        )
    return pd.DataFrame(rows, columns=[*SEARCH_COLUMNS, "_text"])


def _match(rows: pd.DataFrame, words: list[str]) -> pd.DataFrame:
    ids, titles = rows["id"].fillna("").str.lower(), rows["title"].fillna("").str.lower()
    rest = rows["description"].fillna("").str.lower() + " " + rows["_text"].fillna("")
    score = pd.Series(0, index=rows.index)
    found = pd.Series(True, index=rows.index)
    for word in words:
        pattern = re.escape(word)
        in_title = titles.str.contains(pattern) | (ids == word)
        in_rest = rest.str.contains(pattern)
        found &= in_title | in_rest
        score += 2 * in_title.astype(int) + in_rest.astype(int)
    result = rows.assign(_score=score)[found]
    result = result.sort_values(["_score", "modified"], ascending=False, kind="stable")
    return result[SEARCH_COLUMNS].astype("string").reset_index(drop=True)
