"""A story page from an executed notebook: the prose, each chart as a chart block, the code
folded away (one click shows it), and only what a reader needs from the outputs.

What reaches a reader (contract 2): markdown cells and computed prose (``ch.prose``,
text/markdown) as text, reader tables (``ch.table``) formatted, and charts. Printed output
(stdout/stderr) and plain-text reprs never; a cell tagged ``remove-output`` shows nothing.
Other tables (DataFrames) stay folded with the code. Everything from notebooks or data is
escaped: markdown formats, raw HTML in it is shown as text."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import mistune
from latex2mathml.converter import convert as tex_to_mathml
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from ..charts.numbers import percent_together
from .chartblock import chart_block, sources
from .chartdata import source_list
from .explorer import explorer_anchor
from .explorer_text import PAGES
from .i18n import translate_markdown
from .layout import WORDS, Chart, esc
from .listing import saved_names

WIDGET = "application/vnd.jupyter.widget-view+json"
READER_TABLE = 'class="reader-table"'  # ch.table's own markup (contract 1)
PANDAS_TABLE = 'class="dataframe'  # a DataFrame's own HTML (pandas escapes its cells)
# A pandas header cell with nothing in it (the corner above the index, an unnamed label): an
# empty cell, not a header without a name.
_EMPTY_HEADER = re.compile(r"<th(\s[^>]*)?>\s*</th>")
REMOVE_OUTPUT = "remove-output"
# "notebook 7", "Notebooks 2 en 3" in a story's prose: on the site a notebook is a story
_REFERENCE = re.compile(r"\b([Nn])otebooks?\s+(\d{1,2})(?:\s+(en|and)\s+(\d{1,2}))?\b")
_AS_WRITTEN = re.compile(r"(```.*?```|`[^`]*`|\[[^\]]*\]\([^)]*\))", re.S)  # code, a link
_MATHML_TAGS = frozenset(
    [
        "math",
        "mrow",
        "mi",
        "mo",
        "mn",
        "ms",
        "msub",
        "msup",
        "msubsup",
        "mfrac",
        "msqrt",
        "mroot",
        "mtext",
        "mspace",
        "mstyle",
        "mtable",
        "mtr",
        "mtd",
        "munder",
        "mover",
        "munderover",
        "mpadded",
        "mphantom",
        "menclose",
        "semantics",
        "annotation",
    ]
)
_TAG = re.compile(r"</?([\w:-]+)")
_UNSAFE_ATTRIBUTE = re.compile(r"\s(?:on\w+|href|src|xlink:href|style)\s*=", re.I)


def mathml(tex: str, display: bool) -> str:
    """TeX as MathML, rendered by the browser with nothing fetched; the TeX as code when the
    result would hold anything but MathML (latex2mathml copies ``\\text{…}`` unescaped)."""
    try:
        converted = tex_to_mathml(tex, display="block" if display else "inline")
    except Exception:  # latex2mathml raises plain exceptions on TeX it cannot read
        converted = ""
    tags = set(_TAG.findall(converted))
    if not converted or not tags <= _MATHML_TAGS or _UNSAFE_ATTRIBUTE.search(converted):
        return f"<code>{esc(tex)}</code>"
    return converted


class _Renderer(mistune.HTMLRenderer):
    """Markdown as HTML (raw HTML escaped), an id on every heading, math as MathML; a number
    and its percent sign on one line (a no-break space between them)."""

    def __init__(self) -> None:
        super().__init__(escape=True)

    def text(self, text: str) -> str:
        return super().text(percent_together(text))

    def heading(self, text: str, level: int, **attrs) -> str:
        slug = re.sub(r"[^\w]+", "-", re.sub(r"<[^>]+>", "", text).lower()).strip("-")
        return f'<h{level} id="{slug}">{text}</h{level}>\n'

    def block_math(self, text: str) -> str:
        return f'<div class="math">{mathml(text, display=True)}</div>\n'

    def inline_math(self, text: str) -> str:
        return mathml(text, display=False)


# A word in another language, as Pandoc writes it: ``[alleenstaande]{lang=nl}`` (a translator
# marks the Dutch term an English sentence quotes, so a screen reader says it in Dutch).
LANG_SPAN = r"\[(?P<span_text>[^\[\]\n]+)\]\{lang=(?P<span_lang>[a-z]{2}(?:-[A-Z]{2})?)\}"


def _parse_lang_span(inline, match, state) -> int:
    inner = state.copy()
    inner.src = match.group("span_text")
    lang = match.group("span_lang")
    state.append_token(
        {"type": "lang_span", "children": inline.render(inner), "attrs": {"lang": lang}}
    )
    return match.end()


def _lang_span(md: mistune.Markdown) -> None:
    md.inline.register("lang_span", LANG_SPAN, _parse_lang_span, before="link")
    md.renderer.register("lang_span", lambda _, text, lang: f'<span lang="{lang}">{text}</span>')


_markdown = mistune.create_markdown(
    renderer=_Renderer(), plugins=["table", "strikethrough", "math", _lang_span]
)


def markdown(text: str) -> str:
    """Markdown from a notebook as safe HTML."""
    return _markdown(text)


@dataclass
class Story:
    """One notebook as a page in one language."""

    stem: str
    notebook: dict
    chart_cells: dict[int, list[str]]  # cell index -> names of the charts it saved
    charts: list[Chart] = field(default_factory=list)
    lang: str = "nl"  # the language of the page

    def text(self, index: int) -> str:
        """The markdown of cell ``index`` in the story's language (the one place prose is
        read; English from the catalogue, see ``i18n``)."""
        return translate_markdown(
            self.stem, index, _joined(self.notebook["cells"][index]["source"]), self.lang
        )

    def _markdown_cells(self) -> list[str]:
        cells = enumerate(self.notebook["cells"])
        return [self.text(i) for i, cell in cells if cell["cell_type"] == "markdown"]

    @property
    def title(self) -> str:
        for text in self._markdown_cells():
            match = re.search(r"^#\s+(.+)$", text, re.M)
            if match:
                return _plain(match.group(1))
        return self.stem

    @property
    def lead(self) -> str:
        """The first paragraph after the title, as plain text (for the index and slides)."""
        for text in self._markdown_cells()[:1]:
            paragraphs = [p for p in text.split("\n\n") if not p.startswith("#")]
            return _plain(paragraphs[0]) if paragraphs else ""
        return ""


def _plain(markdown: str) -> str:
    text = re.sub(LANG_SPAN, r"\g<span_text>", markdown)  # a title has no markup
    text = re.sub(r"[*_`]", "", text)
    return re.sub(r"\s+", " ", text).strip()


class _CodeColours:
    """Python as coloured HTML, each source coloured once and kept between runs (``load``,
    ``save``): both languages show the same code, an unchanged build colours none."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}  # source digest -> coloured HTML
        self.used: set[str] = set()

    def __call__(self, source: str) -> str:
        key = hashlib.sha1(source.encode()).hexdigest()
        if key not in self.known:
            self.known[key] = highlight(source, PythonLexer(), HtmlFormatter(nowrap=True))
        self.used.add(key)
        return self.known[key]

    def load(self, path: Path) -> None:
        if path.exists():
            self.known.update(json.loads(path.read_text("utf-8")))
        self.used.clear()

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({key: self.known[key] for key in sorted(self.used)}), "utf-8")


code_colours = _CodeColours()


def _code(cells: list[tuple[str, list[str]]], lang: str) -> str:
    """Code cells in a row, each with the tables it shows, behind one click."""
    body = "".join(
        f'<pre class="highlight" tabindex="0"><code>{code_colours(source)}</code></pre>'
        + "".join(folded)
        for source, folded in cells
    )
    tables = any(f for _, f in cells)
    label = WORDS[lang]["code_table" if tables else "code"]
    note = f'<p class="note">{esc(WORDS[lang]["code_tables_note"])}</p>' if tables else ""
    return f'<details class="code"><summary>{esc(label)}</summary>{note}{body}</details>'


def _joined(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


def _tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def _prose(text: str, lang: str, stems: list[str]) -> str:
    """Prose (a markdown cell, or computed prose) as a section, its notebooks linked."""
    return f'<section class="prose">{markdown(story_links(text, lang, stems))}</section>'


_EXPLORER_LINK = re.compile(rf"\]\({re.escape(PAGES['nl'])}(?=[)#?\s])")  # its target


def story_links(text: str, lang: str, stems: list[str]) -> str:
    """A notebook named by its number in the prose (``notebook 7``, ``notebooks 2 en 3``) as
    a link to that story on the site, in the site's word (``verhaal 7``, ``story 2 and story
    3``); a number without a story, code and a link stay as written, except that a link to the
    explorer (``verkenner.html``) goes to its page in ``lang``."""
    pages = {int(stem[:2]): f"{stem}.html" for stem in stems if stem[:2].isdigit()}
    word = WORDS[lang]["story"]

    def linked(match: re.Match[str]) -> str:
        capital, first, joint, second = match.groups()
        numbers = [int(first), *([int(second)] if second else [])]
        if not all(n in pages for n in numbers):
            return match.group(0)
        first = word.capitalize() if capital == "N" else word
        links = [f"[{first if i == 0 else word} {n}]({pages[n]})" for i, n in enumerate(numbers)]
        return f" {joint} ".join(links)

    parts = _AS_WRITTEN.split(text)  # code and links (odd parts) stay as written
    text = "".join(p if i % 2 else _REFERENCE.sub(linked, p) for i, p in enumerate(parts))
    return _EXPLORER_LINK.sub(f"]({PAGES[lang]}", text)


def _scroller(classes: str, table: str, lang: str) -> str:
    """A table that may be wider than a phone: it scrolls in its own box, which a keyboard
    can reach and scroll (arrow keys) and which is named for a screen reader."""
    label = esc(WORDS[lang]["table"])
    return f'<div class="{classes}" tabindex="0" role="region" aria-label="{label}">{table}</div>'


def _sorted_output(output: dict, lang: str, stems: list[str]) -> tuple[str, str]:
    """``("shown" | "folded" | "", html)``: where an output goes on the page."""
    data = output.get("data", {})
    if output.get("output_type") == "stream":
        return "", ""  # print is for the analyst in JupyterLab
    if output.get("output_type") == "error":
        return "shown", f'<p class="note error">{esc(output.get("ename"))}</p>'
    if WIDGET in data:
        link = explorer_anchor(lang)
        return "widget", f'<p class="note">{esc(WORDS[lang]["widgets"])} {link}</p>'
    if "text/markdown" in data:  # prose with computed figures (ch.prose)
        return "shown", _prose(_joined(data["text/markdown"]), lang, stems)
    html = _joined(data.get("text/html", ""))
    if READER_TABLE in html:
        return "shown", _scroller("scroll reader", html, lang)
    if PANDAS_TABLE in html:
        return "folded", _scroller("output scroll", _EMPTY_HEADER.sub(r"<td\1></td>", html), lang)
    return "", ""  # a bare repr (dict, list, number) or a picture: not for readers


def render(
    story: Story, lang: str, build: Path, prefix: str, stems: list[str] | None = None
) -> str:
    """The story's body: markdown as HTML, code folded, charts as chart blocks. ``stems``: the
    stories on the site, which its prose links to (:func:`story_links`)."""
    stems = stems or []
    charts = {chart.name: chart for chart in story.charts}
    parts: list[str] = []
    code: list[tuple[str, list[str]]] = []  # code cells not yet written, with their tables

    def flush() -> None:
        if code:
            parts.append(_code(code, lang))
            code.clear()

    for index, cell in enumerate(story.notebook["cells"]):
        source = _joined(cell["source"])
        if cell["cell_type"] == "markdown":
            flush()
            parts.append(_prose(story.text(index), lang, stems))
            continue
        if cell["cell_type"] != "code" or not source.strip():
            continue
        removed = REMOVE_OUTPUT in _tags(cell)
        names = [] if removed else story.chart_cells.get(index, [])
        saved = [charts[name] for name in names if name in charts]
        places: dict[str, list[str]] = {"shown": [], "folded": [], "widget": [], "": []}
        for output in [] if removed else cell.get("outputs", []):
            if saved and {c.name for c in saved} & set(saved_names(output)):
                continue  # shown as a chart block below
            place, html = _sorted_output(output, lang, stems)
            places[place].append(html)
        shown = places["widget"][:1] + places["shown"]
        code.append((source, places["folded"]))
        if shown or saved:
            flush()
        parts += [*shown, *(chart_block(chart, lang, build, prefix) for chart in saved)]
    flush()
    links = [link for chart in story.charts for link in sources(chart, lang, build)]
    return _numbered("\n".join([*parts, source_list(links, lang)]), lang)


def _numbered(body: str, lang: str) -> str:
    """Each table's box named with its number on the page (``Tabel 2``): named regions must
    differ."""
    label = f'role="region" aria-label="{esc(WORDS[lang]["table"])}'
    count = itertools.count(1)
    return re.sub(re.escape(label) + '"', lambda _: f'{label} {next(count)}"', body)


CODE_BACKGROUND = "#fafafa"  # every colour of Pygments' default style for text keeps 4.5:1 on it


def pygments_css() -> str:
    """The code colours, and the background they are legible on."""
    colours = HtmlFormatter(style="default").get_style_defs(".highlight")
    return f"{colours}\ndetails.code pre.highlight {{ background: {CODE_BACKGROUND}; }}"
