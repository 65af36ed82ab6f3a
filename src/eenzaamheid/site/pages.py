"""The pages of the main job: ``build/index.html`` (every chart with its downloads) and
``build/slides.html`` (one chart per screen, for a lecture)."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

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


def write_index(charts: Path, stories: list[Path], build: Path) -> Path:
    """``build/index.html``: every chart as a thumbnail with title, source line and downloads;
    ``build/slides.html``: the same charts one per screen, for a lecture."""
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(charts.glob("*.json"))]
    folder = os.path.relpath(charts, build)
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
    links = "".join(
        f'<li><a href="{p.with_suffix(".html").name}">{p.stem}</a></li>'
        for p in stories
        if (build / p.with_suffix(".html").name).exists()
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
<h2>Notebooks</h2><ul>{links}</ul><h2>Grafieken</h2>
<main>{"".join(cards)}</main></body></html>
"""
    index = build / "index.html"
    index.write_text(page, encoding="utf-8")
    write_slides(records, folder, build)
    return index


def write_slides(records: list[dict], folder: str, build: Path) -> Path:
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
    path = build / "slides.html"
    path.write_text(page, encoding="utf-8")
    return path
