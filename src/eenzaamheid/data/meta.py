"""Metadata that travels with every table: title, dimensions, topics, units and provenance."""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from ..errors import UnknownFieldError

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
    columns: list[str] = field(default_factory=list)  # the frame's columns, in order

    def topic(self, key: str) -> Topic:
        for topic in self.topics:
            if topic.key == key:
                return topic
        raise UnknownFieldError(f"{self.table_id} has no topic {key!r}; it has {self.topic_keys}")

    @property
    def topic_keys(self) -> list[str]:
        return [t.key for t in self.topics]

    @property
    def cbs_table(self) -> str:
        """The CBS table number for the credit line (``71488ned``)."""
        return self.table_id.split("-")[0]

    def __deepcopy__(self, memo: dict[int, Any]) -> TableMeta:
        """A copy made field by field: pandas deep-copies ``df.attrs`` after every operation,
        and ``copy.deepcopy``'s generic walk cost a notebook half a second (3.5x slower)."""
        return replace(
            self,
            dimensions=[replace(d) for d in self.dimensions],
            topics=[replace(t) for t in self.topics],
            selection=deepcopy(self.selection, memo),
            notes=list(self.notes),
            sources=deepcopy(self.sources, memo),
            columns=list(self.columns),
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TableMeta:
        data = dict(data)
        data["dimensions"] = [Dimension(**d) for d in data.get("dimensions", [])]
        data["topics"] = [Topic(**t) for t in data.get("topics", [])]
        return cls(**data)

    def describe(self) -> str:
        """A short plain-text description (``python -m eenzaamheid info``): what the table is,
        where its numbers come from and when, and its real columns."""
        lines = [f"{self.table_id}: {self.title}"]
        if self.layout == "transcription":
            lines.append(
                "let op: cijfers overgenomen van webpagina's, niet uit een CBS-bestand"
                + (" (per rij de bron in bron_url)" if "bron_url" in self.columns else "")
            )
        elif self.layout == "statline-tabel":
            lines.append("let op: StatLine-tabelweergave, alleen labels, geen codes")
        lines += [
            f"bron: {self.source} ({self.origin})",
            f"opgehaald: {self._retrieved()}",
            f"perioden: {self.period_range or 'onbekend'}",
            f"licentie: {self.licence}",
            "dimensies:",
            *[
                f"  {d.key:<20} -> kolommen {', '.join(self._columns_of(d))}"
                for d in self.dimensions
            ],
            "onderwerpen:",
            *[f"  {t.key:<42} {t.title} [{t.unit}]" for t in self.topics],
        ]
        used = {c for d in self.dimensions for c in self._columns_of(d)} | set(self.topic_keys)
        derived = {"periode_start", "frequentie", "status"}
        other = [c for c in self.columns if c not in used | derived]
        if other:
            lines.append(f"overige kolommen: {', '.join(other)}")
        if self.notes:
            lines += ["opmerkingen:", *[f"  - {n}" for n in self.notes]]
        return "\n".join(lines)

    def _columns_of(self, dimension: Dimension) -> list[str]:
        names = [f"{dimension.column}_code", dimension.column]
        return [c for c in names if c in self.columns] if self.columns else names

    def _retrieved(self) -> str:
        """The retrieval date, or per source file its date, or plainly that none was recorded."""
        if is_date(self.retrieved_at):
            return self.retrieved_at
        dated = [
            f"{s['file'].rsplit('/', 1)[-1]} {s['date']}"
            for s in self.sources
            if isinstance(s, dict) and "file" in s and is_date(s.get("date"))
        ]
        return "; ".join(dated) if dated else "datum niet vastgelegd"


def is_date(value: object) -> bool:
    return isinstance(value, str) and bool(re.match(r"^\d{4}-\d{2}-\d{2}", value))
