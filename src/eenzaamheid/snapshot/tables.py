"""Build each kind of snapshot table from its raw files, as ``tables.yaml`` describes it."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..data.meta import Dimension, TableMeta, Topic
from ..data.periods import period_columns
from ..data.statline import read_statline_csv
from ..data.tidy import select_rows
from .raw import RawFile, raw_file


def _origin(files: list[RawFile]) -> str:
    return "; ".join(f"{f.entry['title']} ({f.describe_source()})" for f in files)


def export_table(
    spec: dict[str, Any], labels: dict[str, dict[str, str]], label_sources: list[dict]
) -> pd.DataFrame:
    """A table from StatLine UntypedDataSet export(s): the listed topics, labelled codes."""
    topics = {key: Topic(key, title, unit) for key, (title, unit) in spec["topics"].items()}
    files = [raw_file(name) for name in spec["files"]]
    frames, sources = [], []
    for file in files:
        frame = read_statline_csv(file.path, labels=labels, topics=topics, title=spec["title"])
        meta = frame.attrs["meta"]
        frame = select_rows(frame, meta, select=list(topics))
        if spec.get("regions"):
            frame = frame[frame["regio_code"].str.startswith(tuple(spec["regions"]))]
        frames.append(frame)
        sources.append(file.provenance(len(frame)))
    table = pd.concat(frames, ignore_index=True)
    table = _drop_agreeing_duplicates(table, [c for c in table.columns if c.endswith("_code")])
    meta.topics = list(topics.values())
    meta.sources = sources + label_sources
    meta.origin = _origin(files)
    meta.retrieved_at = max(f.date for f in files)
    table.attrs["meta"] = meta
    return table


def _drop_agreeing_duplicates(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows present in two exports (PV 2015 in 70072ned) must agree; keep one."""
    duplicated = table[table.duplicated(keys, keep=False)]
    if not duplicated.empty and duplicated.groupby(keys).nunique(dropna=False).gt(1).any(axis=None):
        raise ValueError(f"exports disagree on rows present in both: {keys}")
    return table.drop_duplicates(keys).sort_values(keys, kind="stable").reset_index(drop=True)


def add_page_figures(table: pd.DataFrame, spec: dict[str, Any]) -> pd.DataFrame:
    """Append national figures transcribed from the table's StatLine page (later years)."""
    file = raw_file(spec["file"])
    page = pd.read_csv(file.path, dtype=str)
    meta = table.attrs["meta"]
    by_title = spec["topics"] | {t.title: t.key for t in meta.topics}
    rows = []
    for (year, region), group in page.groupby(["year", "region"]):
        row = {
            "geslacht_code": spec["sex"],
            "leeftijd_code": spec["age"],
            "regio_code": spec["regions"][region],
            "periode_code": f"{year}JJ00",
        }
        row |= {by_title[f["measure"]]: float(f["value"]) for _, f in group.iterrows()}
        rows.append(row)
    extra = pd.DataFrame(rows)
    labelled = table.drop_duplicates(["geslacht_code", "leeftijd_code", "regio_code"])
    labels = ["geslacht_code", "geslacht", "leeftijd_code", "leeftijd", "regio_code", "regio"]
    extra = extra.merge(labelled[labels], how="left")
    extra = pd.concat([extra, period_columns(extra["periode_code"])], axis=1)
    meta.sources.append(
        file.provenance(
            len(extra),
            periods=sorted(extra["periode_code"].unique()),
            what="later years, Nederland, totaal: transcribed from the StatLine page; "
            "only the topics the page shows, the rest stays empty",
        )
    )
    out = pd.concat([table, extra[table.columns.intersection(extra.columns)]], ignore_index=True)
    out = out.astype(table.dtypes.to_dict())
    out.attrs["meta"] = meta
    return out


def table_layout(spec: dict[str, Any]) -> pd.DataFrame:
    """A StatLine table-layout download (labels only), keeping the topics named in the spec."""
    file = raw_file(spec["file"])
    frame = read_statline_csv(file.path)
    meta = frame.attrs["meta"]
    keep = [t for t in meta.topics if any(s in t.key for s in spec["keep_topics_containing"])]
    frame = select_rows(frame, meta, select=[t.key for t in keep])
    meta.table_id, meta.layout, meta.topics = spec["id"], "statline-tabel", keep
    meta.sources = [file.provenance(len(frame))]
    meta.origin, meta.retrieved_at = _origin([file]), file.date
    meta.notes.append(spec["note"])
    frame.attrs["meta"] = meta
    return frame


def transcriptions(spec: dict[str, Any]) -> list[pd.DataFrame]:
    """Figures read off CBS and RIVM pages: one table per survey, the URL on every row."""
    file = raw_file(spec["file"])
    page = pd.read_csv(file.path, dtype=str, keep_default_na=False)
    page["percent"] = pd.to_numeric(page["percent"]).astype("Float64")
    out = []
    for table in spec["tables"]:
        rows = page[page["survey"] == table["survey"]].reset_index(drop=True)
        codes = (rows["year"] + "JJ00").rename("periode_code")
        values = rows[list(spec["columns"])].rename(columns=spec["columns"])
        frame = pd.concat([codes, period_columns(codes), values], axis=1)
        meta = TableMeta(
            table_id=table["id"],
            title=table["title"],
            dimensions=[Dimension("Perioden", "Perioden", "periode")]
            + [Dimension(k, k.capitalize(), k) for k in ("indeling", "groep", "maat", "niveau")],
            topics=[Topic("percentage", "Aandeel van de bevolking", "%", 1)],
            origin=_origin([file]),
            retrieved_at=file.date,
            period_range=f"{rows['year'].min()}-{rows['year'].max()}",
            layout="transcription",
            sources=[file.provenance(len(frame), urls=sorted(rows["url"].unique()))],
            notes=[spec["note"]] + ([table["note"]] if "note" in table else []),
        )
        if "licence" in table:
            meta.licence = table["licence"]
        frame.attrs["meta"] = meta
        out.append(frame)
    return out
