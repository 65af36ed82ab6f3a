"""Marks drawn the same way on every chart: the book's figures, line labels, lines with series
breaks, dumbbells and horizontal percentage bars."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D

from .layout_labels import bar_values
from .numbers import fmt_percent, number_axis
from .theme import CONTEXT, HIGHLIGHT, MAIN


def mark_book(ax: Axes, x, y, colour: str = "black") -> Line2D:
    """The book's own figures: open diamonds."""
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


def label_line_end(ax: Axes, x, y, label: str, colour: str, dy: float = 0, **style) -> None:
    """Direct label at the end of a line, instead of a legend; ``dy`` moves it, in lines;
    ``style`` (e.g. ``fontsize``) as for ``ax.annotate``."""
    size = mpl.rcParams["font.size"]
    ax.annotate(
        label,
        (x, y),
        xytext=(0.8 * size, dy * size),
        textcoords="offset points",
        color=colour,
        va="center",
        fontweight="bold",
        annotation_clip=False,
        **style,
    )


def line_with_breaks(ax: Axes, x: Sequence, y: Sequence, breaks: Sequence[bool], **style):
    """A line that does not run through a break in the series: where ``breaks`` is true (e.g.
    Eurostat's flag ``b``, a new method from that point on) the line stops at the point before
    and starts again at the flagged point, so no slope is drawn between values that do not
    compare. ``style`` goes to every piece (give the same colour, marker and style to all);
    returns the pieces, first to last."""
    x, y, breaks = list(x), list(y), list(breaks)
    if not len(x) == len(y) == len(breaks):
        raise ValueError(f"x, y and breaks differ in length: {len(x)}, {len(y)}, {len(breaks)}")
    starts = [0, *(i for i in range(1, len(x)) if breaks[i]), len(x)]
    return [ax.plot(x[a:b], y[a:b], **style)[0] for a, b in itertools.pairwise(starts)]


def dumbbell(
    ax: Axes,
    labels: Sequence[str],
    before: Sequence[float],
    after: Sequence[float],
    names: tuple[str, str],
) -> None:
    """Two values per row joined by a bar (grey before, highlighted after), first row on top,
    percent axis."""
    y = range(len(labels))
    ax.hlines(y, before, after, color=CONTEXT, linewidth=3)
    ax.plot(before, y, "o", color=CONTEXT, label=names[0])
    ax.plot(after, y, "o", color=HIGHLIGHT, label=names[1])
    ax.set_yticks(list(y), labels)
    ax.invert_yaxis()
    horizontal_layout(ax)
    number_axis(ax, "x", "percent", 0)
    ax.legend(loc="lower right")


def hbar_percent(
    ax: Axes,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    colours: Sequence[str] | str = MAIN,
    decimals: int = 1,
    positions: Sequence[float] | None = None,
    signed: bool = False,
    padding: float | Sequence[float] = 4,
) -> BarContainer:
    """Horizontal bars, first row on top, each labelled with its percentage ``padding`` points
    (one for all bars or one per bar) beyond the bar's end, or where that is not clear of the
    other marks, inside it (:func:`layout_labels.bar_values`); ``signed``: ``+`` before a
    rise."""
    y = list(positions) if positions is not None else list(range(len(labels)))
    bars = ax.barh(y, values, color=colours)
    ax.set_yticks(y, labels)
    texts = [fmt_percent(v, decimals, signed=signed) for v in values]
    bar_values(ax, bars, texts, padding=padding)
    ax.invert_yaxis()
    horizontal_layout(ax)
    number_axis(ax, "x", "percent", 0)
    return bars
