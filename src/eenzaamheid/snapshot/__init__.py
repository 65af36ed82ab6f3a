"""The snapshot layer: writes ``data/snapshot/`` from the unmodified files in ``data/raw/``.

What goes in, and how, is data: ``tables.yaml`` beside this file. Online,
:func:`refresh_snapshot_live` fetches the StatLine tables from CBS again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .. import settings
from ..data import odata
from ..data.store import read_sidecar, write_table
from .codes import dimension_labels
from .counts import projections
from .maps import build_maps
from .others import eurostat_table, rivm_table
from .raw import manifest
from .tables import add_page_figures, export_table, table_layout, transcriptions

SPEC_FILE = Path(__file__).with_name("tables.yaml")


def spec() -> dict[str, Any]:
    """``tables.yaml``: which tables the snapshot holds and how each is made."""
    return yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8"))


def build_tables() -> dict[str, pd.DataFrame]:
    """Every snapshot table, built in memory from the raw files."""
    plan = spec()
    labels, label_sources = dimension_labels(plan["labels"])
    tables = {}
    for table in plan["exports"]:
        frame = export_table(table, labels, label_sources)
        frame.attrs["meta"].notes = list(plan["label_notes"])
        if "page_figures" in table:
            frame = add_page_figures(frame, table["page_figures"])
        tables[table["id"]] = frame
    for table in plan["table_layouts"]:
        tables[table["id"]] = table_layout(table)
    for frame in transcriptions(plan["transcriptions"]):
        tables[frame.attrs["meta"].table_id] = frame
    for frame in projections(plan["projections"]):
        tables[frame.attrs["meta"].table_id] = frame
    for table in plan.get("rivm", []):  # not CBS tables: RIVM and Eurostat
        tables[table["id"]] = rivm_table(table)
    for table in plan.get("eurostat", []):
        tables[table["id"]] = eurostat_table(table)
    for frame in tables.values():
        meta = frame.attrs["meta"]
        meta.source = "snapshot"
        meta.period_range = (
            meta.period_range or f"{frame['periode'].min()}-{frame['periode'].max()}"
        )
    return tables


def build_snapshot(
    out: Path | None = None, tables: dict[str, pd.DataFrame] | None = None
) -> dict[str, int]:
    """Write every snapshot table and map; return rows (or regions) per table. ``tables``:
    what :func:`build_tables` returned, when it has already run."""
    out = out or settings.current().snapshot_dir
    manifest()  # a clear error first when the raw files are missing
    tables = build_tables() if tables is None else tables
    for table_id, frame in tables.items():
        write_table(out / table_id, frame, frame.attrs["meta"])
    _write_readme(out, tables)
    return {k: len(v) for k, v in tables.items()} | build_maps(spec()["maps"], out)


def refresh_snapshot_live(out: Path | None = None) -> dict[str, int]:
    """Online: fetch the snapshot's StatLine tables from CBS again (same topics)."""
    out = out or settings.current().snapshot_dir
    exports = spec()["exports"]
    counts = {}
    for number, table in enumerate(exports, 1):
        print(f"[{number}/{len(exports)}] {table['id']}: downloading from CBS ...", flush=True)
        frame = odata.fetch_table(table["id"], select=list(table["topics"]))
        if table.get("regions"):
            frame = frame[frame["regio_code"].str.startswith(tuple(table["regions"]))]
        write_table(out / table["id"], frame, frame.attrs["meta"])
        counts[table["id"]] = len(frame)
    return counts


def _write_readme(out: Path, tables: dict[str, pd.DataFrame]) -> None:
    lines = [
        "# data/snapshot: the project's offline copy of CBS data",
        "",
        "Written by `python -m eenzaamheid snapshot` from the unmodified files in `data/raw/`",
        "(do not edit by hand). Each table is a Parquet file with a JSON sidecar holding its",
        "metadata, provenance (original source, SHA-256, date and licence of every raw file)",
        'and its own SHA-256. CBS data is licensed CC BY 4.0: credit "Bron: CBS" with the table',
        "number. Tables that are not CBS's (`rivm-…`, `eurostat-…`) name their own credit and",
        "licence in their sidecar (`meta.licence`).",
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
        "`kaarten/`: region boundaries (CBS/PDOK) decoded from `data/raw/maps/`, each file with",
        "its original source, SHA-256 and licence (CC BY 4.0, Bron: CBS/PDOK).",
    ]
    (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def snapshot_summary() -> list[dict]:
    """One line per snapshot table (``python -m eenzaamheid tables``)."""
    rows = []
    for path in sorted(settings.current().snapshot_dir.glob("*.json")):
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
