"""House style: themes, palette, Dutch number formatting and the chart frame.

Every chart starts with :func:`new_chart`; the theme (``notebook``, ``artikel``, ``college``)
and the language (``nl``, ``en``) come from :func:`use_theme` or the environment variables
``EENZAAMHEID_THEME`` and ``EENZAAMHEID_LANG``, so switching them changes no chart code.
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
from babel.numbers import format_decimal
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from .labels import text

STYLE_SHEET = Path(__file__).with_name("eenzaamheid.mplstyle")

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
HIGHLIGHT = "#D55E00"  # vermilion: the one thing the reader should look at
MAIN = "#0072B2"  # blue
CONTEXT = "#8C8C8C"  # grey: everything else
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
SEX_COLOURS = {"Mannen": "#0072B2", "Vrouwen": "#D55E00"}


@dataclass(frozen=True)
class Theme:
    name: str
    size: tuple[float, float]  # inches
    dpi: int  # PNG resolution
    font_size: float
    line_width: float
    marker_size: float
    narrow: tuple[float, float] | None = None  # one-column size (artikel)


THEMES = {
    "notebook": Theme("notebook", (8.0, 5.0), 150, 11, 2.0, 9),
    # print: full width 165 mm, one column 85 mm, at 300 dpi
    "artikel": Theme("artikel", (6.5, 4.0), 300, 8.5, 1.5, 7, narrow=(3.35, 3.0)),
    # slides: 16:9, 1920 x 1080 px, type readable from the back of a lecture hall
    "college": Theme("college", (12.8, 7.2), 150, 22, 4.0, 18),
}

_current = {
    "theme": os.environ.get("EENZAAMHEID_THEME", "notebook"),
    "lang": os.environ.get("EENZAAMHEID_LANG", "nl"),
}


def use_theme(theme: str | None = None, lang: str | None = None) -> Theme:
    """Set the theme and language for every chart drawn after this call."""
    if theme is not None:
        _current["theme"] = theme
    if lang is not None:
        _current["lang"] = lang
    if _current["theme"] not in THEMES:
        raise ValueError(f"unknown theme {_current['theme']!r}; choose from {sorted(THEMES)}")
    if _current["lang"] not in ("nl", "en"):
        raise ValueError(f"unknown language {_current['lang']!r}; choose 'nl' or 'en'")
    current = THEMES[_current["theme"]]
    mpl.style.use(STYLE_SHEET)
    mpl.rcParams.update(
        {
            "font.size": current.font_size,
            "lines.linewidth": current.line_width,
            "lines.markersize": current.marker_size,
            "figure.figsize": current.size,
            "savefig.dpi": current.dpi,
            "axes.prop_cycle": mpl.cycler(color=PALETTE),
        }
    )
    if current.name == "college":  # high contrast: black text, heavier axes
        mpl.rcParams.update(
            {
                "axes.labelcolor": "black",
                "xtick.color": "black",
                "ytick.color": "black",
                "axes.linewidth": 1.5,
            }
        )
    return current


def theme() -> Theme:
    return THEMES[_current["theme"]]


def lang() -> str:
    return _current["lang"]


def _locale() -> str:
    return "nl_NL" if lang() == "nl" else "en_GB"


def fmt_number(value: float, decimals: int = 0) -> str:
    """``1234567`` -> ``1.234.567`` (nl) or ``1,234,567`` (en)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale())


def fmt_percent(value: float, decimals: int = 1) -> str:
    """``10.7`` (already in percent) -> ``10,7 %`` (nl) or ``10.7%`` (en)."""
    number = fmt_number(value, decimals)
    return f"{number} %" if lang() == "nl" else f"{number}%"


def fmt_millions(value: float, decimals: int = 1) -> str:
    """``2961228`` -> ``3,0 mln`` (nl) or ``3.0 m`` (en)."""
    return f"{fmt_number(value / 1e6, decimals)} {text('mln')}"


def number_axis(ax: Axes, axis: str = "y", kind: str = "number", decimals: int = 0) -> None:
    """Format an axis in the current language: kind is ``number``, ``percent`` or ``millions``."""
    formatter = {"number": fmt_number, "percent": fmt_percent, "millions": fmt_millions}[kind]
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda v, _pos: formatter(v, decimals)))


def new_chart(
    title: str,
    subtitle: str,
    source: str,
    *,
    ncols: int = 1,
    nrows: int = 1,
    narrow: bool = False,
    sharey: bool = False,
) -> tuple[Figure, Axes | list[Axes]]:
    """A figure in the house style: finding as title, what-and-unit as subtitle, source line."""
    current = theme()
    size = current.narrow if narrow and current.narrow else current.size
    fig, axes = plt.subplots(
        nrows, ncols, figsize=size, layout="constrained", sharey=sharey, squeeze=False
    )
    fig._eenzaamheid = {"title": title, "subtitle": subtitle, "source": source}
    fig._eenzaamheid_texts = (
        fig.suptitle("", x=0.01, ha="left", fontweight="bold"),
        fig.text(0.01, 0.9, "", ha="left", va="top", color="#333333"),
        fig.supxlabel("", x=0.01, ha="left", color="#555555"),
    )
    fit_texts(fig)
    flat = list(axes.flat)
    return fig, flat[0] if len(flat) == 1 else flat


def fit_texts(fig: Figure) -> None:
    """(Re)wrap title, subtitle and source line to the figure's current width."""
    width, height = fig.get_size_inches()
    info = fig._eenzaamheid
    title, subtitle, source = fig._eenzaamheid_texts
    title_size, small = theme().font_size * 1.35, theme().font_size
    title_text = _wrap(info["title"], width, title_size)
    subtitle_text = _wrap(info["subtitle"], width, small * 0.85)
    # The suptitle ends in blank lines that reserve room, in constrained layout, for the
    # subtitle drawn in them: title and subtitle both start at the left edge, as in print.
    title.set_text(title_text + "\n" * (subtitle_text.count("\n") + 1))
    title.set_fontsize(title_size)
    top = 0.98  # matplotlib's own suptitle position; giving y would opt out of the layout
    title_height = (title_text.count("\n") + 1) * 1.2 * title_size / (height * 72)
    subtitle.set_text(subtitle_text)
    subtitle.set_fontsize(small)
    subtitle.set_y(top - title_height - 0.1 * small / (height * 72))
    source.set_text(_wrap(info["source"], width, small * 0.8))
    source.set_fontsize(small * 0.8)


def _wrap(title: str, width_inches: float, font_size: float) -> str:
    """Break a title so it fits the figure: bold DejaVu Sans is about 0.62 em per character."""
    chars = max(20, int(width_inches * 72 / (font_size * 0.62)))
    return textwrap.fill(title, chars)


def mark_book(ax: Axes, x, y, colour: str = "black") -> Line2D:
    """The book's own figures, drawn the same way on every chart: open diamonds."""
    (line,) = ax.plot(
        x,
        y,
        linestyle="none",
        marker="D",
        markerfacecolor="white",
        markeredgecolor=colour,
        markeredgewidth=2,
        zorder=5,
    )
    return line


def horizontal_layout(ax: Axes) -> None:
    """For horizontal bars and dot plots: grid lines along the x (value) axis only."""
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)


def label_line_end(ax: Axes, x, y, label: str, colour: str, dy: float = 0) -> None:
    """Direct label at the end of a line, instead of a legend; ``dy`` moves it, in lines."""
    ax.annotate(
        label,
        (x, y),
        xytext=(0.8 * theme().font_size, dy * theme().font_size),
        textcoords="offset points",
        color=colour,
        va="center",
        fontweight="bold",
        annotation_clip=False,
    )


use_theme()
