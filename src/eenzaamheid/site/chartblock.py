"""The chart block on a story page: the chart (the one-column image on a phone), its numbers
as a table, its files to download, and a source note with links (WAI-ARIA tabs)."""

from __future__ import annotations

import math
from pathlib import Path

from ..charts.export import FORMATS
from ..charts.theme import THEMES
from . import chartdata
from .layout import PAGE_THEMES, WORDS, Chart, esc

PHONE = "(max-width: 40rem)"  # below this width a page shows the one-column image
MIN_TEXT_PX = 9  # the smallest text a phone reader gets, in CSS px
VARIANTS = ("", "smal", "kaal")  # full width, one column, without title (file key suffix)
DATA_FILES = ("csv", "csv_excel_nl", "csv_breed", "xlsx", "json")  # file keys, in words in WORDS
VIEWS = ("chart", "table", "download")


def text_px(record: dict, narrow: bool = False) -> float:
    """The height of the chart's smallest text (often the source line) in the PNG's pixels, in
    the one-column PNG when ``narrow`` (laid out anew, its text may be smaller). A record
    written before it was recorded (another theme's files left in ``figures/`` by an older
    build) counts with the source line's size, 0.8 of the theme's text."""
    theme = THEMES[record["theme"]]
    points = record.get("smallest_text_pt", 0.8 * theme.font_size)
    if narrow:
        points = record.get("smallest_text_pt_smal", points)
    return points * theme.dpi / 72


def min_width(record: dict, narrow: bool) -> int:
    """The narrowest CSS width at which the PNG's smallest text is still ``MIN_TEXT_PX``
    high."""
    theme = THEMES[record["theme"]]
    width = theme.narrow[0] * theme.dpi if narrow and theme.narrow else record["png_pixels"][0]
    return math.ceil(width * MIN_TEXT_PX / text_px(record, narrow))


def picture(chart: Chart, prefer: tuple[str, ...], prefix: str, *, sized: bool = False) -> str:
    """The chart's PNG; on a phone its one-column ``_smal`` PNG when one was written. ``sized``:
    never narrower than its axis text allows (the view scrolls instead)."""
    _, record, image = chart.image(prefer, prefix)
    narrow = chart.narrow(prefer)
    source = ""
    if narrow:
        source = f'<source media="{PHONE}" srcset="{esc(prefix + chart.file(narrow, "png_smal"))}">'
    style = ""
    if sized:
        smallest = min_width(chart.records[narrow], True) if narrow else min_width(record, False)
        style = f' style="min-width: {smallest}px"'
    return (
        f'<picture>{source}<img src="{esc(image)}" alt="{esc(record["alt"])}"{style} '
        'loading="lazy"></picture>'
    )


def _link(href: str, text: str) -> str:
    return f'<a href="{esc(href)}" download>{esc(text)}</a>'


def downloads(chart: Chart, lang: str, prefix: str) -> str:
    """Every file of the chart, per theme built, labelled in words by what it is for."""
    words, items = WORDS[lang], []
    for theme in (t for t in PAGE_THEMES if t in chart.records):
        record = chart.records[theme]
        width, height = record["png_pixels"]
        links = [
            _link(prefix + chart.file(theme, key), f"{fmt.upper()} {words[variant]}".strip())
            for variant in VARIANTS
            for fmt in FORMATS
            if (key := f"{fmt}_{variant}" if variant else fmt) in record["files"]
        ]
        label = words[theme].format(w=width, h=height)
        items.append(f"<li><span>{esc(label)}:</span> {' · '.join(links)}</li>")
    theme, record = chart.record(PAGE_THEMES)
    data = [
        _link(prefix + chart.file(theme, key), words[key])
        for key in DATA_FILES
        if key in record["files"]
    ]
    items.append(f"<li><span>{esc(words['data_files'])}:</span> {' · '.join(data)}</li>")
    return f"<ul class=downloads>{''.join(items)}</ul>"


def sources(chart: Chart, lang: str, build: Path) -> list[chartdata.Link]:
    """Links to the sources of the chart's rows."""
    theme, record = chart.record(PAGE_THEMES)
    if "csv" not in record["files"]:
        return []
    return chartdata.links(build / chart.file(theme, "csv"), record, lang)


def chart_block(chart: Chart, lang: str, build: Path, prefix: str) -> str:
    """A chart with three views (tabs: chart, table, downloads), a stable anchor
    (``#<chart name>``) and its source note. ``prefix`` leads from the page to ``build/``."""
    words = WORDS[lang]
    theme, record, image = chart.image(PAGE_THEMES, prefix)
    csv_file = build / chart.file(theme, "csv") if "csv" in record["files"] else None
    table = chartdata.table(csv_file, record, lang) if csv_file else ""
    name = esc(chart.name)
    tabs = "".join(
        f'<button type=button role=tab id="{name}-tab-{view}" aria-controls="{name}-{view}" '
        f'aria-selected="{str(view == "chart").lower()}" tabindex="{0 if view == "chart" else -1}" '
        f'data-view="{view}">{esc(words[view])}</button>'
        for view in VIEWS
    )
    views = {
        "chart": f'<a href="{esc(image)}">{picture(chart, PAGE_THEMES, prefix, sized=True)}</a>'
        + ("" if chart.narrow(PAGE_THEMES) else f'<p class="swipe">{esc(words["swipe"])}</p>'),
        "table": table,
        "download": downloads(chart, lang, prefix),
    }
    panels = "".join(  # the table's panel scrolls both ways: focusable, arrow keys scroll it
        f'<div class="view" role="tabpanel" id="{name}-{view}" aria-labelledby="{name}-tab-{view}" '
        f'data-view="{view}"{" tabindex=0" if view == "table" else ""}>{views[view]}</div>'
        for view in VIEWS
    )
    note = chartdata.source_note(record, sources(chart, lang, build), lang)
    return f"""<figure class="chart" id="{name}">
<div class="bar"><div class="tabs" role="tablist" aria-label="{esc(words["views"])}">{tabs}</div>
<a class="anchor" href="#{name}" aria-label="{esc(words["link"])}">#</a></div>
{panels}
<figcaption>{note}</figcaption>
</figure>"""
