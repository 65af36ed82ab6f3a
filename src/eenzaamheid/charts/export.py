"""Export a chart as PNG, SVG and PDF (also without title and source line), with its numbers
(CSV, CSV for Dutch Excel, wide CSV, XLSX) and a JSON record (title, alt text, columns, the
notebook and cell that drew it) beside it."""

from __future__ import annotations

import base64
import html
import json
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.text import Text

from .. import settings
from .columns import kind_name
from .datafile import DataFile, about, export_frame
from .origin import Origin, origin
from .pdffonts import pdf_fonts
from .qa import missing_from_data
from .sheets import Sheet, number_format, write_csv, write_xlsx
from .sources import source_line
from .wide import Wide, wide
from .words import say

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .frame import Chart

FORMATS = ("png", "svg", "pdf")
OneColumn = Callable[["Chart"], None]  # re-arranges a chart for one column (``narrow=``)
PRINT_THEMES = ("artikel",)  # writes ``<name>_kaal.*`` for pages that set titles, and
# ``<name>_smal.*`` in every format for one-column print; a screen theme's one-column size is
# a PNG, for a phone


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


def _short(alt: str) -> str:
    """The alt text's lead (``Lijngrafiek: ...`` -> ``Lijngrafiek``; else its first sentence),
    cut at the first colon or full stop outside brackets, as the title of a file without the
    chart's own title."""
    depth = 0
    for at, char in enumerate(alt):
        depth = max(0, depth + (char in "([") - (char in ")]"))
        if depth == 0 and alt.startswith((": ", ". "), at):
            return alt[:at]
    return alt.rstrip(".")


def _metadata(title: str, source: str, alt: str) -> dict[str, dict[str, str]]:
    return {
        "pdf": {"Title": title, "Subject": source},
        "svg": {"Title": title, "Description": alt},  # the title also as <title>
        "png": {"Title": title, "Description": alt},
    }


def _svg_desc(path: Path, alt: str) -> None:
    """The alt text as ``<desc>`` beside the ``<title>`` matplotlib writes first: what a screen
    reader says of a chart shown as inline SVG (matplotlib has it only as RDF metadata)."""
    svg = path.read_text(encoding="utf-8")
    end = svg.index("</title>", svg.index("<svg ")) + len("</title>")
    desc = f"\n <desc>{html.escape(alt, quote=False)}</desc>"
    path.write_text(svg[:end] + desc + svg[end:], encoding="utf-8")


def _write_images(
    chart: Chart,
    out: Path,
    stem: str,
    alt: str,
    title: str,
    shortfall: Callable[[], float] | None = None,
    formats: tuple[str, ...] = FORMATS,
) -> tuple[dict[str, Path], list[str]]:
    """The chart in ``formats`` (PNG first) from one layout; returns the paths and the texts
    that collide in that layout. ``shortfall``: the inches of height the layout lacks, measured
    before anything is written; when it lacks some, the figure grows by that much, is laid out
    again and then written."""
    metadata = _metadata(title, chart.source, alt)
    paths = {fmt: out / f"{stem}.{fmt}" for fmt in formats}
    with chart.laid_out() as collisions, pdf_fonts():
        short = shortfall() if shortfall else 0.0
        if short <= 0:
            chart.write_png(paths["png"], metadata["png"])
            for fmt in formats[1:]:
                chart.fig.savefig(paths[fmt], dpi=chart.theme.dpi, metadata=metadata[fmt])
    if short > 0:
        width, height = chart.fig.get_size_inches()
        chart.fig.set_size_inches(width, height + short)
        chart.fit_texts()
        return _write_images(chart, out, stem, alt, title, formats=formats)
    if "svg" in paths:
        _svg_desc(paths["svg"], alt)
    return paths, collisions


def _write_bare(chart: Chart, out: Path, name: str, alt: str) -> tuple[dict[str, Path], list[str]]:
    """The chart without title, subtitle and source line (``<name>_kaal.*``) for a page or CMS
    that sets its own; they stay in the JSON and the XLSX about-sheet. Also returns the texts
    that collide (the plot takes the titles' room, so marks and labels move)."""
    with chart.bare():
        paths, collisions = _write_images(chart, out, f"{name}_kaal", alt, _short(alt))
    return {f"{fmt}_kaal": path for fmt, path in paths.items()}, collisions


PLOT_SHARE = 1 / 3  # a one-column chart's plot is at least this share of its width high


def _write_narrow(
    chart: Chart, out: Path, name: str, alt: str, one_column: OneColumn | None = None
) -> tuple[dict[str, Path], list[str]]:
    """The same chart at the theme's one-column width (``<name>_smal.*``), written after the
    full-width files; taller where its texts leave the plot less than :data:`PLOT_SHARE`
    of the width (measured on the layout, before anything is written); the figure keeps this
    size. ``one_column`` re-arranges the chart for that width first (fewer year labels, a key
    above the plot). Also returns the texts that collide."""
    chart.fig.set_size_inches(chart.theme.narrow)
    if one_column is not None:
        one_column(chart)
    chart.fit_texts()
    shortfall = partial(_plot_shortfall, chart.fig)
    formats = FORMATS if chart.theme.name in PRINT_THEMES else ("png",)
    paths, collisions = _write_images(
        chart, out, f"{name}_smal", alt, chart.title, shortfall, formats
    )
    return {f"{fmt}_smal": path for fmt, path in paths.items()}, collisions


def _plot_shortfall(fig: Figure) -> float:
    """Inches of height the plot (all Axes together, as last laid out) lacks of
    :data:`PLOT_SHARE` of the figure's width."""
    boxes = [ax.get_position() for ax in fig.axes if ax.get_visible()]
    if not boxes:
        return 0.0
    width, height = fig.get_size_inches()
    plot = (max(b.y1 for b in boxes) - min(b.y0 for b in boxes)) * height
    return max(0.0, PLOT_SHARE * width - plot)


def _smallest_text_pt(fig: Figure) -> float:
    """The size of the smallest text drawn, in points: a page sizes the chart on a phone by it
    (the source line and small labels, not only the axis text)."""
    texts = fig.findobj(lambda a: isinstance(a, Text) and a.get_visible() and a.get_text().strip())
    return min(text.get_fontsize() for text in texts)


def _write_data(out: Path, name: str, data: DataFile, about_rows: list) -> tuple[dict, Wide | None]:
    """``<name>.csv`` (RFC 4180), ``<name>_excel-nl.csv`` (Excel with Dutch settings),
    ``<name>_breed.csv`` (wide layout, when one holds every value once) and ``<name>.xlsx``
    (the long and the wide layout, and the about-sheet)."""
    places = [data.decimals.get(c.key, 1) for c in data.columns]
    kinds = [c.kind for c in data.columns]
    paths = {"csv": out / f"{name}.csv", "csv_excel_nl": out / f"{name}_excel-nl.csv"}
    rows = data.labelled()
    write_csv(rows, paths["csv"], places)
    write_csv(rows, paths["csv_excel_nl"], places, excel_nl=True)
    sheets = [Sheet(say(nl="cijfers", en="data"), rows, list(map(number_format, kinds, places)))]
    layout = wide(data)
    if layout is not None:
        paths["csv_breed"] = out / f"{name}_breed.csv"
        write_csv(layout.frame, paths["csv_breed"], layout.places)
        formats = list(map(number_format, layout.kinds, layout.places))
        sheets.append(Sheet(say(nl="breed", en="wide"), layout.frame, formats))
    paths["xlsx"] = out / f"{name}.xlsx"
    write_xlsx(paths["xlsx"], sheets, say(nl="toelichting", en="about"), about_rows)
    return paths, layout


def _about_rows(chart: Chart, alt: str, drawn: Origin, data: DataFile) -> list[tuple[str, ...]]:
    """The about-sheet: title, subtitle, source line, alt text, notebook and cell, rounding,
    language, then each column's header, key (the notebook's or CBS's) and kind."""
    rows = list(about(chart.title, chart.subtitle, chart.source, alt, drawn.words()).items())
    rows += [
        ("", ""),
        (say(nl="kolom", en="column"), say(nl="sleutel", en="key"), say(nl="soort", en="kind")),
    ]
    return rows + [(c.label, c.key, kind_name(c.kind)) for c in data.columns]


def _refuse_undrawn_data(chart: Chart, name: str, data: pd.DataFrame) -> None:
    missing = missing_from_data(chart.fig, data)
    if missing:
        raise ValueError(
            f"{name}: the chart draws {missing[:8]} but its data do not hold them; put every "
            "drawn number in the data (the book's marks and reference lines too)"
        )


def save_chart(
    chart: Chart,
    name: str,
    data: pd.DataFrame,
    alt: str,
    *,
    narrow: bool | OneColumn = False,
    decimals: dict[str, int] | None = None,
    credit: pd.DataFrame | None = None,
) -> ExportedFigure:
    """Write ``<name>.png/.svg/.pdf`` (in the ``artikel`` theme also without title, subtitle
    and source line as ``<name>_kaal.*``), the numbers drawn as ``<name>.csv``, ``<name>_excel-nl.csv``,
    ``<name>_breed.csv`` and ``<name>.xlsx``, and ``<name>.json`` (title, source line, alt
    text, columns, the notebook and cell that drew it, size, text collisions).

    ``data`` holds every number drawn — the book's marks and reference lines too — each row
    with its source (``bron_soort``, ``tabel``); the chart's source line is written from them.
    ``alt`` describes the chart for a screen reader. ``narrow=True``: the chart also works at
    one-column width, and is written again at the theme's one-column size as
    ``<name>_smal.png`` (in the ``artikel`` theme also as SVG and PDF); a function instead of
    ``True`` re-arranges the chart for that width (it gets the chart) before it is written.
    ``decimals`` overrides the rounding of a numeric column in the data files. ``credit``:
    sourced rows of tables used only to choose or order what is drawn, named in the source
    line (not written to the data files).
    """
    if not alt.strip():
        raise ValueError(f"{name}: alt text is empty; describe what the chart shows")
    _refuse_undrawn_data(chart, name, data)
    chart.source = source_line(data, chart.notes, credit)
    frame = export_frame(data, decimals)  # refuses bad data before anything is written
    drawn = origin()
    chart.fit_texts()
    out = figures_dir()
    out.mkdir(parents=True, exist_ok=True)
    images, collided = _write_images(chart, out, name, alt, chart.title)
    paths, collisions = ExportedFigure(images), {"": collided}
    width, height = chart.fig.get_size_inches() * chart.theme.dpi
    if chart.theme.name in PRINT_THEMES:
        bare_paths, collisions["kaal"] = _write_bare(chart, out, name, alt)
        paths.update(bare_paths)
    smallest = {"smallest_text_pt": _smallest_text_pt(chart.fig)}
    if narrow and chart.theme.narrow:  # also the one-column size (print, a phone)
        one_column = None if narrow is True else narrow
        narrow_paths, collisions["smal"] = _write_narrow(chart, out, name, alt, one_column)
        _refuse_undrawn_data(chart, f"{name}_smal", data)  # the hook may have drawn anew
        paths.update(narrow_paths)
        smallest["smallest_text_pt_smal"] = _smallest_text_pt(chart.fig)  # as laid out for it
    files, layout = _write_data(out, name, frame, _about_rows(chart, alt, drawn, frame))
    paths.update(files)
    paths["json"] = out / f"{name}.json"
    record = {
        "title": chart.title,
        "subtitle": chart.subtitle,
        "source": chart.source,
        "name": name,
        "alt": alt,
        "theme": chart.theme.name,
        "lang": settings.current().lang,
        **drawn.record(),
        "png_pixels": [round(width), round(height)],
        **smallest,
        "files": {k: p.name for k, p in paths.items()},
        "columns": [c.record() for c in frame.columns],
        "wide": layout.record() if layout else None,
        "collisions": {k: v for k, v in collisions.items() if v},
    }
    paths["json"].write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    paths.alt = alt
    return paths
