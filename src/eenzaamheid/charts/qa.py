"""A check on a drawn chart: every number it draws is in its data (what collides on it:
``layout_check``)."""

from __future__ import annotations

import math
import weakref

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PatchCollection, PathCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure

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
