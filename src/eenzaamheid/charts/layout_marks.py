"""The data marks of a drawn chart in display pixels: bars, lines and their markers, scatter
points, line segments (whiskers, ranges) and areas (map regions, bands), each with what a label
anchored on it belongs to; and which of them a text's box lies on. Backgrounds (``axvspan``),
grid lines and legends are not marks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PatchCollection, PathCollection, PolyCollection
from matplotlib.container import BarContainer
from matplotlib.path import Path
from matplotlib.transforms import Bbox

TOUCH = 0.5  # points: a text and a mark may touch by this much (anti-aliasing, rounding)
NEAR = 1.0  # points: a text's anchor this close to a mark is on it (the text labels the mark)
NO_LINE = ("None", "none", "", " ")


@dataclass(frozen=True)
class Mark:
    """A data mark in display pixels: ``box`` its extent (within the axes when clipped to
    them), ``path`` its line or area (``None``: the box is the mark, as for a bar or a point),
    ``reach`` half its line width, ``owner`` what a label anchored on it belongs to.
    ``reference``: a line across the axes (``axhline``, ``axvline``) that may run on behind
    a text with an opaque box, a knockout: nothing of it is lost there."""

    kind: str
    box: Bbox
    owner: object
    path: Path | None = None
    filled: bool = False
    reach: float = 0.0
    clip: Bbox | None = None
    reference: bool = False

    def meets(self, box: Bbox) -> bool:
        """Whether ``box`` (already overlapping :attr:`box`) reaches the line or area."""
        if self.path is None:
            return True
        region = Bbox.intersection(box, self.clip) if self.clip is not None else box
        return region is not None and self.path.intersects_bbox(
            region.padded(self.reach), filled=self.filled
        )


class Marks:
    """The marks of some Axes, as drawn at ``dpi``, with their extents for a quick search."""

    def __init__(self, axes: list[Axes], dpi: float):
        self.pixels = dpi / 72
        self.marks = [mark for ax in axes for mark in _marks(ax, self.pixels)]
        self.extents = np.array([m.box.extents for m in self.marks]).reshape(-1, 4)

    def under(
        self, box: Bbox, exempt: set | frozenset = frozenset(), *, knockout: bool = False
    ) -> list[Mark]:
        """The marks ``box`` lies on by more than :data:`TOUCH`, except those of ``exempt``
        and, for a ``knockout`` (a text with an opaque box), reference lines."""
        inner = box.padded(-TOUCH * self.pixels)
        return [
            mark
            for mark in self._near(inner)
            if mark.owner not in exempt and not (knockout and mark.reference) and mark.meets(inner)
        ]

    def owners_at(self, x: float, y: float) -> set:
        """The owners of the marks within :data:`NEAR` of a point: what a text there labels."""
        near = NEAR * self.pixels
        spot = Bbox.from_extents(x - near, y - near, x + near, y + near)
        return {mark.owner for mark in self._near(spot) if mark.meets(spot)}

    def _near(self, box: Bbox) -> list[Mark]:
        """The marks whose extent overlaps ``box`` with some area."""
        x0, y0, x1, y1 = box.extents
        if x1 <= x0 or y1 <= y0:
            return []
        e = self.extents
        meet = (e[:, 0] < x1) & (e[:, 2] > x0) & (e[:, 1] < y1) & (e[:, 3] > y0)
        return [self.marks[i] for i in np.flatnonzero(meet)]


def _marks(ax: Axes, pixels: float) -> Iterator[Mark]:
    """The data marks drawn in an Axes."""
    clip = ax.bbox
    for container in ax.containers:
        if isinstance(container, BarContainer):
            for bar in container.patches:
                if bar.get_visible():
                    yield from _boxed("a bar", bar.get_window_extent(), bar, clip)
    for line in ax.lines:
        if line.get_visible():
            yield from _line_marks(line, pixels, clip if line.get_clip_on() else None)
    for collection in ax.collections:
        if collection.get_visible():
            within = clip if collection.get_clip_on() else None
            yield from _collection_marks(collection, pixels, within)


def _boxed(kind: str, box: Bbox, owner: object, clip: Bbox | None) -> Iterator[Mark]:
    """A mark that is its box, cut to ``clip``; nothing when nothing of it is visible."""
    shown = Bbox.intersection(box, clip) if clip is not None else box
    if shown is not None and shown.width > 0 and shown.height > 0:
        yield Mark(kind, shown, owner)


def _stroke(kind: str, path: Path, owner: object, reach: float, clip: Bbox | None, **more):
    """A line (or area: ``filled=True``) mark; nothing when it has no points."""
    points = path.vertices[np.isfinite(path.vertices).all(axis=1)]
    if len(points) == 0:
        return
    box = Bbox.from_extents(*points.min(axis=0), *points.max(axis=0)).padded(reach)
    for shown in _boxed(kind, box, owner, clip):
        yield Mark(kind, shown.box, owner, path, reach=reach, clip=clip, **more)


def _line_marks(line, pixels: float, clip: Bbox | None) -> Iterator[Mark]:
    """A plotted line: its stroke, and a box per marker."""
    transform = line.get_transform()
    path = transform.transform_path(line.get_path())
    if line.get_linestyle() not in NO_LINE and len(path.vertices) > 1:
        ax = line.axes
        across = any(transform is t for t in (ax.get_xaxis_transform(), ax.get_yaxis_transform()))
        reach = line.get_linewidth() * pixels / 2
        yield from _stroke("a line", path, line, reach, clip, reference=across)
    if line.get_marker() not in (*NO_LINE, None):
        half = (line.get_markersize() + line.get_markeredgewidth()) * pixels / 2
        for x, y in path.vertices[np.isfinite(path.vertices).all(axis=1)]:
            yield from _boxed(
                "a marker", Bbox.from_extents(x - half, y - half, x + half, y + half), line, clip
            )


def _collection_marks(collection, pixels: float, clip: Bbox | None) -> Iterator[Mark]:
    """Scatter points (a box each), line segments (each its own) and areas (one per
    collection: a label on a map region is on the map)."""
    transform = collection.get_transform()
    widths = np.atleast_1d(collection.get_linewidths()) * pixels
    if isinstance(collection, PathCollection):
        centres = collection.get_offset_transform().transform(collection.get_offsets())
        sizes = np.sqrt(np.atleast_1d(collection.get_sizes())) * pixels
        for i, (x, y) in enumerate(centres):
            half = (sizes[i % len(sizes)] + widths[i % len(widths)]) / 2
            box = Bbox.from_extents(x - half, y - half, x + half, y + half)
            yield from _boxed("a point", box, (collection, i), clip)
    elif isinstance(collection, LineCollection):
        for i, path in enumerate(collection.get_paths()):
            reach = widths[i % len(widths)] / 2
            yield from _stroke(
                "a line", transform.transform_path(path), (collection, i), reach, clip
            )
    elif isinstance(collection, (PatchCollection, PolyCollection)) and collection.get_paths():
        area = transform.transform_path(Path.make_compound_path(*collection.get_paths()))
        yield from _stroke("an area", area, collection, 0.0, clip, filled=True)
