"""The website's frame: words of the interface in both languages, the page shell, and the
chart block (chart / table / download) used on story pages."""

from __future__ import annotations

import csv
import html
from dataclasses import dataclass, field
from pathlib import Path

WORDS = {
    "nl": {
        "site": "Eenzaamheid en alleen wonen in cijfers",
        "index": "Overzicht",
        "stories": "Verhalen",
        "charts_of": "{n} grafieken",
        "charts_one": "1 grafiek",
        "chart": "Grafiek",
        "table": "Tabel",
        "download": "Downloaden",
        "code": "Code",
        "code_table": "Code en tabel",
        "all_code": "Alle code tonen",
        "previous": "Vorige",
        "next": "Volgende",
        "slides": "Presentatie",
        "all_slides": "Presentatie van alle grafieken",
        "other_lang": "English",
        "rows": "{shown} van {total} rijen; alle cijfers in de CSV.",
        "link": "Link naar deze grafiek",
        "theme": "thema",
        "widgets": "Deze knoppen werken in JupyterLab (make lab); hierboven de grafiek die de "
        "verkenner tekent zonder knoppen. Zonder Python kies je zelf in de verkenner van deze "
        "website (verkenner.html, gelinkt op het overzicht).",
        "intro": "Verhalen met officiële cijfers van het CBS bij een boek over eenzaamheid en "
        "alleen wonen. Elke grafiek met de cijfers erachter (CSV en XLSX) en als PNG, SVG en PDF.",
        "slide_of": "dia {n} van {total}",
        "keys": "pijltjes, spatie, PageUp/PageDown, Home/End; F: volledig scherm",
        "fullscreen": "Volledig scherm",
        "end": "Einde",
    },
    "en": {
        "site": "Loneliness and living alone in figures",
        "index": "Overview",
        "stories": "Stories",
        "charts_of": "{n} charts",
        "charts_one": "1 chart",
        "chart": "Chart",
        "table": "Table",
        "download": "Download",
        "code": "Code",
        "code_table": "Code and table",
        "all_code": "Show all code",
        "previous": "Previous",
        "next": "Next",
        "slides": "Slides",
        "all_slides": "Slides of all charts",
        "other_lang": "Nederlands",
        "rows": "{shown} of {total} rows; every figure is in the CSV.",
        "link": "Link to this chart",
        "theme": "theme",
        "widgets": "These controls work in JupyterLab (make lab); above, the chart the explorer "
        "draws without them. Without Python, choose for yourself in this website's explorer "
        "(explorer.html, linked from the overview).",
        "intro": "Stories with official Statistics Netherlands (CBS) figures on a book about "
        "loneliness and living alone. Each chart with the numbers behind it (CSV and XLSX) and as PNG, "
        "SVG and PDF. The prose of the stories is in Dutch.",
        "slide_of": "slide {n} of {total}",
        "keys": "arrows, space, PageUp/PageDown, Home/End; F: full screen",
        "fullscreen": "Full screen",
        "end": "End",
    },
}
FORMATS = {  # file key in a chart's JSON -> link text
    "png": "PNG",
    "svg": "SVG",
    "pdf": "PDF",
    "png_smal": "PNG smal",
    "svg_smal": "SVG smal",
    "pdf_smal": "PDF smal",
    "csv": "CSV",
    "xlsx": "XLSX",
    "json": "JSON",
}
TABLE_ROWS = 400


@dataclass
class Chart:
    """One chart as the site shows it: its record (title, alt, files) per theme built."""

    name: str
    records: dict[str, dict]  # theme -> the chart's JSON
    folders: dict[str, str] = field(default_factory=dict)  # theme -> folder below build/

    def record(self, prefer: tuple[str, ...]) -> tuple[str, dict]:
        for theme in prefer:
            if theme in self.records:
                return theme, self.records[theme]
        theme = next(iter(self.records))
        return theme, self.records[theme]

    def file(self, theme: str, key: str) -> str:
        return f"{self.folders[theme]}/{self.records[theme]['files'][key]}"

    def image(self, prefer: tuple[str, ...], prefix: str = "") -> tuple[str, dict, str]:
        """The theme, record and PNG path of the first preferred theme that was built."""
        theme, record = self.record(prefer)
        return theme, record, prefix + self.file(theme, "png")


PAGE_THEMES = ("notebook", "college", "artikel")
SLIDE_THEMES = ("college", "notebook", "artikel")


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def page(lang: str, title: str, body: str, *, root: str, nav: str = "", script: bool = True) -> str:
    """A whole page: viewport for phones, the site's CSS, a header with the way back."""
    words = WORDS[lang]
    head_nav = f'<a class="home" href="{root}index.html">{esc(words["site"])}</a>{nav}'
    scripts = f'<script src="{root}assets/site.js" defer></script>' if script else ""
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="stylesheet" href="{root}assets/site.css">{scripts}
</head><body>
<header class="top"><nav>{head_nav}</nav></header>
<main>{body}</main>
</body></html>
"""


def data_table(path: Path, lang: str) -> str:
    """The chart's CSV as an HTML table (the first rows when it is long)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        return ""
    header, body = rows[0], rows[1:]
    head = "".join(f"<th scope=col>{esc(h)}</th>" for h in header)
    lines = "".join(
        "<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>" for row in body[:TABLE_ROWS]
    )
    note = ""
    if len(body) > TABLE_ROWS:
        shown = WORDS[lang]["rows"].format(shown=TABLE_ROWS, total=len(body))
        note = f"<p class=note>{esc(shown)}</p>"
    return f"<div class=scroll><table><thead><tr>{head}</tr></thead><tbody>{lines}</tbody></table></div>{note}"


def downloads(chart: Chart, lang: str) -> str:
    """Every file of the chart, per theme built."""
    items = []
    for theme in (t for t in (*PAGE_THEMES,) if t in chart.records):
        files = chart.records[theme]["files"]
        links = " · ".join(
            f'<a href="{esc(chart.file(theme, key))}" download>{label}</a>'
            for key, label in FORMATS.items()
            if key in files
        )
        items.append(f"<li><span>{esc(WORDS[lang]['theme'])} {theme}:</span> {links}</li>")
    return f"<ul class=downloads>{''.join(items)}</ul>"


def chart_block(chart: Chart, lang: str, build: Path, prefix: str) -> str:
    """A chart with three views (chart, table from its CSV, downloads) and a stable anchor
    (``#<chart name>``). ``prefix`` leads from the page to ``build/``."""
    words = WORDS[lang]
    theme, record, image = chart.image(PAGE_THEMES, prefix)
    table = data_table(build / chart.file(theme, "csv"), lang) if "csv" in record["files"] else ""
    links = downloads(chart, lang).replace('href="', f'href="{prefix}')
    tabs = "".join(
        f'<button type=button role=tab data-view="{view}">{esc(words[view])}</button>'
        for view in ("chart", "table", "download")
    )
    return f"""<figure class="chart" id="{esc(chart.name)}">
<div class="tabs" role="tablist">{tabs}<a class="anchor" href="#{esc(chart.name)}" title="{esc(words["link"])}">#</a></div>
<div class="view" data-view="chart"><a href="{esc(image)}"><img src="{esc(image)}" alt="{esc(record["alt"])}" loading="lazy"></a></div>
<div class="view" data-view="table">{table}</div>
<div class="view" data-view="download">{links}</div>
<figcaption><strong>{esc(record["title"])}</strong> {esc(record["subtitle"])} <small>{esc(record["source"])}</small></figcaption>
</figure>"""
