"""Tables that are not CBS StatLine tables: the RIVM small-area estimates (xlsx exports) and
Eurostat's EU-SILC household sizes (SDMX-CSV). Each keeps its own credit line and licence."""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from ..data.meta import Dimension, TableMeta, Topic
from ..data.periods import period_columns
from ..data.tidy import to_numbers
from .raw import RawFile, raw_file


def _origin(what: str, files: list[RawFile]) -> str:
    """``what`` and where its files came from, each repository and commit named once."""
    sources = [f.entry["source"] for f in files]
    places = dict.fromkeys(f"{s['repository']} @ {s['commit'][:12]}" for s in sources)
    count = f"{len(files)} files, " if len(files) > 1 else ""
    return f"{what} ({count}{'; '.join(places)})"


RIVM_COLUMNS = (
    "WijkenEnBuurten",
    "Gemeentenaam_1",
    "SoortRegio_2",
    "Leeftijd",
    "Perioden",
    "Marges",
)


def _cell_text(value: Any) -> str | None:
    """A cell as pandas' ``read_excel(dtype=str)`` gives it, stripped: empty is missing, a
    whole float is written without ``.0``."""
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@cache
def _read_xlsx(
    path: str, sha256: str, topics: tuple[str, ...], regions: tuple[str, ...], margin: str
) -> pd.DataFrame:
    """The rows (regions whose code starts with one of ``regions``, the ``margin``) and the
    columns of one RIVM export that the spec uses, as stripped text cells (read once per
    process; keyed by content). Read with python-calamine itself: pandas converts all of the
    file's 43 columns cell by cell first, 2.5 s of a snapshot build's 9 s; and the rows are
    chosen before their cells are (the districts and neighbourhoods are most of a file)."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    header, wanted = rows[0], [*RIVM_COLUMNS, *topics]
    missing = [name for name in wanted if name not in header]
    if missing:
        raise ValueError(f"{path}: no column {missing}; the spec names columns the file lacks")
    places = {name: header.index(name) for name in wanted}
    region, margins = places["WijkenEnBuurten"], places["Marges"]
    kept = [
        row
        for row in rows[1:]
        if (_cell_text(row[region]) or "").startswith(regions)
        and _cell_text(row[margins]) == margin
    ]
    cells = {name: [_cell_text(row[i]) for row in kept] for name, i in places.items()}
    return pd.DataFrame(cells, dtype=object)


def rivm_table(spec: dict[str, Any]) -> pd.DataFrame:
    """RIVM "Gezondheid per wijk en buurt": the regions, margin and topics named in the spec,
    one file per period and age group, codes with labels, numbers as published."""
    topics = [Topic(key, title, unit, 1) for key, (title, unit) in spec["topics"].items()]
    files = [raw_file(name) for name in spec["files"]]
    frames, sources = [], []
    for file in files:
        rows = _read_xlsx(
            str(file.path),
            file.entry["sha256"],
            tuple(spec["topics"]),
            tuple(spec["regions"]),
            spec["margin"],
        )
        unknown = set(rows["Leeftijd"]) - set(spec["ages"])
        if unknown:
            raise ValueError(f"{file.name}: age codes {sorted(unknown)} have no label in the spec")
        frame = pd.DataFrame(
            {
                "wijk_buurt_code": rows["WijkenEnBuurten"],
                "wijk_buurt": rows["Gemeentenaam_1"],
                "soort_regio": rows["SoortRegio_2"],  # Land or Gemeente, as in the file
                "leeftijd_code": rows["Leeftijd"],
                "leeftijd": rows["Leeftijd"].map(spec["ages"]),
                "periode_code": rows["Perioden"],
            }
        ).astype("string")
        frame = pd.concat([frame, period_columns(frame["periode_code"])], axis=1)
        for topic in topics:
            frame[topic.key] = to_numbers(rows[topic.key])
        frames.append(frame)
        sources.append(file.provenance(len(frame)))
    table = pd.concat(frames, ignore_index=True)
    table = table.sort_values(["periode_code", "leeftijd_code", "wijk_buurt_code"], kind="stable")
    meta = TableMeta(
        table_id=spec["id"],
        title=spec["title"],
        dimensions=[
            Dimension("WijkenEnBuurten", "Wijken en buurten", "wijk_buurt"),
            Dimension("Leeftijd", "Leeftijd", "leeftijd"),
            Dimension("Perioden", "Perioden", "periode"),
        ],
        topics=topics,
        origin=_origin(spec["title"], files),
        retrieved_at=max(f.date for f in files),
        period_range=f"{table['periode'].min()}-{table['periode'].max()}",
        layout="rivm-export",
        licence=spec["licence"],
        notes=list(spec["notes"]),
        sources=sources,
    )
    table = table.reset_index(drop=True)
    table.attrs["meta"] = meta
    return table


def _released(rows: pd.DataFrame) -> str:
    """Eurostat's release of the rows (its ``LAST UPDATE`` column, ``15/11/21 23:00:00``) as
    an ISO date; one release per file, or an error."""
    released = pd.to_datetime(rows["LAST UPDATE"], format="%d/%m/%y %H:%M:%S").dt.date.unique()
    if len(released) != 1:
        raise ValueError(f"Eurostat rows from {len(released)} releases: {sorted(released)}")
    return released[0].isoformat()


def eurostat_table(spec: dict[str, Any]) -> pd.DataFrame:
    """Eurostat SDMX-CSV: one household size (``n_person``) per geo and year, with its flag."""
    file = raw_file(spec["file"])
    rows = pd.read_csv(file.path, dtype=str, keep_default_na=False)
    rows = rows[rows["n_person"] == spec["n_person"]].reset_index(drop=True)
    unknown = set(rows["geo"]) - set(spec["geo"])
    if unknown:
        raise ValueError(f"{file.name}: geo codes {sorted(unknown)} have no label in the spec")
    codes = (rows["TIME_PERIOD"] + "JJ00").rename("periode_code")
    flags = rows["OBS_FLAG"].mask(rows["OBS_FLAG"] == "")
    frame = pd.concat(
        [
            pd.DataFrame({"geo_code": rows["geo"], "geo": rows["geo"].map(spec["geo"])}),
            codes,
            period_columns(codes),
        ],
        axis=1,
    ).astype({"geo_code": "string", "geo": "string", "periode_code": "string"})
    frame = frame.astype({"periode": "string", "frequentie": "string"})
    frame["eu27_2020"] = rows["geo"].isin(spec["eu27_2020"])
    frame["aandeel"] = to_numbers(rows["OBS_VALUE"])
    frame["vlag"] = flags.astype("string")
    frame = frame.sort_values(["geo_code", "periode_code"], kind="stable").reset_index(drop=True)
    flag_words = ", ".join(f"{k} = {v}" for k, v in spec["flags"].items())
    meta = TableMeta(
        table_id=spec["id"],
        title=spec["title"],
        dimensions=[
            Dimension("geo", "Land of landengroep (Eurostat-code)", "geo"),
            Dimension("Perioden", "Perioden (EU-SILC-jaar)", "periode"),
        ],
        topics=[
            Topic("aandeel", spec["topic"], "%", 1),
            Topic("vlag", f"Eurostat-vlag (OBS_FLAG): {flag_words}", datatype="text"),
        ],
        origin=_origin(file.entry["title"], [file]),
        retrieved_at=file.date,
        period_range=f"{frame['periode'].min()}-{frame['periode'].max()}",
        layout="eurostat-sdmx",
        licence=spec["licence"],
        notes=list(spec["notes"]),
        sources=[
            file.provenance(
                len(frame), what=f"n_person == {spec['n_person']}", released=_released(rows)
            )
        ],
    )
    frame.attrs["meta"] = meta
    return frame
