"""Value labels for bars that find their place each time the chart is drawn, so at every size
and in every theme: just beyond the bar's end; where that would lie on another mark (a taller
neighbour, a reference line), inside the end, in black or white, whichever reads on the bar,
if it fits there; else moved out past the marks it would touch, inside the axes, with a thin
leader to its bar that crosses no mark; else at the end on an opaque box where only a line
across the axes runs (a knockout). Where no place is clear it stays at the end, and the
collision check (``layout_check``) reports it."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.container import BarContainer
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from .layout_marks import TOUCH, Mark, Marks

# How a text lies on the side ``direction`` of its anchor: (horizontal, vertical) alignment.
ALIGN = {
    (0, 1): ("center", "bottom"),
    (0, -1): ("center", "top"),
    (1, 0): ("left", "center"),
    (-1, 0): ("right", "center"),
}


def bar_values(
    ax: Axes, bars: BarContainer, labels: Sequence[str], *, padding: float = 3, **style
) -> list[BarValue]:
    """Label each bar at its end with its value (an empty label: none), in the first place
    clear of the chart's other marks (:class:`BarValue`); ``padding`` in points, ``style`` as
    for ``ax.annotate``."""
    vertical = bars.orientation == "vertical"
    return [
        ax.add_artist(BarValue(bar, label, vertical, padding, **style))
        for bar, label in zip(bars.patches, labels, strict=True)
        if label
    ]


class BarValue(Annotation):
    """A bar's value label; where it goes is decided whenever it is drawn or measured."""

    def __init__(self, bar: Rectangle, text: str, vertical: bool, padding: float, **style):
        x, y, width, height = bar.get_x(), bar.get_y(), bar.get_width(), bar.get_height()
        sign = 1 if (height if vertical else width) >= 0 else -1
        self.outward = (0, sign) if vertical else (sign, 0)
        end = (x + width / 2, y + height) if vertical else (x + width, y + height / 2)
        style = {"clip_on": False, **style}  # as ``ax.annotate``: may stand outside the axes
        width = mpl.rcParams["lines.linewidth"] / 2  # the theme's: thin beside its lines
        leader = {"arrowstyle": "-", "linewidth": width, "shrinkA": 0, "shrinkB": 0}
        super().__init__(text, end, (0, 0), "data", "offset points", arrowprops=leader, **style)
        self.bar, self.padding, self.ink = bar, padding, self.get_color()
        self.arrow_patch.set_color(self.ink)
        self.leader = (self.arrowprops, self.arrow_patch)  # shown only when moved out

    def update_positions(self, renderer) -> None:
        """Beyond the end; else inside it; else further out with a leader; else beyond the
        end on an opaque box, where only lines across the axes would run behind it; else
        beyond the end, where the collision check reports it."""
        marks = Marks([self.axes], self.axes.figure.dpi)
        if not self._hits(marks, self._try(renderer, inside=False)):
            return
        box = self._try(renderer, inside=True)
        if _holds(self._room(marks.pixels), box) and not self._hits(marks, box):
            return
        if self._moved_out(renderer, marks):
            return
        box = self._try(renderer, inside=False, knockout=True)
        if self._hits(marks, box, knockout=True):
            self._try(renderer, inside=False)

    def _moved_out(self, renderer, marks: Marks) -> bool:
        """Move the label out past the marks it lies on; whether it found a place clear of
        them, inside the axes, with a leader that crosses no mark."""
        shift = 0.0
        for _ in marks.marks:  # each step moves the label past at least one mark
            box = self._try(renderer, inside=False, shift=shift)
            hit = self._hits(marks, box)
            if not hit:
                leader = self._leader_box(renderer, box, marks.pixels)
                return _holds(self.axes.bbox, box) and not self._hits(marks, leader)
            shift += self._past(box, hit) / marks.pixels + self.padding
        return False

    def _try(self, renderer, *, inside: bool, shift: float = 0.0, knockout: bool = False) -> Bbox:
        """Put the label beyond the end (or inside it), ``shift`` points further out (with a
        leader), on an opaque box for a ``knockout``; returns its box."""
        side = -1 if inside else 1
        direction = (self.outward[0] * side, self.outward[1] * side)
        distance = side * (self.padding + shift)
        self.xyann = (self.outward[0] * distance, self.outward[1] * distance)
        horizontal, vertical = ALIGN[direction]
        self.set_horizontalalignment(horizontal)
        self.set_verticalalignment(vertical)
        self.set_color(_ink(self.bar.get_facecolor()) if inside else self.ink)
        self.set_bbox(_knockout(self.axes) if knockout else None)
        self.arrowprops, self.arrow_patch = self.leader if shift else (None, None)
        super().update_positions(renderer)
        return Text.get_window_extent(self, renderer)

    def _hits(self, marks: Marks, box: Bbox, knockout: bool = False) -> list[Mark]:
        return marks.under(box, {self.bar}, knockout=knockout)

    def _room(self, pixels: float) -> Bbox:
        """The bar, less ``padding`` at both ends: where a label inside it may stand."""
        box, pad = self.bar.get_window_extent(), self.padding * pixels
        if self.outward[0]:
            return Bbox.from_extents(box.x0 + pad, box.y0, box.x1 - pad, box.y1)
        return Bbox.from_extents(box.x0, box.y0 + pad, box.x1, box.y1 - pad)

    def _leader_box(self, renderer, box: Bbox, pixels: float) -> Bbox:
        """The leader from the bar's end to the label, as a box a pixel wide (once shrunk by
        :data:`layout_marks.TOUCH`)."""
        x, y = self._get_position_xy(renderer)
        half = TOUCH * pixels + 0.5
        if self.outward[0]:
            ends = sorted((x, box.x0 if self.outward[0] > 0 else box.x1))
            return Bbox.from_extents(ends[0], y - half, ends[1], y + half)
        ends = sorted((y, box.y0 if self.outward[1] > 0 else box.y1))
        return Bbox.from_extents(x - half, ends[0], x + half, ends[1])

    def _past(self, box: Bbox, hit: list[Mark]) -> float:
        """Pixels to move the box outward to clear every mark in ``hit``."""
        dx, dy = self.outward
        if dy:
            edge = max(m.box.y1 for m in hit) if dy > 0 else min(m.box.y0 for m in hit)
            return (edge - box.y0) if dy > 0 else (box.y1 - edge)
        edge = max(m.box.x1 for m in hit) if dx > 0 else min(m.box.x0 for m in hit)
        return (edge - box.x0) if dx > 0 else (box.x1 - edge)


def _knockout(ax: Axes) -> dict:
    """An opaque box in the axes' own colour, hiding the line that runs behind a label."""
    return {"facecolor": ax.get_facecolor(), "edgecolor": "none", "pad": 1}


def _holds(outer: Bbox, inner: Bbox) -> bool:
    """Whether ``inner`` lies within ``outer`` (to half a pixel)."""
    return (
        inner.x0 >= outer.x0 - 0.5
        and inner.x1 <= outer.x1 + 0.5
        and inner.y0 >= outer.y0 - 0.5
        and inner.y1 <= outer.y1 + 0.5
    )


def _ink(colour) -> str:
    """Black or white, whichever contrasts more with ``colour`` (WCAG relative luminance)."""
    channels = np.array(to_rgb(colour))
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    luminance = float(linear @ [0.2126, 0.7152, 0.0722])
    return "black" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "white"
