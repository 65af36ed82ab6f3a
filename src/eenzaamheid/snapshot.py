"""Write ``data/snapshot/``: only what the stories use, each table with its provenance.

Offline it is built from the real CBS material in ``../shared/cbs/`` (StatLine exports, CBS
code lists recorded from OData, figures transcribed from CBS pages). Online
(``python -m eenzaamheid snapshot --live``) the OData tables are fetched from CBS again.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import odata
from .loader import snapshot_dir
from .maps import MAP_CREDIT, decode_geojson, decode_topojson
from .meta import Dimension, TableMeta, Topic
from .periods import period_columns
from .statline import read_statline_csv
from .store import read_sidecar, sha256, write_table
from .tidy import select_rows

STATLINE_URL = "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{}"
LABELS_SUPPLIED = "labels supplied by the snapshot step (the export carries codes only): "


def shared_dir() -> Path:
    """``../shared/cbs`` beside the checkout, or ``$EENZAAMHEID_SHARED``."""
    default = Path(__file__).resolve().parents[3] / "shared" / "cbs"
    return Path(os.environ.get("EENZAAMHEID_SHARED", default))


def _topics(*specs: tuple[str, str, str]) -> dict[str, Topic]:
    return {key: Topic(key, title, unit) for key, title, unit in specs}


@dataclass
class ExportSpec:
    """One CBS table in the snapshot, read from StatLine export(s) in ``shared/cbs/exports``."""

    table_id: str
    title: str
    files: list[str]
    export_dates: list[str]
    topics: dict[str, Topic]
    filters: dict[str, list[str]] = field(default_factory=dict)
    region_prefixes: tuple[str, ...] = ()


_PERSONS = "aantal"
SPECS = [
    ExportSpec(
        "37296ned",
        "Bevolking, huishoudens en bevolkingsontwikkeling; vanaf 1899",
        ["37296ned_1950-2022_NL.csv"],
        ["2024-03-26"],
        _topics(
            ("TotaleBevolking_1", "Bevolking op 1 januari: totaal", _PERSONS),
            ("Mannen_2", "Bevolking op 1 januari: mannen", _PERSONS),
            ("Vrouwen_3", "Bevolking op 1 januari: vrouwen", _PERSONS),
            ("JongerDan20Jaar_10", "Bevolking: jonger dan 20 jaar", _PERSONS),
            ("k_20Tot40Jaar_11", "Bevolking: 20 tot 40 jaar", _PERSONS),
            ("k_40Tot65Jaar_12", "Bevolking: 40 tot 65 jaar", _PERSONS),
            ("k_65Tot80Jaar_13", "Bevolking: 65 tot 80 jaar", _PERSONS),
            ("k_80JaarOfOuder_14", "Bevolking: 80 jaar of ouder", _PERSONS),
            ("TotaalHuishoudens_62", "Particuliere huishoudens: totaal", "x 1 000"),
            ("Eenpersoonshuishoudens_63", "Eenpersoonshuishoudens", "x 1 000"),
            ("Meerpersoonshuishoudens_64", "Meerpersoonshuishoudens", "x 1 000"),
            ("GemiddeldeHuishoudensgrootte_65", "Gemiddelde huishoudensgrootte", "aantal"),
            ("PersonenInInstitutioneleHuishoudens_66", "Personen in instellingen", "x 1 000"),
        ),
    ),
    ExportSpec(
        "71488ned",
        "Huishoudens; personen naar geslacht, leeftijd en regio, 1 januari",
        ["71488ned_2000-2024_NL-provincies.csv"],
        ["2025-06-05"],
        _topics(
            ("TotaalPersonenInHuishoudens_1", "Totaal personen in huishoudens", _PERSONS),
            ("TotaalInParticuliereHuishoudens_2", "Personen in particuliere huishoudens", _PERSONS),
            ("ThuiswonendKind_3", "Thuiswonend kind", _PERSONS),
            ("Alleenstaand_4", "Alleenstaand", _PERSONS),
            ("TotaalSamenwonendePersonen_5", "Samenwonende personen", _PERSONS),
            (
                "PartnerInNietGehuwdPaarZonderKi_6",
                "Partner in niet-gehuwd paar zonder kinderen",
                _PERSONS,
            ),
            (
                "PartnerInGehuwdPaarZonderKinderen_7",
                "Partner in gehuwd paar zonder kinderen",
                _PERSONS,
            ),
            (
                "PartnerInNietGehuwdPaarMetKinderen_8",
                "Partner in niet-gehuwd paar met kinderen",
                _PERSONS,
            ),
            ("PartnerInGehuwdPaarMetKinderen_9", "Partner in gehuwd paar met kinderen", _PERSONS),
            ("OuderInEenouderhuishouden_10", "Ouder in eenouderhuishouden", _PERSONS),
            ("OverigLidHuishouden_11", "Overig lid huishouden", _PERSONS),
            (
                "PersonenInInstitutioneleHuishoudens_12",
                "Personen in institutionele huishoudens",
                _PERSONS,
            ),
        ),
    ),
    ExportSpec(
        "70072ned",
        "Regionale kerncijfers Nederland",
        ["70072ned_1995-2019_provincies.csv", "70072ned_2015_gemeenten.csv"],
        ["", ""],
        _topics(
            ("TotaleBevolking_1", "Bevolking op 1 januari: totaal", _PERSONS),
            (
                "TotaalAantalParticuliereHuishoudens_82",
                "Particuliere huishoudens: totaal",
                "aantal",
            ),
            ("Eenpersoonshuishoudens_83", "Eenpersoonshuishoudens", "aantal"),
            ("Eenpersoonshuishoudens_86", "Eenpersoonshuishoudens (% van huishoudens)", "%"),
            ("GemiddeldeHuishoudensgrootte_89", "Gemiddelde huishoudensgrootte", "aantal"),
        ),
        region_prefixes=("NL", "PV", "GM"),
    ),
]

# 71488ned's age codes in StatLine page order (shared/cbs/README.md): 5-year groups, then 95+.
_AGE_GROUPS = [f"{a} tot {a + 5} jaar" for a in range(0, 95, 5)]
AGE_LABELS_71488 = {
    "10000": "Totaal",
    **{f"7{i + 1:02d}00": label for i, label in enumerate(_AGE_GROUPS)},
    "22000": "95 jaar of ouder",
}


def _code_list(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        return {row["Key"].strip(): row["Title"] for row in csv.DictReader(handle)}


def region_labels(shared: Path) -> dict[str, str]:
    """Region names from CBS itself: a RegioS code list, the Code/Naam topics of 70072ned (2015),
    and for provinces today's names from the CBS/PDOK 2023 map (PV21 "Fryslân")."""
    labels = _code_list(shared / "odata-v3/csv-dumps/83262NED/RegioS.csv")
    municipal = read_statline_csv(shared / "exports/70072ned_2015_gemeenten.csv")
    keys = list(municipal.columns)
    for code_key, name_key in itertools.pairwise(keys):
        if code_key.startswith("Code_") and name_key.startswith("Naam_"):
            pairs = municipal[[code_key, name_key]].dropna().drop_duplicates()
            labels.update(dict(zip(pairs[code_key], pairs[name_key].str.strip(), strict=True)))
    provinces = json.loads((shared / "maps/provincie_2023.geojson").read_text(encoding="utf-8"))
    labels.update(
        {f["properties"]["statcode"]: f["properties"]["statnaam"] for f in provinces["features"]}
    )
    return labels


def _labels(shared: Path) -> tuple[dict[str, dict[str, str]], list[str]]:
    labels = {
        "RegioS": region_labels(shared),
        "Geslacht": _code_list(shared / "odata-v3/csv-dumps/83262NED/Geslacht.csv"),
        "Leeftijd": AGE_LABELS_71488,
    }
    notes = [
        LABELS_SUPPLIED + "RegioS from the CBS code list of 83262NED (odata-v3/csv-dumps) and "
        "the Code/Naam topics of 70072ned; province names from maps/provincie_2023.geojson; "
        "Geslacht from 83262NED's code list",
        LABELS_SUPPLIED + "Leeftijd (71488ned) in StatLine page order per shared/cbs/README.md: "
        "10000 Totaal, 70100..71900 = 0 tot 5 .. 90 tot 95 jaar, 22000 = 95 jaar of ouder",
        "topic titles and units supplied by the snapshot step from the topic keys and the "
        "StatLine table pages (the UntypedDataSet export carries neither)",
    ]
    return labels, notes


def _source(shared: Path, name: str, export_date: str, rows: int) -> dict:
    path = shared / "exports" / name
    return {
        "file": f"shared/cbs/exports/{name}",
        "sha256": sha256(path),
        "export_date": export_date or "unknown",
        "rows": rows,
    }


def build_export_table(spec: ExportSpec, shared: Path) -> pd.DataFrame:
    labels, notes = _labels(shared)
    frames, sources = [], []
    for name, date in zip(spec.files, spec.export_dates, strict=True):
        frame = read_statline_csv(
            shared / "exports" / name, labels=labels, topics=spec.topics, title=spec.title
        )
        meta = frame.attrs["meta"]
        frame = select_rows(frame, meta, select=list(spec.topics))
        if spec.region_prefixes:
            frame = frame[frame["regio_code"].str.startswith(spec.region_prefixes)]
        frames.append(frame)
        sources.append(_source(shared, name, date, len(frame)))
    table = pd.concat(frames, ignore_index=True)
    keys = [c for c in table.columns if c.endswith("_code")]
    table = _drop_agreeing_duplicates(table, keys)
    meta.topics = list(spec.topics.values())
    meta.source, meta.sources, meta.notes = "snapshot", sources, notes
    meta.origin = ", ".join(s["file"] for s in sources)
    meta.retrieved_at = max(spec.export_dates)
    table.attrs["meta"] = meta
    return table


def _drop_agreeing_duplicates(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows present in two exports (PV 2015 in 70072ned) must agree; keep one."""
    duplicated = table[table.duplicated(keys, keep=False)]
    if not duplicated.empty:
        disagree = duplicated.groupby(keys).nunique(dropna=False).gt(1).any(axis=None)
        if disagree:
            raise ValueError(f"exports disagree on rows present in both: {keys}")
    return table.drop_duplicates(keys).sort_values(keys, kind="stable").reset_index(drop=True)


def add_page_figures(table: pd.DataFrame, shared: Path) -> pd.DataFrame:
    """Append the 2025 national 71488ned figures transcribed from the StatLine page."""
    page = pd.read_csv(shared / "statline-pages/huishoudens.csv", dtype=str)
    by_title = {"Personen in particuliere huishoudens: Alleenstaand": "Alleenstaand_4"}
    meta = table.attrs["meta"]
    by_title |= {t.title: t.key for t in meta.topics}
    rows = []
    for (year, region), group in page.groupby(["year", "region"]):
        codes = {"Nederland": "NL01"}
        row = {
            "geslacht_code": "T001038",
            "leeftijd_code": "10000",
            "regio_code": codes[region],
            "periode_code": f"{year}JJ00",
        }
        for _, figure in group.iterrows():
            row[by_title[figure["measure"]]] = float(figure["value"])
        rows.append(row)
    extra = pd.DataFrame(rows)
    labelled = table.drop_duplicates(["geslacht_code", "leeftijd_code", "regio_code"])
    extra = extra.merge(
        labelled[["geslacht_code", "geslacht", "leeftijd_code", "leeftijd", "regio_code", "regio"]],
        how="left",
    )
    extra = pd.concat([extra, period_columns(extra["periode_code"])], axis=1)
    meta.sources.append(
        {
            "file": "shared/cbs/statline-pages/huishoudens.csv",
            "sha256": sha256(shared / "statline-pages/huishoudens.csv"),
            "url": page["url"].iloc[0],
            "rows": len(extra),
            "what": "2025, Nederland, totaal: transcribed from the StatLine page; "
            "only the topics the page shows, the rest stays empty",
        }
    )
    out = pd.concat([table, extra[table.columns.intersection(extra.columns)]], ignore_index=True)
    out = out.astype(table.dtypes.to_dict())
    out.attrs["meta"] = meta
    return out


def build_table_layout_population(shared: Path) -> pd.DataFrame:
    """37296ned 1899-2019 in the StatLine table layout: population before 1950 (x 1 000)."""
    name = "37296ned_1899-2019_bevolking_statline-layout.csv"
    frame = read_statline_csv(shared / "exports" / name)
    meta = frame.attrs["meta"]
    keep = [t for t in meta.topics if "Naar geslacht" in t.key or "Naar leeftijd" in t.key]
    frame = select_rows(frame, meta, select=[t.key for t in keep])
    meta.table_id, meta.layout = "37296ned-tabel", "statline-tabel"
    meta.topics, meta.source = keep, "snapshot"
    meta.sources = [_source(shared, name, "2021-02-01", len(frame))]
    meta.origin, meta.retrieved_at = meta.sources[0]["file"], "2021-02-01"
    meta.period_range = f"{frame['periode'].iloc[0]}-{frame['periode'].iloc[-1]}"
    meta.notes.append("values in x 1 000 as published; 1899 has no figure ('.')")
    frame.attrs["meta"] = meta
    return frame


def build_transcriptions(shared: Path) -> list[pd.DataFrame]:
    """Loneliness figures read off CBS and RIVM pages: one table per survey, URL per figure."""
    path = shared / "statline-pages/eenzaamheid.csv"
    page = pd.read_csv(path, dtype=str, keep_default_na=False)
    page["percent"] = pd.to_numeric(page["percent"]).astype("Float64")
    out = []
    for table_id, survey, title in [
        ("85766NED", "Sociale samenhang en welzijn", "Eenzaamheid; persoonskenmerken"),
        (
            "gezondheidsmonitor",
            "Gezondheidsmonitor Volwassenen en Ouderen",
            "Gezondheidsmonitor Volwassenen en Ouderen (GGD'en, CBS, RIVM): eenzaamheid",
        ),
    ]:
        rows = page[page["survey"] == survey].reset_index(drop=True)
        codes = rows["year"] + "JJ00"
        frame = pd.concat(
            [
                codes.rename("periode_code"),
                period_columns(codes),
                rows[
                    [
                        "population",
                        "breakdown",
                        "group",
                        "measure",
                        "level",
                        "percent",
                        "precision",
                        "source_kind",
                        "url",
                        "note",
                        "table",
                    ]
                ].set_axis(
                    [
                        "populatie",
                        "indeling",
                        "groep",
                        "maat",
                        "niveau",
                        "percentage",
                        "precisie",
                        "bron_soort",
                        "bron_url",
                        "toelichting",
                        "tabel",
                    ],
                    axis=1,
                ),
            ],
            axis=1,
        )
        meta = TableMeta(
            table_id=table_id,
            title=title,
            dimensions=[Dimension("Perioden", "Perioden", "periode")]
            + [Dimension(k, k.capitalize(), k) for k in ("indeling", "groep", "maat", "niveau")],
            topics=[Topic("percentage", "Aandeel van de bevolking", "%", 1)],
            source="snapshot",
            origin="shared/cbs/statline-pages/eenzaamheid.csv",
            retrieved_at="",
            period_range=f"{rows['year'].min()}-{rows['year'].max()}",
            layout="transcription",
            sources=[
                {
                    "file": "shared/cbs/statline-pages/eenzaamheid.csv",
                    "sha256": sha256(path),
                    "rows": len(frame),
                    "urls": sorted(rows["url"].unique()),
                }
            ],
            notes=[
                "no machine-readable copy was found: figures transcribed from web pages, "
                "each row with its URL; precisie 'exact' = one decimal as published, "
                "'rounded' = whole percent from a news text",
            ],
        )
        if table_id == "gezondheidsmonitor":
            meta.licence = "Bron: GGD'en, CBS en RIVM (Gezondheidsmonitor Volwassenen en Ouderen)"
            meta.notes.append(
                "another survey, population (18/19+) and scale (De Jong-Gierveld) "
                "than CBS's Sociale samenhang en welzijn: do not share an axis"
            )
        frame.attrs["meta"] = meta
        out.append(frame)
    return out


MAPS = {"gemeente_2015": "gemeente_2015.topojson", "provincie_2023": "provincie_2023.geojson"}


def build_maps(shared: Path, out: Path) -> dict[str, int]:
    """Decode the shared boundary files into ``kaarten/<name>.json`` with their provenance."""
    counts = {}
    for name, file in MAPS.items():
        path = shared / "maps" / file
        data = json.loads(path.read_text(encoding="utf-8"))
        regions = (
            decode_topojson(data, name) if file.endswith(".topojson") else decode_geojson(data)
        )
        record = {
            "name": name,
            "source": f"shared/cbs/maps/{file}",
            "sha256": sha256(path),
            "crs": "EPSG:28992 (RD New), metres",
            "licence": f"CC BY 4.0, Bron: {MAP_CREDIT}",
            "note": "generalised boundaries for national maps (cartomap/nl); see shared/cbs/maps/README.md",
            "regions": regions,
        }
        target = out / "kaarten" / f"{name}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
        )
        counts[f"kaarten/{name}"] = len(regions)
    return counts


def build_snapshot(shared: Path | None = None, out: Path | None = None) -> dict[str, int]:
    """Write every snapshot table from the shared CBS material; return rows per table."""
    shared, out = shared or shared_dir(), out or snapshot_dir()
    if not (shared / "exports").is_dir():
        raise FileNotFoundError(f"no CBS material at {shared} (set EENZAAMHEID_SHARED)")
    tables = {spec.table_id: build_export_table(spec, shared) for spec in SPECS}
    tables["71488ned"] = add_page_figures(tables["71488ned"], shared)
    tables["37296ned-tabel"] = build_table_layout_population(shared)
    for frame in build_transcriptions(shared):
        tables[frame.attrs["meta"].table_id] = frame
    for table_id, frame in tables.items():
        meta = frame.attrs["meta"]
        if not meta.period_range:
            meta.period_range = f"{frame['periode'].min()}-{frame['periode'].max()}"
        write_table(out / table_id, frame, meta)
    _write_readme(out, tables)
    return {k: len(v) for k, v in tables.items()} | build_maps(shared, out)


def refresh_snapshot_live(out: Path | None = None) -> dict[str, int]:
    """Online: fetch the snapshot's OData tables from CBS again (same topics)."""
    out = out or snapshot_dir()
    counts = {}
    for number, spec in enumerate(SPECS, 1):
        print(f"[{number}/{len(SPECS)}] {spec.table_id}: downloading from CBS ...", flush=True)
        frame = odata.fetch_table(spec.table_id, select=list(spec.topics))
        if spec.region_prefixes:
            frame = frame[frame["regio_code"].str.startswith(spec.region_prefixes)]
        write_table(out / spec.table_id, frame, frame.attrs["meta"])
        counts[spec.table_id] = len(frame)
    return counts


def _write_readme(out: Path, tables: dict[str, pd.DataFrame]) -> None:
    lines = [
        "# data/snapshot: the project's offline copy of CBS data",
        "",
        "Written by `python -m eenzaamheid snapshot` (do not edit by hand). Each table is a",
        "Parquet file with a JSON sidecar holding its metadata, provenance and SHA-256.",
        'CBS data is licensed CC BY 4.0: credit "Bron: CBS" with the table number.',
        "",
        "| table | title | rows | periods | layout | from |",
        "|---|---|---|---|---|---|",
    ]
    for table_id, frame in tables.items():
        meta = frame.attrs["meta"]
        lines.append(
            f"| {table_id} | {meta.title} | {len(frame)} | {meta.period_range} | "
            f"{meta.layout} | {meta.origin} |"
        )
    lines += [
        "",
        "`kaarten/`: region boundaries (CBS/PDOK, RD New) decoded from shared/cbs/maps,",
        "each file with its source, SHA-256 and licence (CC BY 4.0, Bron: CBS/PDOK).",
    ]
    (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def snapshot_summary() -> list[dict]:
    """One line per snapshot table (``python -m eenzaamheid tables``)."""
    rows = []
    for path in sorted(snapshot_dir().glob("*.json")):
        sidecar = read_sidecar(path.with_suffix(""))
        meta = sidecar["meta"]
        rows.append(
            {
                "table": path.stem,
                "title": meta["title"],
                "rows": sidecar["rows"],
                "periods": meta["period_range"],
                "layout": meta["layout"],
            }
        )
    return rows
