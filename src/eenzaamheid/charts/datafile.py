"""The numbers behind a chart, as a writer can use them: every number drawn, each row with its
own source; counts as whole numbers, other numbers rounded; categories and headers in the
chart language, headers with their unit; the columns described for the chart's JSON."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import pandas as pd

from ..errors import InvalidArgumentError, UnknownTableError
from .columns import COLUMNS, COUNT_UNITS, column_label, topic_unit, unit_kind
from .maps import load_map
from .sources import kind_words, row_sources
from .words import category, language, on_its_own, say, text, unit_name

# Text columns that hold category labels, translated with the chart language.
LABEL_COLUMNS = (
    "regio",
    "leeftijd",
    "geslacht",
    "groep",
    "maat",
    "niveau",
    "indeling",
    "oordeel",
    "onderdeel",
    "noemer",
    "populatie",
    "label",
)
# A row's ``precisie``: as published to its last digit, published rounded, or computed by the
# notebook from other rows of the data.
PRECISIONS = ("exact", "rounded", "computed")
# A path inside the repository (``data/raw/maps/...``), not part of a web address.
_PATH = re.compile(r"(?<![\w/.:-])(?:data|src|notebooks|tests|build|figures|seeds)/|^~?/")


@dataclass(frozen=True)
class Column:
    """A data-file column: its key (the notebook's or CBS's), header, kind and unit."""

    key: str
    label: str  # the header: in the chart language, with the unit when the column has one
    kind: str  # count, number, percent, text, period, code or source
    name: str = ""  # the header without its unit
    unit: str = ""

    def record(self) -> dict[str, str]:
        return {"key": self.key, "label": self.label, "kind": self.kind}


@dataclass
class DataFile:
    """The rows as written (columns by key; ints, floats, text or None) and their columns."""

    frame: pd.DataFrame
    columns: list[Column]
    decimals: dict[str, int] = field(default_factory=dict)  # floats' decimals per column

    def labelled(self) -> pd.DataFrame:
        """The rows with the headers a reader sees."""
        return self.frame.set_axis([c.label for c in self.columns], axis=1)


def _map_source(value: object) -> object:
    """A map named by its public source and address, from its provenance record or its file
    (``load_map(name)["source"]`` and its ``["file"]``): never a path on this computer."""
    if isinstance(value, str):
        try:
            record = load_map(PurePosixPath(value).stem)["source"]
        except UnknownTableError:
            return value  # not a map of the snapshot: a path among them is refused below
        value = record if record.get("file") == value else value
    if not isinstance(value, dict) or "source" not in value:
        return value
    origin = value["source"]
    level, _, year = PurePosixPath(str(value.get("file", ""))).stem.partition("_")
    words = {"gemeente": ("gemeentegrenzen", "municipal boundaries")}.get(level)
    words = words or ("provinciegrenzen", "provincial boundaries")
    url = f"https://github.com/{origin['repository']}/blob/{origin['commit']}/{origin['path']}"
    return f"CBS/PDOK, {say(nl=words[0], en=words[1])} {year} ({url})"


def _maps(values: pd.Series) -> pd.Series:
    named = {str(v): _map_source(v) for v in values.drop_duplicates()}
    return values.map(lambda v: named[str(v)])


def _refuse_paths(frame: pd.DataFrame) -> None:
    for name in frame.columns:
        for value in frame[name]:
            if isinstance(value, str) and _PATH.search(value):
                raise InvalidArgumentError(
                    f"column {name!r} holds {value!r}, a path on this computer; a data file names "
                    "public sources only: give the source's name or web address"
                )


def single(values: pd.Series) -> str:
    """The one value of a column (a unit), or ``""`` when it has none or several."""
    found = values.dropna().unique()
    return str(found[0]) if len(found) == 1 else ""


def _numbers(values: pd.Series, counts: pd.Series, decimals: int | None) -> pd.Series:
    """Counts (and columns of whole numbers) as ints, other numbers rounded to ``decimals``
    (one by default): ``456609``, never ``456609.0``."""
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    rest = numbers[~counts].dropna()
    whole = decimals == 0 or (decimals is None and rest.eq(rest.round()).all())
    rounded = numbers.round(1 if decimals is None else decimals)
    written = [
        None if pd.isna(v) else round(v) if whole or count else float(r)
        for v, r, count in zip(numbers, rounded, counts, strict=True)
    ]
    return pd.Series(written, index=values.index, dtype=object)


FIGURE_KEYS = ("percentage", "waarde", "aandeel")  # the figure a row's ``precisie`` is about


def _published_whole(data: pd.DataFrame, values: pd.Series) -> pd.Series:
    """Rows whose figure (a :data:`FIGURE_KEYS` column) was published rounded to a whole
    number (``precisie`` "rounded"): written whole (11, not 11.0, a decimal no one published);
    a number computed from it (a bound of 10.5) keeps its own."""
    if "precisie" not in data or values.name not in FIGURE_KEYS:
        return pd.Series(False, index=values.index)
    numbers = pd.to_numeric(values, errors="coerce")
    return data["precisie"].eq("rounded").fillna(False) & numbers.eq(numbers.round())


def _periods(values: pd.Series) -> pd.Series:
    """Years as numbers (also when the table gives them as text), other periods as text."""
    text = values.dropna().astype(str)
    if pd.api.types.is_numeric_dtype(values) or text.str.fullmatch(r"\d{4}").all():
        return _numbers(values, pd.Series(True, index=values.index), 0)
    return _plain(values)


def _plain(values: pd.Series) -> pd.Series:
    return values.astype(object).where(values.notna(), None)


def _texts(key: str, values: pd.Series) -> pd.Series:
    """Category labels, units and precision in the chart language."""
    if key in LABEL_COLUMNS:  # a label on its own: The Netherlands
        values = values.map(lambda v: on_its_own(category(v)) if isinstance(v, str) else v)
    elif key == "reeks":  # a series, named in the chart language
        values = values.map(lambda v: on_its_own(v) if isinstance(v, str) else v)
    elif key == "eenheid":
        values = values.map(unit_name)
    elif key == "bron_soort":
        values = values.map(kind_words)
    elif key == "precisie":
        words = {precision: text(f"precisie_{precision}") for precision in PRECISIONS}
        unknown = sorted(set(values.dropna()) - set(words) - {""}, key=str)
        if unknown:
            raise InvalidArgumentError(f"precisie {unknown}: use one of {', '.join(PRECISIONS)}")
        values = values.map(lambda v: words.get(v, v))
    return _plain(values)


def _kind(kind: str, unit: str) -> str:
    return unit_kind(unit) if kind == "value" else kind


def _topic(data: pd.DataFrame, key: str) -> tuple[str, str] | None:
    """Title and unit of a topic the stories do not name, from the loaded table's metadata."""
    meta = data.attrs.get("meta")
    for topic in getattr(meta, "topics", []):
        if topic.key == key:
            return topic.title, topic.unit
    return None


def _column(data: pd.DataFrame, key: str, units: pd.Series, decimals: int | None):
    """A column's description and its values as written."""
    values = data[key]
    name, kind = column_label(key)
    unit = topic_unit(key) or ""
    if kind == "value" and key.endswith("_code"):
        name, kind = f"{column_label(key.removesuffix('_code'))[0]} (code)", "code"
    elif kind == "value" and (topic := _topic(data, key)):  # a CBS title is Dutch only
        named = key in COLUMNS  # our own header beats the table's title
        name = name if named else topic[0] if language() == "nl" else key
        unit = topic[1]
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    if kind in ("value", "count", "number", "percent") and numeric:
        by_row = kind == "value" and not unit  # the unit is each row's eenheid
        said = single(units[values.notna()])  # the rows' one unit, where they share one
        if unit and said.startswith(unit):  # "%" of whom, as the rows say it
            unit = said
        unit = unit or (said if by_row else "")
        if kind == "percent" and not unit and "%" not in name:  # a share says it is one
            unit = "%"
        kind = _kind(kind, unit)
        counts = (units.isin(COUNT_UNITS) & by_row) | (kind == "count")
        values = _numbers(values, counts | _published_whole(data, values), decimals)
    elif kind == "period":
        values = _periods(values)
    elif kind == "code" and numeric:
        values = _numbers(values, pd.Series(True, index=values.index), 0)
    else:
        kind = "text" if kind == "value" else kind
        values = _texts(key, values)
    label = f"{name} ({unit_name(unit)})" if unit else name
    return Column(key, label, kind, name, str(unit_name(unit)) if unit else ""), values


def export_frame(data: pd.DataFrame, decimals: dict[str, int] | None = None) -> DataFile:
    """The data as written: each row with its own source line (``bron``), numbers rounded,
    categories and headers in the chart language, no path on this computer."""
    decimals = decimals or {}
    out = data.copy().reset_index(drop=True)
    out["bron"] = row_sources(out)
    if "kaart" in out:
        out["kaart"] = _maps(out["kaart"])
    _refuse_paths(out)
    units = out["eenheid"] if "eenheid" in out else pd.Series(None, index=out.index, dtype=object)
    columns, written = [], {}
    for key in out.columns:
        column, written[key] = _column(out, key, units, decimals.get(key))
        columns.append(column)
    return DataFile(pd.DataFrame(written, index=out.index), columns, decimals)


def about(title: str, subtitle: str, source: str, alt: str, code: str) -> dict[str, str]:
    """The about-sheet of the XLSX file, in the chart language."""
    return {
        say(nl="titel", en="title"): title,
        say(nl="ondertitel", en="subtitle"): subtitle,
        say(nl="bron", en="source"): source,
        say(nl="beschrijving", en="description"): alt,
        say(nl="getekend in", en="drawn in"): code,
        say(nl="afronding", en="rounding"): say(
            nl="aantallen als gehele getallen; andere getallen op één decimaal, tenzij anders "
            "vermeld",
            en="counts as whole numbers; other numbers to one decimal unless stated otherwise",
        ),
        say(nl="taal", en="language"): language(),
    }
