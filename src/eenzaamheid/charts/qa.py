"""Checks on a drawn chart: every number it draws is in its data, and no two texts collide."""

from __future__ import annotations

import itertools
import math
import weakref

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PatchCollection, PathCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.text import Text

# Which axis of an Axes carries the values ("x" or "y"); set by ``numbers.number_axis``.
VALUE_AXIS: weakref.WeakKeyDictionary[Axes, str] = weakref.WeakKeyDictionary()


def _line_values(ax: Axes, axis: str) -> list[float]:
    values = []
    for line in ax.lines:
        transform = line.get_transform()
        if axis == "y" and transform == ax.get_xaxis_transform():
            continue  # axvline: its y runs over the axes, not over values
        if axis == "x" and transform == ax.get_yaxis_transform():
            continue  # axhline
        data = line.get_ydata() if axis == "y" else line.get_xdata()
        values += [float(v) for v in np.atleast_1d(data) if _is_number(v)]
    return values


def _collection_values(ax: Axes, axis: str) -> list[float]:
    values = []
    index = 1 if axis == "y" else 0
    for collection in ax.collections:
        if isinstance(collection, LineCollection):
            values += [float(p[index]) for s in collection.get_segments() for p in s]
        elif isinstance(collection, PathCollection):
            values += [float(p[index]) for p in collection.get_offsets()]
        elif isinstance(collection, PatchCollection) and collection.get_array() is not None:
            values += [float(v) for v in collection.get_array()]
    return values


def drawn_values(fig: Figure) -> list[float]:
    """The numbers a chart draws on its value axes: line points, bar lengths, dumbbell ends,
    reference lines and the colours of a map."""
    values = []
    for ax in fig.axes:
        values += _collection_values(ax, VALUE_AXIS.get(ax, "y"))
        axis = VALUE_AXIS.get(ax)
        if axis is None:
            continue
        values += _line_values(ax, axis)
        for container in ax.containers:
            if isinstance(container, BarContainer):
                values += [float(v) for v in container.datavalues if _is_number(v)]
    return values


def _is_number(value: object) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def missing_from_data(fig: Figure, data: pd.DataFrame) -> list[float]:
    """Drawn numbers that no numeric cell of ``data`` holds (to a millionth)."""
    numbers = data.select_dtypes("number").to_numpy(dtype="float64", na_value=np.nan).ravel()
    known = np.sort(numbers[np.isfinite(numbers)])
    missing = []
    for value in sorted(set(drawn_values(fig))):
        position = np.searchsorted(known, value)
        near = known[max(position - 1, 0) : position + 1]
        if not np.any(np.abs(near - value) <= 1e-6 * max(1.0, abs(value))):
            missing.append(value)
    return missing


def _texts(fig: Figure) -> list[Text]:
    texts = list(fig.texts)
    for ax in fig.axes:
        texts += [*ax.texts, ax.title, ax.xaxis.label, ax.yaxis.label]
        if ax.axison:
            texts += _tick_labels(ax.xaxis, ax.get_xlim()) + _tick_labels(ax.yaxis, ax.get_ylim())
        legend = ax.get_legend()
        if legend is not None:
            texts += legend.get_texts()
    if fig.legends:
        texts += [t for legend in fig.legends for t in legend.get_texts()]
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def _tick_labels(axis, limits: tuple[float, float]) -> list[Text]:
    """The tick labels drawn: those of ticks inside the axis's view limits."""
    low, high = sorted(limits)
    slack = 1e-9 * max(1.0, abs(high - low))
    return [
        tick.label1
        for tick in axis.get_major_ticks()
        if low - slack <= tick.get_loc() <= high + slack and tick.label1.get_visible()
    ]


def text_collisions(fig: Figure, allowed: tuple[tuple[Text, Text], ...] = ()) -> list[str]:
    """Pairs of texts whose boxes overlap, and texts cut off by the figure's edge, as words.
    ``allowed`` pairs overlap on purpose (the title reserves blank lines for the subtitle)."""
    renderer = fig.canvas.get_renderer()
    boxes = [(t, t.get_window_extent(renderer)) for t in _texts(fig)]
    exempt = {frozenset(pair) for pair in allowed}
    found = []
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        if frozenset((a, b)) in exempt:
            continue
        if box_a.overlaps(box_b) and _overlap_area(box_a, box_b) > 1.0:
            found.append(f"{a.get_text()!r} overlaps {b.get_text()!r}")
    canvas = fig.bbox
    for text, box in boxes:
        if box.x0 < canvas.x0 - 1 or box.x1 > canvas.x1 + 1 or box.y0 < canvas.y0 - 1:
            found.append(f"{text.get_text()!r} is cut off at the edge")
    return found


def _overlap_area(a, b) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(width, 0) * max(height, 0)
