"""Export a chart as PNG, SVG and PDF, with its numbers (CSV) and alt text (JSON) beside it."""

from __future__ import annotations

import base64
import html
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .. import settings
from .datafile import about, export_frame, write_csv, write_xlsx
from .qa import missing_from_data
from .sources import source_line

if TYPE_CHECKING:
    from .frame import Chart

FORMATS = ("png", "svg", "pdf")


def figures_dir() -> Path:
    """Where this theme and language write: ``figures/<theme>/<lang>/``."""
    current = settings.current()
    return current.figures_dir / current.theme / current.lang


class ExportedFigure(dict):
    """The files a chart was saved to (format -> path). In a notebook it shows the saved PNG
    with its alt text, so the rendered story is readable with a screen reader too."""

    alt = ""

    def __repr__(self) -> str:
        folder = os.path.relpath(self["png"].parent)
        return f"opgeslagen in {folder}: {', '.join(p.name for p in self.values())}"

    def _repr_html_(self) -> str:
        image = base64.b64encode(self["png"].read_bytes()).decode("ascii")
        return (
            f'<img src="data:image/png;base64,{image}" alt="{html.escape(self.alt)}" '
            f'style="max-width: 100%; width: 800px"><p><small>{html.escape(repr(self))}</small></p>'
        )


def _metadata(chart: Chart, alt: str) -> dict[str, dict[str, str]]:
    return {
        "pdf": {"Title": chart.title, "Subject": chart.source},
        "svg": {"Title": chart.title, "Description": alt},
        "png": {"Title": chart.title},
    }


def _write_images(chart: Chart, out: Path, stem: str, alt: str) -> dict[str, Path]:
    metadata = _metadata(chart, alt)
    paths = {}
    for fmt in FORMATS:
        paths[fmt] = out / f"{stem}.{fmt}"
        chart.fig.savefig(paths[fmt], dpi=chart.theme.dpi, metadata=metadata[fmt])
    return paths


def _write_narrow(chart: Chart, out: Path, name: str, alt: str) -> dict[str, Path]:
    """The same chart at the theme's one-column width (``<name>_smal.*``), written after the
    full-width files; the figure keeps this size."""
    chart.fig.set_size_inches(chart.theme.narrow)
    chart.fit_texts()
    paths = _write_images(chart, out, f"{name}_smal", alt)
    return {f"{fmt}_smal": path for fmt, path in paths.items()}


def save_chart(
    chart: Chart,
    name: str,
    data: pd.DataFrame,
    alt: str,
    *,
    narrow: bool = False,
    decimals: dict[str, int] | None = None,
    credit: pd.DataFrame | None = None,
) -> ExportedFigure:
    """Write ``<name>.png/.svg/.pdf``, the numbers drawn as ``<name>.csv`` and ``<name>.xlsx``,
    and ``<name>.json`` (title, source line, alt text, size, text collisions).

    ``data`` holds every number drawn — the book's marks and reference lines too — each row
    with its source (``bron_soort``, ``tabel``); the chart's source line is written from them.
    ``alt`` describes the chart for a screen reader. ``narrow=True``: the chart also works at
    one-column width; in the ``artikel`` theme it is then written again as ``<name>_smal.*``.
    ``decimals`` overrides the rounding of a numeric column in the data files. ``credit``:
    sourced rows of tables used only to choose or order what is drawn, named in the source
    line (not written to the data files).
    """
    if not alt.strip():
        raise ValueError(f"{name}: alt text is empty; describe what the chart shows")
    missing = missing_from_data(chart.fig, data)
    if missing:
        raise ValueError(
            f"{name}: the chart draws {missing[:8]} but its data do not hold them; put every "
            "drawn number in the data (the book's marks and reference lines too)"
        )
    chart.source = source_line(data, chart.notes, credit)
    chart.fit_texts()
    out = figures_dir()
    out.mkdir(parents=True, exist_ok=True)
    paths = ExportedFigure(_write_images(chart, out, name, alt))
    width, height = chart.fig.get_size_inches() * chart.theme.dpi
    collisions = {"": chart.collisions()}
    if narrow and chart.theme.narrow:  # print: also the one-column size
        paths.update(_write_narrow(chart, out, name, alt))
        collisions["smal"] = chart.collisions()
    frame = export_frame(data, decimals)
    paths["csv"], paths["xlsx"] = out / f"{name}.csv", out / f"{name}.xlsx"
    write_csv(frame, paths["csv"])
    write_xlsx(frame, paths["xlsx"], about(chart.title, chart.subtitle, chart.source, alt))
    paths["json"] = out / f"{name}.json"
    record = {
        "title": chart.title,
        "subtitle": chart.subtitle,
        "source": chart.source,
        "name": name,
        "alt": alt,
        "theme": chart.theme.name,
        "lang": settings.current().lang,
        "png_pixels": [round(width), round(height)],
        "files": {k: p.name for k, p in paths.items()},
        "collisions": {k: v for k, v in collisions.items() if v},
    }
    paths["json"].write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    paths.alt = alt
    return paths
