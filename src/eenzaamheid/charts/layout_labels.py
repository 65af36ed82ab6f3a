"""Value labels for bars that find their place each time the chart is drawn, so at every size
and in every theme: just beyond the bar's end; where that would lie on another mark (a taller
neighbour, a reference line), inside the end, in black or white, whichever reads on the bar,
if it fits there; else moved out past the marks it would touch, inside the axes, with a thin
leader to its bar that crosses no mark; else at the end on an opaque box where only a line
across the axes runs (a knockout). Where no place is clear it stays at the end, and the
collision check (``layout_check``) reports it. Point names (:func:`label_point`) likewise
take the first side of their dot that is clear."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.container import BarContainer
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from .layout_check import leaders, texts
from .layout_marks import TOUCH, Mark, Marks

# How a text lies on the side ``direction`` of its anchor: (horizontal, vertical) alignment.
ALIGN = {
    (0, 1): ("center", "bottom"),
    (0, -1): ("center", "top"),
    (1, 0): ("left", "center"),
    (-1, 0): ("right", "center"),
}


def bar_values(
    ax: Axes,
    bars: BarContainer,
    labels: Sequence[str],
    *,
    padding: float | Sequence[float] = 3,
    **style,
) -> list[BarValue]:
    """Label each bar at its end with its value (an empty label: none), in the first place
    clear of the chart's other marks (:class:`BarValue`); ``padding`` in points, one for all
    bars or one per bar; ``style`` as for ``ax.annotate``."""
    vertical = bars.orientation == "vertical"
    paddings = [padding] * len(labels) if np.isscalar(padding) else list(padding)
    return [
        ax.add_artist(BarValue(bar, label, vertical, pad, **style))
        for bar, label, pad in zip(bars.patches, labels, paddings, strict=True)
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
        super().__init__(text, end, (0, 0), "data", "offset points", arrowprops=_LEADER, **style)
        self.bar, self.padding, self.ink = bar, padding, self.get_color()
        self.leader = _leader(self)

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
        for _ in range(len(marks)):  # each step moves the label past at least one mark
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


_LEADER = {"arrowstyle": "-", "shrinkA": 0, "shrinkB": 0}  # a thin line from label to mark


def _leader(label: Annotation) -> tuple[dict, object]:
    """The label's leader, in its colour and half the theme's line width, kept to be shown
    only when the label stands away from its mark (``arrowprops``, ``arrow_patch``)."""
    label.arrow_patch.set_color(label.get_color())
    label.arrow_patch.set_linewidth(mpl.rcParams["lines.linewidth"] / 2)
    return label.arrowprops, label.arrow_patch


def _knockout(ax: Axes) -> dict:
    """An opaque box in the axes' own colour, hiding the line that runs behind a label."""
    return {"facecolor": ax.get_facecolor(), "edgecolor": "none", "pad": 1}


# The sides of a point a label may stand on, in the order tried: right, left, above, below,
# then the corners (x, y: 1 after the point, -1 before it, 0 centred on it).
SIDES = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1))


def label_point(
    ax: Axes, text: str, xy: tuple[float, float], *, padding: float = 3, **style
) -> PointLabel:
    """Name the point ``xy`` (data) beside it, ``padding`` points from its dot, on the first
    side clear of the other marks and texts (:class:`PointLabel`);
    ``style`` as for ``ax.annotate``."""
    return ax.add_artist(PointLabel(text, xy, padding, **style))


class PointLabel(Annotation):
    """A point's name; where it stands is decided whenever it is drawn or measured: the
    first of :data:`SIDES` clear of the other marks and of every text, inside the figure;
    else the same sides further out, with a leader to the dot; where none is clear, the
    right (and the collision check reports it)."""

    def __init__(self, text: str, xy: tuple[float, float], padding: float, **style):
        style = {"clip_on": False, **style}
        super().__init__(text, xy, (0, 0), "data", "offset points", arrowprops=_LEADER, **style)
        self.padding = padding
        self.leader = _leader(self)

    def update_positions(self, renderer) -> None:
        marks = Marks([self.axes], self.axes.figure.dpi)
        x, y = self._get_position_xy(renderer)
        here = marks.at(x, y)
        own = {m.owner for m in here}
        dots = [m.box.width / 2 for m in here if m.path is None]
        near = max(dots, default=0) / marks.pixels + self.padding  # points
        figure = self.axes.figure
        names = [t for t in self.axes.texts if isinstance(t, PointLabel)]
        later = names[names.index(self) + 1 :]  # placed after this one, around it
        shown = [t for t in texts(figure) if t is not self and t not in later]
        others = [Text.get_window_extent(t, renderer) for t in shown]
        lines = [path for _, path in leaders(shown)]
        for ring in range(3):  # beside the dot, then one and two lines of type further out
            for side in SIDES:
                box = self._try(renderer, side, near, ring * 1.2 * self.get_size())
                leader = Path([box.get_points().mean(axis=0), (x, y)])  # centre to dot
                clear = (
                    not marks.under(box, own)
                    and not any(
                        _meet(box, t) or (ring and leader.intersects_bbox(t)) for t in others
                    )
                    and not any(line.intersects_bbox(box, filled=False) for line in lines)
                )
                if clear and _holds(figure.bbox, box):
                    return
        self._try(renderer, SIDES[0], near, 0.0)

    def _try(self, renderer, side: tuple[int, int], near: float, further: float) -> Bbox:
        """Put the label on ``side`` of the dot, ``near`` points from its centre and
        ``further`` points more (with a leader); returns its box."""
        distance = near + further
        self.xyann = (side[0] * distance, side[1] * distance)
        self.set_horizontalalignment({1: "left", -1: "right", 0: "center"}[side[0]])
        self.set_verticalalignment({1: "bottom", -1: "top", 0: "center"}[side[1]])
        self.arrowprops, self.arrow_patch = self.leader if further else (None, None)
        self.leader[1].shrinkB = near - self.padding  # to the dot's edge
        super().update_positions(renderer)
        return Text.get_window_extent(self, renderer)


def _meet(a: Bbox, b: Bbox) -> bool:
    """Whether two boxes overlap by more than a pixel."""
    both = Bbox.intersection(a, b)
    return both is not None and both.width * both.height > 1.0


def _holds(outer: Bbox, inner: Bbox) -> bool:
    """Whether ``inner`` lies within ``outer`` (to half a pixel)."""
    return (
        inner.x0 >= outer.x0 - 0.5
        and inner.x1 <= outer.x1 + 0.5
        and inner.y0 >= outer.y0 - 0.5
        and inner.y1 <= outer.y1 + 0.5
    )


def luminance(colour) -> float:
    """WCAG's relative luminance of a colour (any form matplotlib reads: ``#a2f``, ``"C0"``)."""
    channels = np.array(to_rgb(colour))
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def _ink(colour) -> str:
    """Black or white, whichever contrasts more with ``colour`` (WCAG relative luminance)."""
    lum = luminance(colour)
    return "black" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "white"
