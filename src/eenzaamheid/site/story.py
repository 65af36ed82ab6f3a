"""A story page from an executed notebook: the prose, each chart as a chart block, the code
folded away (one click shows it), the other outputs as the notebook showed them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import mistune
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from .i18n import translate_markdown
from .layout import WORDS, Chart, chart_block, esc
from .listing import saved_names

WIDGET = "application/vnd.jupyter.widget-view+json"


class _Renderer(mistune.HTMLRenderer):
    """Markdown as HTML, with an id on every heading so a section can be linked."""

    def heading(self, text: str, level: int, **attrs) -> str:
        slug = re.sub(r"[^\w]+", "-", re.sub(r"<[^>]+>", "", text).lower()).strip("-")
        return f'<h{level} id="{slug}">{text}</h{level}>\n'


_markdown = mistune.create_markdown(
    renderer=_Renderer(escape=False), plugins=["table", "strikethrough"]
)


def markdown(text: str) -> str:
    return _markdown(text)


@dataclass
class Story:
    """One notebook as a page."""

    stem: str
    notebook: dict
    chart_cells: dict[int, list[str]]  # cell index -> names of the charts it saved
    charts: list[Chart] = field(default_factory=list)
    lang: str = "nl"  # the language of title and lead

    def _prose(self) -> Iterator[str]:
        for index, cell in enumerate(self.notebook["cells"]):
            if cell["cell_type"] == "markdown":
                yield translate_markdown(self.stem, index, _joined(cell["source"]), self.lang)

    @property
    def title(self) -> str:
        for text in self._prose():
            match = re.search(r"^#\s+(.+)$", text, re.M)
            if match:
                return match.group(1).strip()
        return self.stem

    @property
    def lead(self) -> str:
        """The first paragraph after the title, as plain text (for the index and slides)."""
        for text in self._prose():
            paragraphs = [p for p in text.split("\n\n") if not p.startswith("#")]
            return _plain(paragraphs[0]) if paragraphs else ""
        return ""


def _plain(markdown: str) -> str:
    text = re.sub(r"[*_`]", "", markdown)
    return re.sub(r"\s+", " ", text).strip()


def _code(cells: list[tuple[str, list[str]]], lang: str) -> str:
    """Code cells in a row, each with the tables it shows, behind one click."""
    body = "".join(
        f'<pre class="highlight"><code>{highlight(source, PythonLexer(), HtmlFormatter(nowrap=True))}'
        f"</code></pre>{''.join(folded)}"
        for source, folded in cells
    )
    label = WORDS[lang]["code_table" if any(f for _, f in cells) else "code"]
    return f'<details class="code"><summary>{esc(label)}</summary>{body}</details>'


def _joined(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


def _output(output: dict, lang: str) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        return f'<pre class="output">{esc(_joined(output.get("text", "")))}</pre>'
    if kind == "error":
        return f'<pre class="output error">{esc(output.get("ename"))}: {esc(output.get("evalue"))}</pre>'
    data = output.get("data", {})
    if WIDGET in data:
        return f'<p class="note">{esc(WORDS[lang]["widgets"])}</p>'
    if "text/html" in data:
        return f'<div class="output scroll">{_joined(data["text/html"])}</div>'
    if "image/png" in data:
        alt = esc(_joined(data.get("text/plain", "")))
        return f'<img class="output" src="data:image/png;base64,{_joined(data["image/png"])}" alt="{alt}">'
    if "text/plain" in data:
        return f'<pre class="output">{esc(_joined(data["text/plain"]))}</pre>'
    return ""


def render(story: Story, lang: str, build: Path, prefix: str) -> str:
    """The story's body: markdown as HTML, code folded, charts as chart blocks."""
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
            source = translate_markdown(story.stem, index, source, lang)
            parts.append(f'<section class="prose">{markdown(source)}</section>')
            continue
        if cell["cell_type"] != "code" or not source.strip():
            continue
        saved = [charts[name] for name in story.chart_cells.get(index, []) if name in charts]
        shown, folded, widgets = [], [], False
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if saved and {c.name for c in saved} & set(saved_names(output)):
                continue  # shown as a chart block below
            if WIDGET in data:
                if not widgets:
                    shown.append(_output(output, lang))
                widgets = True
            elif "text/markdown" in data:  # prose with computed figures (ch.prose)
                shown.append(
                    f'<section class="prose">{markdown(_joined(data["text/markdown"]))}</section>'
                )
            elif output.get("output_type") in ("stream", "error"):
                shown.append(_output(output, lang))  # what the notebook prints is prose
            else:
                folded.append(_output(output, lang))  # tables: behind the code's click
        code.append((source, folded))
        if shown or saved:
            flush()
        parts += [*shown, *(chart_block(chart, lang, build, prefix) for chart in saved)]
    flush()
    return "\n".join(parts)


def pygments_css() -> str:
    return HtmlFormatter(style="default").get_style_defs(".highlight")
