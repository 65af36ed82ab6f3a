"""Metadata that travels with every table: title, dimensions, topics, units and provenance."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

LICENCE = "CC BY 4.0, Bron: CBS"

# Dimension keys whose tidy column name is not simply the key in snake case.
_COLUMN_NAMES = {"RegioS": "regio", "Perioden": "periode", "WijkenEnBuurten": "wijk_buurt"}


def column_name(dimension_key: str) -> str:
    """Tidy column name for a CBS dimension key: ``RegioS`` -> ``regio``, ``Leeftijd`` -> ``leeftijd``."""
    if dimension_key in _COLUMN_NAMES:
        return _COLUMN_NAMES[dimension_key]
    return re.sub(r"(?<!^)(?=[A-Z])", "_", dimension_key).lower()


@dataclass
class Topic:
    key: str
    title: str
    unit: str = ""
    decimals: int | None = None
    description: str = ""
    datatype: str = "number"  # "number" or "text" (CBS String topics, e.g. region codes)


@dataclass
class Dimension:
    key: str
    title: str
    column: str


@dataclass
class TableMeta:
    """What a loaded table is and where its numbers come from (``df.attrs["meta"]``)."""

    table_id: str
    title: str
    dimensions: list[Dimension] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    source: str = ""  # "live", "cache" or "snapshot"
    origin: str = ""  # OData URL or the export file(s) the data was read from
    retrieved_at: str = ""  # UTC ISO timestamp of the download / export date
    period_range: str = ""
    selection: dict[str, Any] = field(default_factory=dict)
    # "odata": the CBS table's own shape; "statline-tabel": a StatLine table-layout download
    # (labels only); "transcription": figures read off web pages
    layout: str = "odata"
    licence: str = LICENCE
    notes: list[str] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)  # provenance, one entry per input

    def topic(self, key: str) -> Topic:
        for topic in self.topics:
            if topic.key == key:
                return topic
        raise KeyError(f"{self.table_id} has no topic {key!r}; it has {self.topic_keys}")

    @property
    def topic_keys(self) -> list[str]:
        return [t.key for t in self.topics]

    @property
    def cbs_table(self) -> str:
        """The CBS table number for the credit line (``71488ned``)."""
        return self.table_id.split("-")[0]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TableMeta:
        data = dict(data)
        data["dimensions"] = [Dimension(**d) for d in data.get("dimensions", [])]
        data["topics"] = [Topic(**t) for t in data.get("topics", [])]
        return cls(**data)

    def describe(self) -> str:
        """A short plain-text description (``python -m eenzaamheid info``)."""
        lines = [
            f"{self.table_id}: {self.title}",
            f"bron: {self.source} ({self.origin}), opgehaald {self.retrieved_at}",
            f"perioden: {self.period_range}",
            f"licentie: {self.licence}",
            "dimensies:",
            *[f"  {d.key:<20} -> kolommen {d.column}_code, {d.column}" for d in self.dimensions],
            "onderwerpen:",
            *[f"  {t.key:<42} {t.title} [{t.unit}]" for t in self.topics],
        ]
        if self.notes:
            lines += ["opmerkingen:", *[f"  - {n}" for n in self.notes]]
        return "\n".join(lines)
