"""The wide layout that newsroom tools want (Datawrapper, Flourish, a chart in Excel): a row per
period or category, a column per series.

From the long data file: the *values* are its number columns (counts, numbers, percentages); the
*rows* are its period when the period takes more than two values (a time series), else the
category column with the most values; the *series* are the fewest other columns that give every
row and series one value (categories first, then the book or a study apart from the data, then
periods, codes and sources); a series never holds both the book's (or a study's) figures and the
data's, and one with no category of its own is named by its origin (``het boek``). Rows of a
category with a code column (``regio`` and ``regio_code``) are one row per code, named by the
first label the data give that code: a place the tables spell two ways is one row. A header
names the series' categories and the unit, e.g. ``Mannen (%)``: a value column's own, else the
unit of its rows (``eenheid``); a series never holds two units (it is split by unit instead); a
year read as a float (a column with a gap) is written whole. What the numbers of a row share
stays beside them, after the series: a level, year or population of the whole file (``Sterk``,
2022, 15+) or of each row (a precision), so that a number quoted from the wide file keeps what
it is. What differs within a row but is one per value (a precision per measure, Eurostat's
flags) goes beside its series, after those: a column per series that has one (``Precisie bij
Eenzaamheid``). Codes and the sources are left out: they are in the long file and the
about-sheet. When no layout holds every value once, there is no wide file (the JSON says
``"wide": null``)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .columns import unit_kind
from .datafile import Column, DataFile, single
from .sources import kind_of
from .words import text

NUMBERS = ("count", "number", "percent")
ALONGSIDE = ("text", "period")  # kinds of column that say what a row's numbers are
NOTES = ("vlag",)  # codes that say something of the value they go with (Eurostat's flags)
_ORDER = {"text": 0, "origin": 1, "period": 2, "code": 3, "source": 4}  # series first
ORIGIN = "_herkomst"  # the book's or a study's rows apart from the data's: a series named briefly
UNIT = "eenheid"  # each row's unit, for a value column without one of its own


@dataclass
class Wide:
    frame: pd.DataFrame  # the headers a reader sees
    rows: str
    series: list[str]
    values: list[str]
    kinds: list[str]  # of each column: the rows', each series' value kind, alongside, notes
    places: list[int]  # decimals of each column's fractional numbers
    alongside: list[str]  # the columns after the series: what a row's numbers share
    notes: list[dict[str, str]]  # then, per column: what (key) it says of which series' values

    def record(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "series": self.series,
            "values": self.values,
            "alongside": self.alongside,
            "notes": self.notes,
            "kinds": self.kinds,
        }


def _clashes(frame: pd.DataFrame, row: str, series: list[str], values: list[str]) -> int:
    """How many values share their row and series with another value."""
    keys = frame[[row, *series]].astype(str)
    return sum(int(keys[frame[v].notna()].duplicated().sum()) for v in values)


def _rows(frame: pd.DataFrame, columns: list[Column], varying: list[str]) -> str | None:
    kinds = {c.key: c.kind for c in columns}
    periods = [k for k in varying if kinds[k] == "period" and frame[k].nunique() > 2]
    texts = [k for k in varying if kinds[k] == "text" and k != UNIT]
    for group in (periods, texts):
        if group:
            return max(group, key=lambda k: frame[k].nunique())  # the first of equals
    return None


def _key(frame: pd.DataFrame, columns: dict[str, Column], row: str) -> str:
    """The column that tells rows apart: the code of the row's category when every row has
    one (``regio_code`` for ``regio``), else the row column itself."""
    code = f"{row}_code"
    found = code in columns and columns[code].kind == "code" and frame[code].notna().all()
    return code if found else row


def _series(frame, row, candidates, values) -> list[str] | None:
    series: list[str] = []
    clashes = _clashes(frame, row, series, values)
    while clashes:
        scored = [(_clashes(frame, row, [*series, k], values), k) for k in candidates]
        best = min(scored, key=lambda pair: pair[0], default=(clashes, None))
        if best[0] >= clashes:
            return None
        clashes = best[0]
        series.append(best[1])
        candidates = [k for k in candidates if k != best[1]]
    return series


def _mixes_origin(frame: pd.DataFrame, series: list[str]) -> bool:
    """Whether a series would hold the book's or a study's figures and the data's."""
    if ORIGIN not in frame or ORIGIN in series:
        return False
    if not series:
        return frame[ORIGIN].nunique() > 1
    return bool((frame.groupby(series, dropna=False)[ORIGIN].nunique() > 1).any())


def _by_unit(frame: pd.DataFrame, series: list[str], values: list[Column]) -> list[str]:
    """The series, split by the rows' unit where one would hold values in two units."""
    if UNIT not in frame or UNIT in series:
        return series
    for value in (v for v in values if not v.unit):
        rows = frame[frame[value.key].notna()]
        if series:
            most = rows.groupby(series, dropna=False)[UNIT].nunique(dropna=False).max()
        else:
            most = rows[UNIT].nunique(dropna=False)
        if most > 1:
            return [*series, UNIT]
    return series


def _unit(value: Column, group: pd.DataFrame) -> str:
    """A value column's unit, else the one unit of the group's rows (or none)."""
    return value.unit or (single(group[UNIT]) if UNIT in group else "")


def _plain(value: object) -> object:
    """A year read as a float (its column holds a gap: ``2019.0``) as the whole number it is."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _header(parts: list, value: Column, several: bool, unit: str) -> str:
    parts = [str(v) for v in parts if v is not None and v != ""]
    if several or not parts:
        parts.append(value.name)
    return ", ".join(parts) + (f" ({unit})" if unit else "")


def _with_origin(frame: pd.DataFrame, columns: dict[str, Column]) -> pd.DataFrame:
    """The frame with :data:`ORIGIN`: the kind of source of rows from the book or a study (as
    the data file words it, ``het boek``), empty for the data's rows."""
    if "bron_soort" not in frame:
        return frame
    apart = frame["bron_soort"].map(lambda kind: kind_of(str(kind)) in ("book", "study"))
    columns[ORIGIN] = Column(ORIGIN, ORIGIN, "origin")
    return frame.assign(**{ORIGIN: frame["bron_soort"].where(apart, "")})


def wide(data: DataFile) -> Wide | None:
    """The data in the wide layout, or None when no layout holds every value once."""
    columns = {c.key: c for c in data.columns}
    frame = _with_origin(data.frame, columns)
    values = [c.key for c in data.columns if c.kind in NUMBERS]
    varying = [key for key in columns if key not in values and frame[key].astype(str).nunique() > 1]
    row = _rows(frame, list(columns.values()), varying)
    if not values or row is None:
        return None
    key = _key(frame, columns, row)
    candidates = sorted(  # of the sources, their source line ("bron") reads best
        (k for k in varying if k not in (row, key)),
        key=lambda k: (_ORDER[columns[k].kind], k != "bron"),
    )
    series = _series(frame, key, candidates, values)
    if series is None:
        return None
    if _mixes_origin(frame, series):  # the book's figure is never in a series of the data's
        series.append(ORIGIN)
    series = _by_unit(frame, series, [columns[v] for v in values])
    cells: dict[str, dict] = {}
    drawn_by: dict[str, pd.DataFrame] = {}  # each series' header: the rows it was drawn from
    named: dict[str, str] = {}  # each series' header: its name without the unit
    kinds, places = [columns[row].kind], [data.decimals.get(row, 0)]
    for value in values:
        rows = frame[frame[value].notna()]
        groups = rows.groupby(series, sort=False, dropna=False) if series else [((), rows)]
        for combo, group in groups:
            combo = tuple(None if pd.isna(v) else v for v in (combo if series else ()))
            own = bool(columns[value].unit)  # else the unit part is said as the unit
            parts = [_plain(v) for k, v in zip(series, combo, strict=True) if own or k != UNIT]
            if all(p in (None, "") for p in parts) and ORIGIN in varying:  # the book's, no year
                parts = [single(group[ORIGIN])]
            unit = _unit(columns[value], group)
            header = _header(parts, columns[value], len(values) > 1, unit)
            if header in cells:
                return None  # two series would share a header
            cells[header] = dict(zip(group[key], group[value], strict=True))
            drawn_by[header] = group
            named[header] = _header(parts, columns[value], len(values) > 1, "")
            kinds.append(
                unit_kind(unit) if unit and not columns[value].unit else columns[value].kind
            )
            places.append(data.decimals.get(value, 1))
    order = list(dict.fromkeys(frame.loc[frame[values].notna().any(axis=1), key]))
    if columns[row].kind == "period":  # a time series in time order, whatever came first
        order = sorted(order, key=str)
    shown = order
    if key != row:  # each code named by the first label the data give it
        names = frame.dropna(subset=[row]).drop_duplicates(key).set_index(key)[row]
        shown = [names.get(k) for k in order]
    table = pd.DataFrame({columns[row].label: pd.Series(map(_plain, shown), dtype=object)})
    for header, by_row in cells.items():
        table[header] = pd.Series([by_row.get(r) for r in order], dtype=object)
    drawn = frame.loc[frame[values].notna().any(axis=1)]
    alongside = [
        k
        for k in columns
        if columns[k].kind in ALONGSIDE
        and k not in (row, key, UNIT, *series)
        and columns[k].label not in table
        and drawn[k].notna().any()
        and drawn.groupby(key, dropna=False)[k].nunique(dropna=False).max() == 1
    ]
    for k in alongside:
        by_row = drawn.drop_duplicates(key).set_index(key)[k]
        table[columns[k].label] = pd.Series([by_row.get(r) for r in order], dtype=object)
        kinds.append(columns[k].kind)
        places.append(data.decimals.get(k, 0))
    notes = []
    for k in _notes(columns, drawn, [row, key, UNIT, *series, *alongside]):
        for header, group in drawn_by.items():
            if group[k].notna().any():
                by_row = group.set_index(key)[k]
                series_name = named[header]  # a flag is no percentage: said without the unit,
                if list(named.values()).count(series_name) > 1:  # unless only it tells apart
                    series_name = header
                name = text("bij_reeks").format(what=columns[k].label, series=series_name)
                table[name] = pd.Series([by_row.get(r) for r in order], dtype=object)
                kinds.append(columns[k].kind)
                places.append(0)
                notes.append({"key": k, "series": header})
    return Wide(table, row, series, values, kinds, places, alongside, notes)


def _notes(columns: dict[str, Column], drawn: pd.DataFrame, taken: list[str]) -> list[str]:
    """The columns that say something of the values drawn but not one thing per row: one
    word per value (a series holds one value per row, so one word per row of it)."""
    return [
        k
        for k in columns
        if (columns[k].kind in ALONGSIDE or k in NOTES)
        and k not in taken
        and drawn[k].notna().any()
    ]
