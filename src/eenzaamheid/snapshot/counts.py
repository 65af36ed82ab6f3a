"""Counts read off StatLine table pages: household projections and the observed series.

One table per CBS table in the file, every row with its URL and precision; a projection
table carries ``status = "prognose"`` on every row, so it is never mistaken for a count.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..data.meta import Dimension, TableMeta, Topic
from ..data.periods import period_columns
from .raw import raw_file
from .tables import transcriptions

# Raw columns that are dimensions of the tidy table (after renaming), in this order.
_DIMENSIONS = ("indeling", "categorie", "burgerlijke_staat", "maat")


def page_counts(spec: dict[str, Any]) -> list[pd.DataFrame]:
    """Counts transcribed from StatLine pages: one table per ``tables`` entry of the spec."""
    file = raw_file(spec["file"])
    page = pd.read_csv(file.path, dtype=str, keep_default_na=False)
    out = []
    for table in spec["tables"]:
        rows = page[page["table"] == table["id"]].reset_index(drop=True)
        if rows.empty:
            raise ValueError(f"{spec['file']} has no rows for table {table['id']}")
        values = rows[list(spec["columns"])].rename(columns=spec["columns"])
        values = values.loc[:, (values != "").any()]  # a column this table never fills
        values[spec["value"]] = pd.to_numeric(values[spec["value"]]).astype("Float64")
        codes = (rows["year"] + "JJ00").rename("periode_code")
        frame = pd.concat([codes, period_columns(codes), values], axis=1)
        if "status" in table:
            frame["status"] = pd.Series(table["status"], index=frame.index, dtype="string")
        dimensions = [d for d in _DIMENSIONS if d in frame]
        title, unit = table["topic"]
        meta = TableMeta(
            table_id=table["id"],
            title=table["title"],
            dimensions=[Dimension("Perioden", "Perioden", "periode")]
            + [Dimension(d, d.replace("_", " ").capitalize(), d) for d in dimensions],
            topics=[Topic(spec["value"], title, unit, 0)],
            origin=f"{file.entry['title']} ({file.describe_source()})",
            retrieved_at=file.date,
            period_range=f"{rows['year'].min()}-{rows['year'].max()}",
            layout="transcription",
            sources=[
                file.provenance(
                    len(frame), urls=list(dict.fromkeys(rows["url"])), table=table["id"]
                )
            ],
            notes=[spec["note"], *table.get("notes", [])],
        )
        frame.attrs["meta"] = meta
        out.append(frame)
    return out


def projections(spec: dict[str, Any]) -> list[pd.DataFrame]:
    """The ``projections`` section of ``tables.yaml``: the counts, then the loneliness rates
    by household situation (built like the other transcriptions)."""
    return page_counts(spec["counts"]) + transcriptions(spec["loneliness"])
