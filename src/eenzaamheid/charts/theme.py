"""Themes as style dictionaries: a chart applies its theme only while it is drawn and saved
(``matplotlib.rc_context``), so importing this package changes nothing in matplotlib."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import matplotlib as mpl

from .. import settings

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
HIGHLIGHT = "#D55E00"  # vermilion: the one thing the reader should look at
MAIN = "#0072B2"  # blue
CONTEXT = "#8C8C8C"  # grey: everything else
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
SEX_COLOURS = {"Mannen": "#0072B2", "Vrouwen": "#D55E00"}

HOUSE_STYLE: dict[str, Any] = {
    # drawn in DejaVu Sans (matplotlib's own); an SVG also names the sans-serif fonts after
    # it, so a computer without DejaVu (a lecture hall's) shows Arial or Helvetica, not Times
    "font.family": ["DejaVu Sans", "sans-serif"],
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.spines.left": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.8,
    "axes.edgecolor": "#444444",
    "axes.labelcolor": "#333333",
    "axes.titlelocation": "left",
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "ytick.left": False,
    "xtick.direction": "out",
    "legend.frameon": False,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "svg.fonttype": "none",  # text stays text in SVG: editable, searchable
    "pdf.fonttype": 42,
}


@dataclass(frozen=True)
class Theme:
    name: str
    size: tuple[float, float]  # inches
    dpi: int  # PNG resolution
    font_size: float
    line_width: float
    marker_size: float
    narrow: tuple[float, float] | None = None  # one-column size (print; a phone's page)
    extra: tuple[tuple[str, Any], ...] = ()

    def rc(self) -> dict[str, Any]:
        """The matplotlib settings of this theme."""
        return HOUSE_STYLE | {
            "font.size": self.font_size,
            "lines.linewidth": self.line_width,
            "lines.markersize": self.marker_size,
            "figure.figsize": self.size,
            "savefig.dpi": self.dpi,
            **dict(self.extra),
        }


_HIGH_CONTRAST = (
    ("axes.labelcolor", "black"),
    ("xtick.color", "black"),
    ("ytick.color", "black"),
    ("axes.linewidth", 1.5),
)
THEMES = {
    # screens; the one-column size is what a page shows on a phone
    "notebook": Theme("notebook", (8.0, 5.0), 150, 11, 2.0, 9, narrow=(4.4, 4.0)),
    # print: full width 165 mm, one column 85 mm, at 300 dpi
    "artikel": Theme("artikel", (6.5, 4.0), 300, 8.5, 1.5, 7, narrow=(3.35, 3.0)),
    # slides: 16:9, 1920 x 1080 px, type readable from the back of a lecture hall
    "college": Theme(
        "college", (12.8, 7.2), 150, 22, 4.0, 18, narrow=(8.8, 8.0), extra=_HIGH_CONTRAST
    ),
}


def theme() -> Theme:
    """The theme in force (``settings.current().theme``)."""
    return THEMES[settings.current().theme]
