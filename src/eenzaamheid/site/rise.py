"""Slide metadata for presenting a notebook in JupyterLab with RISE (jupyterlab-rise), set
from the notebook's structure so nobody has to click through the property inspector:

- the first markdown cell is the title slide;
- each ``#``/``##`` heading starts a slide, each ``###`` heading a sub-slide;
- each chart cell (one that draws a ``Chart`` or saves one) is a slide of its own showing only
  its output, the code collapsed (``jupyter.source_hidden``);
- the text that follows a chart starts a new slide (one finding per slide); text computed in
  a code cell (``ch.prose``) counts as text, its code collapsed;
- other code (data preparation) is skipped; other text stays with its slide.

A code cell tagged ``slide`` shows its output (code collapsed) with the text just before it,
or as a slide of its own (a table worth showing).

``python -m eenzaamheid.site.rise notebooks/0*.ipynb`` writes it into the notebooks, with
the show's settings (``RISE``): it starts at the title slide whichever cell is selected, and
selects no cell on its own (no selection bar on the slides). ``notebooks/rise.css`` (loaded by
RISE) gives the lecture look: large type, charts filling the slide, code out of sight.

The arrow keys: JupyterLab binds ArrowRight/ArrowLeft in a notebook to "next/previous heading",
which took them from the slideshow (0 → 2 → 4 in a story, skipping the chart slides). The
project's JupyterLab settings (``jupyter/eenzaamheid.json``, installed into the environment's
``share/jupyter/lab/settings/overrides.d``) keep that binding for notebooks but not for slides.
They also render every cell of a notebook at once (``windowingMode: none``, as RISE does in its
own window): by default JupyterLab renders cells out of view when the CPU is idle, and focuses
the selected cell only once it is rendered; on a busy or slow machine that came seconds after
the show had opened and took the keyboard back from the slides (ArrowRight then stopped).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

CHART = re.compile(r"\bChart\(|\.save\(|explore\.draw\(")
PROSE = re.compile(r"\bprose\(")  # text whose figures are computed: shown like markdown
RISE = {
    "auto_select": "none",
    "enable_chalkboard": False,
    "scroll": True,
    "slideNumber": "c/t",
    "start_slideshow_at": "beginning",
    "theme": "white",
    "transition": "none",
}


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def is_chart(cell: dict) -> bool:
    return cell["cell_type"] == "code" and bool(CHART.search(_source(cell)))


def is_prose(cell: dict) -> bool:
    return cell["cell_type"] == "code" and bool(PROSE.search(_source(cell)))


def is_shown(cell: dict) -> bool:
    """A chart cell, computed prose, or a code cell tagged ``slide``: its output is shown,
    its code is not."""
    tagged = "slide" in cell.get("metadata", {}).get("tags", [])
    return is_chart(cell) or is_prose(cell) or (cell["cell_type"] == "code" and tagged)


def slide_types(notebook: dict) -> list[str]:
    """The RISE slide type of every cell, from the notebook's structure."""
    types, after_chart, seen_text, previous = [], False, False, ""
    for cell in notebook["cells"]:
        text = _source(cell).lstrip()
        if cell["cell_type"] == "markdown":
            if not seen_text or re.match(r"#{1,2}\s", text) or after_chart:
                kind = "slide"
            elif text.startswith("### "):
                kind = "subslide"
            else:
                kind = "-"
            seen_text, after_chart = True, False
        elif is_chart(cell):
            kind, after_chart = "slide", True
        elif is_prose(cell):
            kind = "slide" if after_chart or not seen_text else "-"
            seen_text, after_chart = True, False
        elif is_shown(cell):
            kind, after_chart = ("-" if previous == "markdown" else "slide"), True
        elif cell["cell_type"] == "code":
            kind = "skip"
        else:
            kind = "-"
        types.append(kind)
        previous = cell["cell_type"] if kind != "skip" else previous
    return types


def mark(notebook: dict) -> dict:
    """The notebook with slide metadata set (in place, and returned); outputs untouched."""
    for cell, kind in zip(notebook["cells"], slide_types(notebook), strict=True):
        metadata = cell.setdefault("metadata", {})
        metadata["slideshow"] = {"slide_type": kind}
        jupyter = metadata.get("jupyter", {})
        if is_shown(cell):
            jupyter["source_hidden"] = True
        else:
            jupyter.pop("source_hidden", None)
        if jupyter:
            metadata["jupyter"] = jupyter
        else:
            metadata.pop("jupyter", None)
    notebook.setdefault("metadata", {})["rise"] = dict(RISE)
    return notebook


def is_marked(notebook: dict) -> bool:
    """Whether the notebook carries exactly the metadata :func:`mark` would give it."""
    copy = json.loads(json.dumps(notebook))
    return mark(copy) == notebook


def write(path: Path) -> bool:
    """Mark one notebook file; True when it changed. Keeps the file's JSON layout."""
    text = path.read_text(encoding="utf-8")
    notebook = json.loads(text)
    if is_marked(notebook):
        return False
    new = json.dumps(mark(notebook), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    path.write_text(new, encoding="utf-8")
    return True


def main(paths: list[str]) -> int:
    for name in paths:
        print(f"{name}: {'slide metadata set' if write(Path(name)) else 'up to date'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
