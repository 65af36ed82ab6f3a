"""The website's frame: words of the interface in both languages, the page shell, and the
chart block (chart / table / download) used on story pages."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from .passages import mark

WORDS = {
    "nl": {
        "site": "Eenzaamheid en alleen wonen in cijfers",
        "index": "Overzicht",
        "to_story": "Terug naar het verhaal",
        "stories": "Verhalen",
        "charts_of": "{n} grafieken",
        "charts_one": "1 grafiek",
        "chart": "Grafiek",
        "swipe": "Schuif de grafiek opzij om hem helemaal te zien.",
        "table": "Tabel",
        "download": "Downloaden",
        "code": "Code",
        "code_table": "Code en tabel",
        "code_tables_note": "De tabellen bij de code tonen de data zoals de code ze bewaart: "
        "kolomnamen en labels zoals het CBS en dit project ze noemen.",
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
        "website:",
        "intro": "Verhalen die een boek over eenzaamheid en alleen wonen naast officiële cijfers "
        "leggen: vooral van het CBS, ook van het RIVM en Eurostat. Elke grafiek met de cijfers "
        "erachter (CSV en XLSX) en als PNG, SVG en PDF.",
        "slide_of": "dia {n} van {total}",
        "keys": "pijltjes, spatie, PageUp/PageDown, Home/End; F: volledig scherm",
        "fullscreen": "Volledig scherm",
        "end": "Einde",
        "online": "Controleer online",
        "sources": "Bronnen",
        "skip": "Naar de eerste grafiek",
        "skip_main": "Naar de inhoud",
        "site_nav": "Site",
        "story_nav": "Dit verhaal",
        "story": "verhaal",
        "views": "Weergave",
        "notebook": "voor het scherm, {w} × {h}",
        "artikel": "voor een artikel, 300 dpi",
        "college": "voor dia's, {w} × {h}",
        "": "",
        "smal": "smal",
        "kaal": "zonder titel",
        "data_files": "de cijfers",
        "csv": "CSV",
        "csv_excel_nl": "CSV voor Nederlandse Excel",
        "csv_breed": "brede CSV (een kolom per reeks)",
        "xlsx": "Excel (XLSX)",
        "json": "beschrijving (JSON)",
    },
    "en": {
        "site": "Loneliness and living alone in figures",
        "index": "Overview",
        "to_story": "Back to the story",
        "stories": "Stories",
        "charts_of": "{n} charts",
        "charts_one": "1 chart",
        "chart": "Chart",
        "swipe": "Swipe the chart sideways to see all of it.",
        "table": "Table",
        "download": "Download",
        "code": "Code",
        "code_table": "Code and table",
        "code_tables_note": "The code's tables show the data as the code stores them: "
        "column names and labels in Dutch, as CBS and this project name them.",
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
        "draws without them. Without Python, choose for yourself in this website's explorer:",
        "intro": "Stories that check a book about loneliness and living alone against official "
        "figures: mostly from Statistics Netherlands (CBS), also from RIVM and Eurostat. Each chart "
        "with the numbers behind it (CSV and XLSX) and as PNG, SVG and PDF.",
        "slide_of": "slide {n} of {total}",
        "keys": "arrows, space, PageUp/PageDown, Home/End; F: full screen",
        "fullscreen": "Full screen",
        "end": "End",
        "online": "Check online",
        "sources": "Sources",
        "skip": "Skip to the first chart",
        "skip_main": "Skip to the content",
        "site_nav": "Site",
        "story_nav": "This story",
        "story": "story",
        "views": "View",
        "notebook": "for screens, {w} × {h}",
        "artikel": "for an article, 300 dpi",
        "college": "for slides, {w} × {h}",
        "": "",
        "smal": "one column",
        "kaal": "without title",
        "data_files": "the figures",
        "csv": "CSV",
        "csv_excel_nl": "CSV for Dutch Excel",
        "csv_breed": "wide CSV (a column per series)",
        "xlsx": "Excel (XLSX)",
        "json": "description (JSON)",
    },
}


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

    def narrow(self, prefer: tuple[str, ...]) -> str | None:
        """The theme whose one-column PNG (``_smal``) exists, the preferred one first."""
        built = [t for t in (*prefer, *self.records) if t in self.records]
        return next((t for t in built if "png_smal" in self.records[t]["files"]), None)


PAGE_THEMES = ("notebook", "college", "artikel")
SLIDE_THEMES = ("college", "notebook", "artikel")


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def other_language(lang: str, href: str) -> str:
    """The link to the other edition, marked as a passage in the other language."""
    other = "en" if lang == "nl" else "nl"
    return f'<a lang="{other}" hreflang="{other}" href="{esc(href)}">{esc(WORDS[lang]["other_lang"])}</a>'


def page(lang: str, title: str, body: str, *, root: str, nav: str = "", skip: str = "main") -> str:
    """A whole page: viewport for phones, the site's CSS, a skip link (to ``#skip``), a
    header with the way back; passages in the other language marked with their ``lang``."""
    words = WORDS[lang]
    head_nav = f'<a class="home" href="{root}index.html">{esc(words["site"])}</a>{nav}'
    skip_text = words["skip_main" if skip == "main" else "skip"]
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="stylesheet" href="{root}assets/site.css"><script src="{root}assets/site.js" defer></script>
</head><body>
<a class="skip" href="#{esc(skip)}">{esc(skip_text)}</a>
<header class="top"><nav aria-label="{esc(words["site_nav"])}">{head_nav}</nav></header>
<main id="main">{mark(body, lang)}</main>
</body></html>
"""
