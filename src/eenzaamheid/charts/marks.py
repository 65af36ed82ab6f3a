"""Marks drawn the same way on every chart: the book's figures, line labels, lines with series
breaks, dumbbells, horizontal percentage bars and category labels that stay level."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator, Formatter

from .frame import text_points
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
    ax.set_ylim(len(labels) - 0.5, -0.5)  # first row on top; no dot on the axis line
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


def range_ticks(ax: Axes, labels: Sequence[str]) -> None:
    """Label the categories 0, 1, ... of the x axis with ``labels`` such as age groups
    (``15–19``), level, never turned on their side (which a lecture hall cannot read): whole
    where they fit, else stacked at their dash (``15–`` over ``19``), else stacked under every
    second (third, ...) category. Decided at each drawing, for the size it is drawn at."""
    ax.xaxis.set_major_locator(FixedLocator(range(len(labels))))
    ax.xaxis.set_major_formatter(RangeLabels(labels))
    ax.tick_params(axis="x", rotation=0)


class RangeLabels(Formatter):
    """The labels of :func:`range_ticks`, fitted to the room between two ticks."""

    def __init__(self, labels: Sequence[str]):
        self.labels = list(labels)

    def __call__(self, x: float, pos: int | None = None) -> str:
        return self.format_ticks([x])[0]

    def format_ticks(self, values) -> list[str]:
        whole = [self._label(v) for v in values]
        stacked = [_stack(label) for label in whole]
        room = max(self._room(), 1.0)  # an axes with no width yet: one pixel
        for labels in (whole, stacked):
            if self._widest(labels) <= room:
                return labels
        every = math.ceil(self._widest(stacked) / room)
        last = len(self.labels) - 1
        shown = list(range(0, last + 1, every))
        if shown[-1] != last:  # the last category too, in place of the one before it
            shown = [*shown[:-1], last] if len(shown) > 1 else [0, last]
        return [
            label if round(v) in shown else "" for v, label in zip(values, stacked, strict=True)
        ]

    def _label(self, value: float) -> str:
        at = round(value)
        return self.labels[at] if 0 <= at < len(self.labels) else ""

    def _room(self) -> float:
        """Pixels from one category to the next, as the axes are now laid out."""
        (x0, _), (x1, _) = self.axis.axes.transData.transform([(0, 0), (1, 0)])
        return abs(x1 - x0)

    def _widest(self, labels: list[str]) -> float:
        """The widest line of the labels in pixels, with a quarter em between neighbours."""
        font = self.axis.get_major_ticks()[0].label1.get_fontproperties()
        lines = {line for label in labels for line in label.split("\n") if line}
        points = max((text_points(line, font) for line in lines), default=0.0)
        return (points + font.get_size_in_points() / 4) * self.axis.figure.dpi / 72


def _stack(label: str) -> str:
    """``15–19`` -> ``15–`` over ``19``; a label without a dash stays whole."""
    head, dash, tail = label.partition("–")
    return f"{head}{dash}\n{tail}" if dash and tail else label
