"""Turn CBS rows (padded codes, topic strings or numbers) into one tidy, labelled DataFrame."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from ..errors import UnknownFieldError
from .meta import TableMeta
from .periods import period_columns

# StatLine's symbols for "no figure": empty, "." unknown/secret, "x" secret, ".." not yet known.
MISSING_SYMBOLS = frozenset({"", ".", "..", "x", "X"})


def to_numbers(values: pd.Series, *, decimal_comma: bool = False) -> pd.Series:
    """CBS topic values as floats; missing symbols become NA (never 0); anything else raises."""
    if pd.api.types.is_numeric_dtype(values):
        return values.astype("Float64")
    text = values.astype("string").str.strip()
    text = text.mask(text.isin(MISSING_SYMBOLS))
    if decimal_comma:
        text = text.str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(text, errors="coerce")
    bad = text.notna() & numbers.isna()
    if bad.any():
        raise ValueError(f"not a number or CBS missing symbol: {sorted(set(text[bad]))[:5]}")
    return numbers.astype("Float64")


def tidy_frame(
    rows: pd.DataFrame,
    meta: TableMeta,
    labels: Mapping[str, Mapping[str, str]],
    period_status: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Dimensions as ``<name>_code`` + ``<name>`` (label) columns, periods parsed, topics numeric."""
    out: dict[str, pd.Series] = {}
    for dim in meta.dimensions:
        codes = rows[dim.key].astype("string").str.strip()
        out[f"{dim.column}_code"] = codes
        if dim.key == "Perioden":
            for name, column in period_columns(codes).items():
                out[name] = column
            out["status"] = codes.map(dict(period_status or {})).astype("string")
        else:
            out[dim.column] = codes.map(labels.get(dim.key, {})).astype("string")
    for topic in meta.topics:
        values = rows[topic.key]
        is_text = topic.datatype == "text"
        out[topic.key] = values.astype("string").str.strip() if is_text else to_numbers(values)
    return pd.DataFrame(out).reset_index(drop=True)


def _as_codes(value: str | Iterable[str]) -> list[str]:
    values = [value] if isinstance(value, str) else list(value)
    return [str(v).strip() for v in values]


def select_rows(
    frame: pd.DataFrame,
    meta: TableMeta,
    filters: Mapping[str, str | Iterable[str]] | None = None,
    select: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Keep the rows whose codes match ``filters`` and the topics in ``select``; check names."""
    check_selection(meta, filters, select)
    keep = pd.Series(True, index=frame.index)
    for key, wanted in (filters or {}).items():
        column = dimension_column(meta, key)
        column = f"{column}_code" if f"{column}_code" in frame else column  # transcriptions
        codes = _as_codes(wanted)
        unknown = sorted(set(codes) - set(frame[column].dropna()))
        if unknown:
            have = sorted(frame[column].dropna().unique())
            raise UnknownFieldError(
                f"{meta.table_id}: no code {unknown} in {key}; codes here: {have[:30]}"
            )
        keep &= frame[column].isin(codes)
    result = frame.loc[keep]
    if select is not None:
        dims = [c for c in frame.columns if c not in meta.topic_keys]
        result = result[dims + list(select)]
    return result.reset_index(drop=True)


def dimension_column(meta: TableMeta, key: str) -> str:
    for dim in meta.dimensions:
        if key in (dim.key, dim.column):
            return dim.column
    raise UnknownFieldError(
        f"{meta.table_id} has no dimension {key!r}; it has {[d.key for d in meta.dimensions]}"
    )


def check_selection(
    meta: TableMeta,
    filters: Mapping[str, str | Iterable[str]] | None,
    select: Iterable[str] | None,
) -> None:
    """Raise UnknownFieldError listing what the table has when a name is not in it."""
    for key in filters or {}:
        dimension_column(meta, key)
    missing = [s for s in select or [] if s not in meta.topic_keys]
    if missing:
        raise UnknownFieldError(
            f"{meta.table_id} has no topic {missing}; CBS may have renamed it. "
            f"Topics in this table: {meta.topic_keys}"
        )
