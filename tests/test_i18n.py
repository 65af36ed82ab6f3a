"""The English edition: the catalogue in step with the notebooks, a missing or fuzzy translation
stopping the build, and English pages free of Dutch prose."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from eenzaamheid.charts.vocabulary import CATEGORIES, LABEL_WORDS, UNITS, VOCABULARY
from eenzaamheid.claims import read_claims
from eenzaamheid.site import i18n
from eenzaamheid.site.story import LANG_SPAN, Story, render

# Words that are Dutch and not English: three of them in one paragraph make it Dutch.
DUTCH = set(
    [
        "de",
        "het",
        "een",
        "van",
        "niet",
        "dat",
        "met",
        "voor",
        "zijn",
        "ook",
        "als",
        "maar",
        "bij",
        "naar",
        "uit",
        "wordt",
        "geen",
        "je",
        "zich",
        "dan",
        "nog",
        "hoe",
        "wat",
        "welke",
        "deze",
        "dit",
        "heeft",
        "hebben",
        "tot",
        "tussen",
        "onder",
        "alleen",
        "worden",
        "kan",
        "meer",
        "ze",
        "hun",
        "haar",
        "zo",
        "wel",
        "dus",
        "omdat",
        "waar",
        # in short texts such as a table's cells
        "klopt",
        "elk",
        "elke",
        "beide",
        "zonder",
        "hoger",
        "lager",
        "gelijk",
        "boven",
        "grootste",
        "gemiddeld",
        "gemeenten",
        "steden",
        "procentpunt",
        "vaker",
        "andere",
        "vooral",
        "ontbreken",
    ]
)
CELL = """# 3. Wie is er eenzaam?

**Wat je leert:** welke groepen,
en waarom.

```python
print("niet vertalen")
```

- **B8 — naar leeftijd.** Alle drie de cijfers
  kloppen met 85766NED.
- Tweede punt.

Het getal staat hier
2020. Dat is geen lijst.

> een formule in woorden,
> over twee regels"""
ENGLISH = {
    "3. Wie is er eenzaam?": "3. Who is lonely?",
    "**Wat je leert:** welke groepen, en waarom.": "**What you learn:** which groups, and why.",
    "**B8 — naar leeftijd.** Alle drie de cijfers kloppen met 85766NED.": (
        "**B8 — by age.** All three figures agree with 85766NED."
    ),
    "Tweede punt.": "Second point.",
    "Het getal staat hier 2020. Dat is geen lijst.": "The figure is here 2020. That is no list.",
    "een formule in woorden, over twee regels": "a formula in words, on two lines",
}


def dutch(text: str, enough: int = 3) -> bool:
    """Dutch: ``enough`` different words of ``DUTCH`` (a paragraph: three)."""
    return len(set(re.findall(r"[a-zà-ÿ']+", text.lower())) & DUTCH) >= enough


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    """A made-up catalogue for a made-up notebook ``99_proef`` (cell 3 is ``CELL``);
    returns a function that writes it with some entries fuzzy or missing."""

    def write(fuzzy: tuple[str, ...] = (), missing: tuple[str, ...] = ()) -> Path:
        catalog = Catalog(locale="en")
        for dutch_text, english in ENGLISH.items():
            if dutch_text not in missing:
                flags = ["fuzzy"] if dutch_text in fuzzy else []
                catalog.add(dutch_text, english, context="99_proef", flags=flags)
        path = tmp_path / f"stories-{len(fuzzy)}-{len(missing)}.po"
        with path.open("wb") as file:
            write_po(file, catalog)
        monkeypatch.setattr(i18n, "CATALOGUE", path)
        return path

    return write


def test_units_are_paragraphs_headings_and_list_items_without_code():
    found = i18n.units(CELL)
    assert [(u.prefix, u.text) for u in found] == [
        (p, t) for p, t in zip(["# ", "", "- ", "- ", "", "> "], ENGLISH, strict=True)
    ]
    assert (found[2].start, found[2].end) == (9, 11)  # the item and its continuation line


def test_english_replaces_each_unit_and_keeps_code_and_layout(catalogue):
    catalogue()
    english = i18n.translate_markdown("99_proef", 3, CELL, "en")
    assert english.split("\n") == [
        "# 3. Who is lonely?",
        "",
        "**What you learn:** which groups, and why.",
        "",
        "```python",
        'print("niet vertalen")',
        "```",
        "",
        "- **B8 — by age.** All three figures agree with 85766NED.",
        "- Second point.",
        "",
        "The figure is here 2020. That is no list.",
        "",
        "> a formula in words, on two lines",
    ]
    assert i18n.translate_markdown("99_proef", 3, CELL, "nl") == CELL


@pytest.mark.parametrize("state", ["missing", "fuzzy"])
def test_a_missing_or_fuzzy_translation_stops_the_page_naming_notebook_and_cell(
    catalogue, state, tmp_path
):
    catalogue(**{state: ("Tweede punt.",)})
    cells = [{"cell_type": "code", "source": "x = 1", "outputs": []}] * 3
    notebook = {"cells": [*cells, {"cell_type": "markdown", "source": CELL}]}
    assert Story("99_proef", notebook, {}).title == "3. Wie is er eenzaam?"  # needs no catalogue
    with pytest.raises(i18n.TranslationError, match=r"^99_proef\.ipynb cell 3: ") as error:
        render(Story("99_proef", notebook, {}, lang="en"), "en", tmp_path, "")
    assert ("a fuzzy" if state == "fuzzy" else "no English") in str(error.value)
    assert '"Tweede punt."' in str(error.value) and "make translations" in str(error.value)


def test_title_and_lead_of_an_english_story_are_english(catalogue):
    catalogue()
    story = Story("99_proef", {"cells": [{"cell_type": "markdown", "source": CELL}]}, {}, lang="en")
    assert (story.title, story.lead) == (
        "3. Who is lonely?",
        "What you learn: which groups, and why.",
    )


def test_a_translation_must_keep_code_math_links_and_numbers(tmp_path, monkeypatch):
    notebook = tmp_path / "99_proef.ipynb"
    text = (
        "Eerst $A = P \\cdot R$ voor 15-plussers, met `decompose_change` en [CBS](https://cbs.nl)."
    )
    cells = [{"cell_type": "code", "source": ""}, {"cell_type": "markdown", "source": text}]
    notebook.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    monkeypatch.setattr(i18n, "notebooks", lambda: [notebook])
    catalog = Catalog(locale="en")
    english = (
        "First A = P R for people aged 16+, with `decompose_change` and [CBS](https://cbs.nl)."
    )
    catalog.add(text, english, context="99_proef")
    catalog.add("Weg.", "Gone.", context="99_proef")
    path = tmp_path / "stories.po"
    with path.open("wb") as file:
        write_po(file, catalog)
    assert i18n.problems(path) == [
        "99_proef.ipynb cell 1: lost code, math, link or number ($A = P \\cdot R$, 15)",
        "99_proef: obsolete entry: Weg.",
    ]


def test_the_catalogue_is_in_step_with_the_notebooks_and_fully_translated():
    problems = i18n.problems()
    assert not problems, "run: make translations, then translate\n" + "\n".join(problems)


class _Reader(HTMLParser):
    """The reader text of a page: headings, paragraphs, list items and the title, without code."""

    BLOCKS = ("title", "h1", "h2", "h3", "h4", "p", "li", "figcaption")

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._code, self._open = 0, None

    def handle_starttag(self, tag, attrs) -> None:
        self._code += tag in ("pre", "code", "script", "style", "table")
        if tag in self.BLOCKS and self._open is None:
            self._open = (tag, [])

    def handle_endtag(self, tag) -> None:
        self._code -= tag in ("pre", "code", "script", "style", "table")
        if self._open and tag == self._open[0]:
            self.texts.append(" ".join("".join(self._open[1]).split()))
            self._open = None

    def handle_data(self, data) -> None:
        if self._open and not self._code:
            self._open[1].append(data)


def _dutch_paragraphs(folder: Path) -> list[str]:
    found = []
    for page in sorted(folder.glob("*.html")):
        reader = _Reader()
        reader.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.name}: {t[:90]}" for t in reader.texts if dutch(t)]
    return found


def test_english_pages_have_no_dutch_paragraph(site):
    assert len(_dutch_paragraphs(site.build)) > 50  # the check sees Dutch where it is
    assert _dutch_paragraphs(site.build / "en") == []


# What a value left empty in a sentence leaves behind: stray punctuation (": ; sterk eenzaam"
# in story 0 once), a Python None or NaN, an unfilled {placeholder}.
EMPTY_SLOT = re.compile(r"[:;,(]\s*[;,.)]|\bNone\b|\bnan\b|\{\w*\}")


def test_no_sentence_of_any_page_has_an_empty_slot(site):
    assert EMPTY_SLOT.search("laten de data niet zien: ; sterk eenzaam")  # the check sees one
    found = []
    for page in sorted([*site.build.glob("*.html"), *site.build.glob("en/*.html")]):
        reader = _Reader()  # inline code is part of its sentence: (`seeds/claims.yaml`, B8)
        reader.feed(re.sub(r"</?code\b[^>]*>", "", page.read_text(encoding="utf-8")))
        found += [f"{page.name}: {t[:120]}" for t in reader.texts if EMPTY_SLOT.search(t)]
    assert found == []


# Our own Dutch words and keys, which an English page writes in English: the vocabulary's
# Dutch where it differs from the English, and the data's Dutch labels and units.
DUTCH_KEYS = {
    w.lower()
    for w in [
        *(v["nl"] for v in VOCABULARY.values() if v["nl"] != v["en"] and "{" not in v["nl"]),
        *(k for k, v in CATEGORIES.items() if k != v),
        *(k for k, v in LABEL_WORDS.items() if k != v),
        *(k for k, v in UNITS.items() if v.get("en", k) != k),
    ]
}
KEY = re.compile(r"[A-Za-z]+_[A-Za-z0-9_]+")  # a column key (regio_code, Eenzaam_28)


class _Cells(HTMLParser):
    """Every table cell and caption of a page, with whether a reader sees it (not in the folded code and
    its outputs) and whether it is marked Dutch (``lang="nl"`` on it or around it)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, bool, bool]] = []
        self._around: list[tuple[str, bool, bool]] = []  # (tag, Dutch, code)
        self._open: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        found = dict(attrs)
        dutch = found.get("lang") == "nl" or any(d for _, d, _ in self._around)
        code = tag == "details" and "code" in (found.get("class") or "").split()
        code = code or any(c for _, _, c in self._around)
        if tag in ("td", "th", "caption"):  # a caption holds what every row shares
            self._open = []
        self._around.append((tag, dutch, code))

    def handle_endtag(self, tag) -> None:
        while self._around:
            opened, dutch, code = self._around.pop()
            if opened == tag:
                break
        if tag in ("td", "th", "caption") and self._open is not None:
            self.cells.append((" ".join("".join(self._open).split()), not code, dutch))
            self._open = None

    def handle_data(self, data) -> None:
        if self._open is not None:
            self._open.append(data)


def _dutch_cells(folder: Path) -> list[str]:
    """Table cells in Dutch on pages of ``folder``: in a table a reader sees, a Dutch key or
    word of ours, or a column key; anywhere (the folded outputs too, such as a story's
    findings), Dutch words (one Dutch word alone, or two in a text). Only the book's quotes
    stay Dutch (marked ``lang="nl"``); the site marks any Dutch cell, so a mark alone is no
    licence."""
    quotes = {c["says"] for c in read_claims()}
    found = []
    for page in sorted(folder.glob("*.html")):
        reader = _Cells()
        reader.feed(page.read_text(encoding="utf-8"))
        for text, seen, marked in reader.cells:
            key = text.lower() in DUTCH_KEYS or KEY.fullmatch(text)
            words = not KEY.fullmatch(text) and (dutch(text, 2) or text.lower() in DUTCH)
            if not (marked and text in quotes) and (words or (seen and key)):
                found.append(f"{page.name}: {text[:90]}")
    return sorted(set(found))


def test_english_pages_have_no_dutch_table_cell(site):
    assert len(_dutch_cells(site.build)) > 10  # the check sees Dutch where it is
    assert _dutch_cells(site.build / "en") == []


class _Looks(HTMLParser):
    """What decides how a page's elements look, without their text: each element's tag and
    classes, the properties of its style attribute (not their values: sizes), the page's
    stylesheets."""

    def __init__(self):
        super().__init__()
        self.looks: set[tuple[str, str, str]] = set()

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        declarations = (found.get("style") or "").split(";")
        styled = sorted(d.split(":")[0].strip() for d in declarations if d.strip())
        self.looks.add((tag, found.get("class") or "", ";".join(styled)))
        if tag == "link" and found.get("rel") == "stylesheet":
            self.looks.add(("stylesheet", Path(found["href"]).name, ""))


def _looks(path: Path) -> set[tuple[str, str, str]]:
    reader = _Looks()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.looks


def test_english_pages_use_only_the_looks_of_the_dutch_pages(site):
    """Why the browser tests judge contrast on the Dutch pages only: each English page has no
    element whose tag, classes or styled properties its Dutch page lacks, and the same
    stylesheets (the assets are shared)."""
    english = sorted((site.build / "en").glob("*.html"))
    assert len(english) > 20
    names = {"explorer.html": "verkenner.html"}
    found = {}
    for page in english:
        dutch_page = site.build / names.get(page.name, page.name)
        extra = _looks(page) - _looks(dutch_page)
        if extra:
            found[page.name] = sorted(extra)
    assert found == {}


def test_claims_explain_their_verdicts_in_the_build_language(monkeypatch):
    from eenzaamheid import load
    from eenzaamheid.claims import check_claims

    def snapshot(table, **kwargs):
        return load(table, source="snapshot", **kwargs)

    monkeypatch.setenv("EENZAAMHEID_LANG", "en")
    english = {r.id: r.explanation for r in check_claims(snapshot)}
    monkeypatch.setenv("EENZAAMHEID_LANG", "nl")
    dutch_text = {r.id: r.explanation for r in check_claims(snapshot)}
    assert (
        "adults (20+): 22.3%" in english["B2"] and "volwassenen (20+): 22,3 %" in dutch_text["B2"]
    )
    assert "The book is right as a share of adults (20+)" in english["B2"]
    assert "Note: the CBS survey during COVID is that of 2021" in english["B3"]
    assert "of people aged 15 and over" in english["B5"]
    assert [i for i, text in english.items() if dutch(text)] == []
    assert {"B1", "B2", "B7"} <= {i for i, text in dutch_text.items() if dutch(text)}


def test_a_passage_in_the_other_language_carries_its_lang():
    from eenzaamheid.site.passages import mark

    quote = "Dat is een stijging van 5 naar 22 procent van de bevolking."
    html = f'<p>The book says this in Dutch:</p><table><tr><td>{quote}</td><td class="num">22</td>'
    assert mark(html, "en") == html.replace("<td>Dat", '<td lang="nl">Dat')
    assert mark(html, "nl") == html.replace("<p>The", '<p lang="en">The')
    title = "<li><em>Loneliness and social isolation as risk factors for mortality</em></li>"
    assert mark(title, "nl") == title.replace("<li>", '<li lang="en">')
    assert mark('<td lang="nl">Het boek</td>', "en") == '<td lang="nl">Het boek</td>'


def test_a_changed_paragraph_leaves_no_comments_behind_in_the_catalogue(tmp_path):
    """A fuzzy entry of a long paragraph is written and read again as it was: the old text
    does not come back as "# |" comment lines for the translator to wade through."""
    catalog = Catalog(locale="en")
    message = catalog.add("Nieuw " + "woord " * 40, "New", context="01_x", flags=["fuzzy"])
    message.previous_id = ["Oud " + "woord " * 40]
    i18n._write(catalog, tmp_path / "stories.po")
    with (tmp_path / "stories.po").open("rb") as file:
        again = [m for m in read_po(file) if m.id]
    assert [(m.id, m.string, m.fuzzy, m.user_comments) for m in again] == [
        ("Nieuw " + "woord " * 40, "New", True, [])
    ]


def test_a_term_the_translation_marks_keeps_its_language_on_the_page(site):
    """A Dutch term an English sentence quotes, marked ``[term]{lang=nl}`` in the catalogue,
    is ``<span lang="nl">`` on the English page, so a screen reader says it in Dutch."""
    with i18n.CATALOGUE.open("rb") as file:
        marked = [
            (message.context, found)
            for message in read_po(file)
            for found in re.finditer(LANG_SPAN, message.string or "")
        ]
    assert marked  # "(alleenstaande)" in story 1
    for story, found in marked:
        page = (site.build / "en" / f"{story}.html").read_text("utf-8")
        span = f'<span lang="{found["span_lang"]}">{found["span_text"]}</span>'
        assert span in page, (story, span)


def test_a_range_of_numbers_takes_an_en_dash_in_both_languages():
    """``227–237``, ``2000–2024``: a hyphen only inside a title quoted as its source writes it
    (``"…, 2022-2070"``, ``[…, 2022-2070]``), in a report number (``P23-186``) or a date; in
    the paragraphs of both languages and in the strings of the code (titles, prose)."""
    import ast

    from eenzaamheid.site import notebooks

    with i18n.CATALOGUE.open("rb") as file:
        texts = [m.string for m in read_po(file) if m.id]
    for notebook in notebooks():
        for cell in json.loads(notebook.read_text("utf-8"))["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "markdown":
                texts.append(source)
            elif cell["cell_type"] == "code":
                nodes = ast.walk(ast.parse(source))
                texts += [n.value for n in nodes if isinstance(getattr(n, "value", 0), str)]
    unquoted = [re.sub(r'"[^"]*"|\[[^\]]*\]|\d\d-\d\d-\d{4}', "", text) for text in texts]
    hyphens = {m for text in unquoted for m in re.findall(r"(?<![\w-])\d+-\d+(?![\w-])", text)}
    assert not hyphens, hyphens
