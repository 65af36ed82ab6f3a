"""``save_figure``: a chart as PNG, SVG and PDF, with its numbers (CSV) and alt text beside it."""

from __future__ import annotations

import base64
import html
import json
import os
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from .style import fit_texts, lang, theme

FORMATS = ("png", "svg", "pdf")


def figures_dir() -> Path:
    """``figures/`` of this checkout, or ``$EENZAAMHEID_FIGURES``."""
    default = Path(__file__).resolve().parents[2] / "figures"
    return Path(os.environ.get("EENZAAMHEID_FIGURES", default))


def _save_narrow(fig: Figure, out: Path, name: str, metadata: dict) -> dict[str, Path]:
    """The same chart at the theme's one-column width (``<name>_smal.*``), then back."""
    wide = fig.get_size_inches().copy()
    fig.set_size_inches(theme().narrow)
    fit_texts(fig)
    paths = {f"{fmt}_smal": out / f"{name}_smal.{fmt}" for fmt in FORMATS}
    for key, path in paths.items():
        fig.savefig(path, dpi=theme().dpi, metadata=metadata[key.removesuffix("_smal")])
    fig.set_size_inches(wide)
    fit_texts(fig)
    return paths


class ExportedFigure(dict):
    """The files ``save_figure`` wrote (format -> path). In a notebook it shows the saved PNG
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


def save_figure(
    fig: Figure, name: str, data: pd.DataFrame, alt: str, *, narrow: bool = False
) -> ExportedFigure:
    """Write ``<name>.png/.svg/.pdf``, ``<name>.csv`` (the numbers plotted) and ``<name>.json``.

    ``data`` must hold exactly what is drawn, with codes and a unit column; the source line of
    the chart is added to every row. ``alt`` describes the chart for a screen reader.
    ``narrow=True``: the chart also works at one-column width; in the ``artikel`` theme it is
    then written a second time at that size, as ``<name>_smal.*``.
    """
    info = getattr(fig, "_eenzaamheid", None)
    if info is None:
        raise ValueError("save_figure needs a chart made with eenzaamheid.style.new_chart")
    if not alt.strip():
        raise ValueError(f"{name}: alt text is empty; describe what the chart shows")
    out = figures_dir() / theme().name / lang()
    out.mkdir(parents=True, exist_ok=True)
    paths = ExportedFigure({fmt: out / f"{name}.{fmt}" for fmt in FORMATS})
    metadata = {
        "pdf": {"Title": info["title"], "Subject": info["source"]},
        "svg": {"Title": info["title"], "Description": alt},
        "png": {"Title": info["title"]},
    }
    for fmt, path in paths.items():
        fig.savefig(path, dpi=theme().dpi, metadata=metadata[fmt])
    if narrow and theme().narrow:  # print: also the one-column size
        paths.update(_save_narrow(fig, out, name, metadata))
    paths["csv"] = out / f"{name}.csv"
    data.assign(bron=info["source"]).to_csv(paths["csv"], index=False)
    paths["json"] = out / f"{name}.json"
    width, height = fig.get_size_inches() * theme().dpi
    record = {
        **info,
        "name": name,
        "alt": alt,
        "theme": theme().name,
        "lang": lang(),
        "png_pixels": [round(width), round(height)],
        "files": {k: p.name for k, p in paths.items()},
    }
    paths["json"].write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    paths.alt = alt
    plt.close(fig)  # shown once, as the saved PNG with its alt text (ExportedFigure)
    return paths
