"""The main job: run every notebook in a fresh kernel, export every chart, write ``build/``."""

from __future__ import annotations

import html
import json
import os
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

from .export import figures_dir

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"
CELL_TIMEOUT = 120  # seconds


class NotebookFailed(RuntimeError):
    """A notebook cell raised; the message names the notebook and the cell."""


def notebooks(only: list[str] | None = None) -> list[Path]:
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if only:
        paths = [p for p in paths if any(fragment in p.name for fragment in only)]
    return paths


def run_notebook(path: Path) -> nbformat.NotebookNode:
    """Execute a notebook top to bottom in a fresh kernel, from its own folder."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        index = next(
            (
                i
                for i, c in enumerate(notebook.cells)
                if c.get("outputs") and any(o.get("output_type") == "error" for o in c.outputs)
            ),
            "?",
        )
        raise NotebookFailed(f"{path.name}, cell {index}: {exc.ename}: {exc.evalue}") from exc
    return notebook


def build(
    theme: str = "notebook",
    lang: str = "nl",
    source: str = "snapshot",
    only: list[str] | None = None,
) -> Path:
    """Run the notebooks with this theme, language and data source; return build/index.html."""
    settings = {
        "EENZAAMHEID_THEME": theme,
        "EENZAAMHEID_LANG": lang,
        "EENZAAMHEID_SOURCE": source,
    }
    saved = {key: os.environ.get(key) for key in settings}
    os.environ.update(settings)  # the kernels inherit these
    try:
        return _run_all(only, theme, lang)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _run_all(only: list[str] | None, theme: str, lang: str) -> Path:
    BUILD.mkdir(exist_ok=True)
    exporter = HTMLExporter()
    paths = notebooks(only)
    if not paths:
        raise NotebookFailed(f"no notebooks match {only} in {NOTEBOOKS}")
    for number, path in enumerate(paths, 1):
        started = time.perf_counter()
        print(f"[{number}/{len(paths)}] {path.name} ...", end=" ", flush=True)
        executed = run_notebook(path)
        body, _ = exporter.from_notebook_node(executed)
        (BUILD / path.with_suffix(".html").name).write_text(body, encoding="utf-8")
        print(f"{time.perf_counter() - started:.1f} s", flush=True)
    index = write_index(figures_dir() / theme / lang)
    print(f"charts: {figures_dir() / theme / lang}\nindex:  {index}")
    return index


_LINKS = {
    "png": "PNG",
    "svg": "SVG",
    "pdf": "PDF",
    "png_smal": "PNG smal",
    "svg_smal": "SVG smal",
    "pdf_smal": "PDF smal",
    "csv": "CSV",
    "json": "JSON",
}


def write_index(charts: Path) -> Path:
    """``build/index.html``: every chart as a thumbnail with title, source line and downloads;
    ``build/slides.html``: the same charts one per screen, for a lecture."""
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(charts.glob("*.json"))]
    folder = os.path.relpath(charts, BUILD)
    cards = []
    for r in records:
        links = " · ".join(
            f'<a href="{folder}/{r["files"][key]}">{label}</a>'
            for key, label in _LINKS.items()
            if key in r["files"]
        )
        cards.append(
            f'<figure><a href="{folder}/{r["files"]["png"]}"><img src="{folder}/{r["files"]["png"]}" '
            f'alt="{html.escape(r["alt"])}"></a><figcaption><strong>{html.escape(r["title"])}</strong>'
            f"<br>{html.escape(r['subtitle'])}<br><small>{html.escape(r['source'])}</small>"
            f"<br>{links}</figcaption></figure>"
        )
    stories = "".join(
        f'<li><a href="{p.with_suffix(".html").name}">{p.stem}</a></li>'
        for p in notebooks()
        if (BUILD / p.with_suffix(".html").name).exists()
    )
    page = f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>eenzaamheid: grafieken</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222; }}
main {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 1.5rem; }}
figure {{ margin: 0; border: 1px solid #ddd; padding: .75rem; }}
img {{ width: 100%; height: auto; }}
figcaption {{ font-size: .9rem; line-height: 1.4; }}
</style></head><body>
<h1>eenzaamheid: alle grafieken</h1>
<p>{len(records)} grafieken, thema <code>{charts.parent.name}</code>, taal <code>{charts.name}</code>.
Klik een grafiek voor de PNG; PDF en SVG voor drukwerk, CSV met de cijfers erachter.
Voor een college: <a href="slides.html">presentatie</a> (pijltjestoetsen).</p>
<h2>Notebooks</h2><ul>{stories}</ul><h2>Grafieken</h2>
<main>{"".join(cards)}</main></body></html>
"""
    index = BUILD / "index.html"
    index.write_text(page, encoding="utf-8")
    write_slides(records, folder)
    return index


def write_slides(records: list[dict], folder: str) -> Path:
    """One chart per screen; arrow keys, space or a click to go on."""
    slides = "".join(
        f'<section><img src="{folder}/{r["files"]["png"]}" alt="{html.escape(r["alt"])}"></section>'
        for r in records
    )
    page = f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>eenzaamheid: presentatie</title>
<style>
html, body {{ margin: 0; height: 100%; background: white; }}
section {{ display: none; height: 100vh; align-items: center; justify-content: center; }}
section.now {{ display: flex; }}
img {{ max-width: 100vw; max-height: 100vh; }}
</style></head><body>{slides}
<script>
const slides = document.querySelectorAll("section");
let now = 0;
function show(i) {{
  now = Math.max(0, Math.min(slides.length - 1, i));
  slides.forEach((s, j) => s.classList.toggle("now", j === now));
}}
document.addEventListener("keydown", e => {{
  if (["ArrowRight", "PageDown", " "].includes(e.key)) show(now + 1);
  if (["ArrowLeft", "PageUp"].includes(e.key)) show(now - 1);
  if (e.key === "Home") show(0);
}});
document.addEventListener("click", () => show(now + 1));
show(0);
</script></body></html>
"""
    path = BUILD / "slides.html"
    path.write_text(page, encoding="utf-8")
    return path
