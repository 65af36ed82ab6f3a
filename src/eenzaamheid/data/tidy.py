"""Turn CBS rows (padded codes, topic strings or numbers) into one tidy, labelled DataFrame;
check what callers ask for (filters, select) and find codes by code or label."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from pandas.api.types import is_numeric_dtype

from ..errors import AmbiguousLabelError, InvalidArgumentError, UnknownFieldError
from .meta import Dimension, TableMeta
from .periods import expand, period_columns

# StatLine's symbols for "no figure": empty, "." unknown/secret, "x" secret, ".." not yet known.
MISSING_SYMBOLS = frozenset({"", ".", "..", "x", "X"})


def to_numbers(values: pd.Series, *, decimal_comma: bool = False) -> pd.Series:
    """CBS topic values as floats; missing symbols become NA (never 0); anything else raises."""
    if is_numeric_dtype(values):
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


def lookup(codes: pd.Series, mapping: Mapping[str, str | None]) -> pd.Series:
    """``codes.map(mapping)`` as text, computed once per distinct code (fast on long tables)."""
    index, uniques = pd.factorize(codes)
    return expand([mapping.get(u) for u in uniques], index, "string").set_axis(codes.index)


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
            out["status"] = lookup(codes, dict(period_status or {}))
        else:
            out[dim.column] = lookup(codes, labels.get(dim.key, {}))
    numeric = _each_to_numbers(rows[[t.key for t in meta.topics if t.datatype != "text"]])
    for topic in meta.topics:
        is_text = topic.datatype == "text"
        out[topic.key] = (
            rows[topic.key].astype("string").str.strip() if is_text else numeric[topic.key]
        )
    return pd.DataFrame(out).reset_index(drop=True)


def _each_to_numbers(columns: pd.DataFrame) -> dict[str, pd.Series]:
    """:func:`to_numbers` of each column; the text columns parsed together in one pass (a
    table can have a thousand topics: one call per column cost a snapshot build 1 s of its 6.6)."""
    out = {key: to_numbers(columns[key]) for key in columns if is_numeric_dtype(columns[key])}
    text = [key for key in columns if key not in out]
    if text:
        flat = pd.Series(columns[text].to_numpy(dtype=object).ravel(order="F"))
        grid = to_numbers(flat).to_numpy("float64", na_value=np.nan)
        grid = grid.reshape((len(columns), len(text)), order="F")
        for i, key in enumerate(text):
            out[key] = pd.Series(grid[:, i], index=columns.index).astype("Float64")
    return out


def normalize_filters(filters: object) -> dict[str, list[str]] | None:
    """``filters`` as ``{dimension: [code or label, ...]}``; a clear error for anything else.
    One value may be given bare (``{"RegioS": "NL01"}``); whole numbers become text."""
    if filters is None:
        return None
    if not isinstance(filters, Mapping):
        raise InvalidArgumentError(
            "filters maps a dimension to codes or labels, e.g. {'RegioS': ['NL01', 'PV20']}, "
            f"not {_brief(filters)}"
        )
    out: dict[str, list[str]] = {}
    for key, value in filters.items():
        if not isinstance(key, str) or not key.strip():
            raise InvalidArgumentError(
                f"a filter's dimension is a name like 'RegioS', not {_brief(key)}"
            )
        values = [value] if isinstance(value, str | int) else value
        if isinstance(values, Mapping | bytes) or not isinstance(values, Iterable):
            raise InvalidArgumentError(
                f"the filter on {key} takes a code or label, or a list of them, not {_brief(value)}"
            )
        codes = [_code_text(key, v) for v in values]
        if not codes:
            raise InvalidArgumentError(
                f"the filter on {key} names no codes; leave {key} out to keep all of it"
            )
        out[key.strip()] = list(dict.fromkeys(codes))
    return out


def _code_text(key: str, value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidArgumentError(
            f"the filter on {key} takes codes or labels as text (e.g. 'NL01'), not {_brief(value)}"
        )
    text = str(value).strip()
    if not text:
        raise InvalidArgumentError(f"the filter on {key} has an empty code")
    return text


def normalize_select(select: object) -> list[str] | None:
    """``select`` as a list of topic keys; one key may be given bare (``"Totaal_1"``)."""
    if select is None:
        return None
    values = [select] if isinstance(select, str) else select
    if isinstance(values, Mapping | bytes) or not isinstance(values, Iterable):
        raise InvalidArgumentError(
            f"select lists topic keys, e.g. ['Totaal_1'], not {_brief(select)}"
        )
    values = list(values)
    bad = [v for v in values if not isinstance(v, str) or not v.strip()]
    if bad:
        raise InvalidArgumentError(
            f"select lists topic keys as text, e.g. ['Totaal_1'], not {_brief(bad[0])}"
        )
    return list(dict.fromkeys(v.strip() for v in values))


def _brief(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def resolve_codes(
    table_id: str, key: str, wanted: Iterable[str], pairs: Iterable[tuple[object, object]]
) -> list[str]:
    """The codes (spelled as the table spells them, padding and all) for ``wanted`` codes or
    exact labels. A label of more than one code is refused, with those codes listed."""
    pairs = [(code, label) for code, label in pairs if isinstance(code, str)]
    by_code = {code.strip(): code for code, _ in pairs}
    by_label: dict[str, list[tuple[str, str]]] = {}
    for code, label in pairs:
        if isinstance(label, str):
            by_label.setdefault(label.strip(), []).append((code, label))
    out, unknown = [], []
    for value in wanted:
        matches = by_label.get(value, [])
        if value in by_code:
            out.append(by_code[value])
        elif len(matches) == 1:
            out.append(matches[0][0])
        elif matches:
            listed = ", ".join(f"{c.strip()} ({label})" for c, label in matches[:12])
            raise AmbiguousLabelError(
                f"{table_id}: {value!r} in {key} is the label of {len(matches)} codes: {listed}; "
                "filter on one of these codes instead"
            )
        else:
            unknown.append(value)
    if unknown:
        lowered = {v.lower() for v in unknown}
        near = sorted(label for label in by_label if label.lower() in lowered)
        hint = f" Did you mean {near}?" if near else ""
        raise UnknownFieldError(
            f"{table_id}: no code or label {unknown} in {key}.{hint} Codes there: "
            f"{sorted(by_code)[:30]}; all of them with labels: "
            f"eenzaamheid.codes({table_id!r}, {key!r})"
        )
    return list(dict.fromkeys(out))


def select_rows(
    frame: pd.DataFrame,
    meta: TableMeta,
    filters: Mapping[str, Iterable[str]] | None = None,
    select: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Keep the rows whose codes (or labels) match ``filters`` and the topics in ``select``."""
    filters = normalize_filters(filters)
    select = normalize_select(select)
    check_selection(meta, filters, select)
    keep = None
    for key, wanted in (filters or {}).items():
        column = dimension_column(meta, key)
        code_column = f"{column}_code" if f"{column}_code" in frame else column  # transcriptions
        present = set(frame[code_column].unique())
        if not all(value in present for value in wanted):  # labels among them: look them up
            pairs = frame[[code_column, column]].drop_duplicates()
            wanted = resolve_codes(meta.table_id, key, wanted, pairs.itertuples(False, None))
        match = frame[code_column].isin(wanted)
        keep = match if keep is None else keep & match
    result = frame if keep is None else frame.loc[keep]
    if select is not None:
        dims = [c for c in frame.columns if c not in meta.topic_keys]
        result = result[dims + list(select)]
    return result.reset_index(drop=True)


def dimension(meta: TableMeta, key: str) -> Dimension:
    """The dimension named by its CBS key (``RegioS``) or its column (``regio``)."""
    for dim in meta.dimensions:
        if key in (dim.key, dim.column):
            return dim
    raise UnknownFieldError(
        f"{meta.table_id} has no dimension {key!r}; it has {[d.key for d in meta.dimensions]}"
    )


def dimension_column(meta: TableMeta, key: str) -> str:
    return dimension(meta, key).column


def check_selection(
    meta: TableMeta,
    filters: Mapping[str, Iterable[str]] | None,
    select: Iterable[str] | None,
) -> list[str]:
    """The dimension keys that ``filters`` names; UnknownFieldError listing what the table
    has when a name is not in it."""
    keys = [dimension(meta, key).key for key in filters or {}]
    twice = [key for key in dict.fromkeys(keys) if keys.count(key) > 1]
    if twice:
        names = [name for name in filters or {} if dimension(meta, name).key == twice[0]]
        raise InvalidArgumentError(
            f"{meta.table_id}: the filters name dimension {twice[0]} twice ({names}); give "
            f"all its codes in one list, e.g. {{'{twice[0]}': ['code1', 'code2']}}"
        )
    missing = [s for s in select or [] if s not in meta.topic_keys]
    if missing:
        raise UnknownFieldError(
            f"{meta.table_id} has no topic {missing}; CBS may have renamed it. "
            f"Topics in this table: {meta.topic_keys}"
        )
    return keys
