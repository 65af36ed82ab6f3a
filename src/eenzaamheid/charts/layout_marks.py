"""The data marks of a drawn chart in display pixels: bars, lines and their markers, scatter
points, line segments (whiskers, ranges) and areas (map regions, bands), each with what a label
anchored on it belongs to; and which of them a text's box lies on. Backgrounds (``axvspan``),
grid lines and legends are not marks. Kept as arrays of extents: a chart of 355 dots is
searched without making 355 objects."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

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


@dataclass
class _Group:
    """Marks of one kind from one artist: their extents (x0, y0, x1, y1 rows, cut to the
    clip box), owners, and what they share (``Mark`` fields)."""

    kind: str
    extents: np.ndarray
    owners: Sequence
    shared: dict = field(default_factory=dict)


class Marks:
    """The marks of some Axes, as drawn at ``dpi``, with their extents for a quick search."""

    def __init__(self, axes: list[Axes], dpi: float):
        self.pixels = dpi / 72
        groups = [group for ax in axes for group in _groups(ax, self.pixels)]
        self.extents = np.concatenate([g.extents for g in groups] or [np.empty((0, 4))])
        self._where = [(g, i) for g in groups for i in range(len(g.extents))]

    def __len__(self) -> int:
        return len(self._where)

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

    def at(self, x: float, y: float) -> list[Mark]:
        """The marks within :data:`NEAR` of a point."""
        near = NEAR * self.pixels
        spot = Bbox.from_extents(x - near, y - near, x + near, y + near)
        return [mark for mark in self._near(spot) if mark.meets(spot)]

    def owners_at(self, x: float, y: float) -> set:
        """What a text anchored at a point labels: the owners of the marks there."""
        return {mark.owner for mark in self.at(x, y)}

    def _near(self, box: Bbox) -> list[Mark]:
        """The marks whose extent overlaps ``box`` with some area."""
        x0, y0, x1, y1 = box.extents
        if x1 <= x0 or y1 <= y0:
            return []
        e = self.extents
        meet = (e[:, 0] < x1) & (e[:, 2] > x0) & (e[:, 1] < y1) & (e[:, 3] > y0)
        return [self._mark(i) for i in np.flatnonzero(meet)]

    def _mark(self, index: int) -> Mark:
        group, i = self._where[index]
        box = Bbox.from_extents(*group.extents[i])
        return Mark(group.kind, box, group.owners[i], **group.shared)


def _groups(ax: Axes, pixels: float) -> Iterator[_Group]:
    """The data marks drawn in an Axes, by artist."""
    clip = ax.bbox
    for container in ax.containers:
        if isinstance(container, BarContainer):
            bars = [bar for bar in container.patches if bar.get_visible()]
            yield _boxes("a bar", _bar_extents(ax, bars), bars, clip)
    for line in ax.lines:
        if line.get_visible():
            yield from _line_marks(line, pixels, clip if line.get_clip_on() else None)
    for collection in ax.collections:
        if collection.get_visible():
            within = clip if collection.get_clip_on() else None
            yield from _collection_marks(collection, pixels, within)


def _bar_extents(ax: Axes, bars: list) -> np.ndarray:
    """The bars' extents in pixels, transformed all at once (a bar is an upright rectangle
    in data coordinates; ``get_window_extent`` one by one is slow)."""
    corners = np.array([(b.get_x(), b.get_y(), b.get_width(), b.get_height()) for b in bars])
    corners = corners.reshape(-1, 4)
    start = ax.transData.transform(corners[:, :2])
    end = ax.transData.transform(corners[:, :2] + corners[:, 2:])
    return np.column_stack([np.minimum(start, end), np.maximum(start, end)])


def _boxes(kind: str, extents: np.ndarray, owners: Sequence, clip: Bbox | None) -> _Group:
    """Marks that are their boxes, cut to ``clip``; those with nothing left are dropped."""
    if clip is not None:
        extents = np.column_stack(
            [
                np.maximum(extents[:, 0], clip.x0),
                np.maximum(extents[:, 1], clip.y0),
                np.minimum(extents[:, 2], clip.x1),
                np.minimum(extents[:, 3], clip.y1),
            ]
        )
    shown = np.flatnonzero((extents[:, 2] > extents[:, 0]) & (extents[:, 3] > extents[:, 1]))
    return _Group(kind, extents[shown], [owners[i] for i in shown])


def _squares(centres: np.ndarray, half: np.ndarray) -> np.ndarray:
    """Extents of squares of half-size ``half`` around points."""
    return np.column_stack([centres - half[:, None], centres + half[:, None]])


def _stroke(kind: str, path: Path, owner: object, reach: float, clip: Bbox | None, **more):
    """A line (or area: ``filled=True``) mark; nothing when it has no points."""
    points = path.vertices[np.isfinite(path.vertices).all(axis=1)]
    if len(points) == 0:
        return
    box = Bbox.from_extents(*points.min(axis=0), *points.max(axis=0)).padded(reach)
    group = _boxes(kind, box.extents.reshape(1, 4), [owner], clip)
    group.shared = {"path": path, "reach": reach, "clip": clip, **more}
    yield group


def _line_marks(line, pixels: float, clip: Bbox | None) -> Iterator[_Group]:
    """A plotted line: its stroke, and a box per marker."""
    transform = line.get_transform()
    path = transform.transform_path(line.get_path())
    if line.get_linestyle() not in NO_LINE and len(path.vertices) > 1:
        ax = line.axes
        across = any(transform is t for t in (ax.get_xaxis_transform(), ax.get_yaxis_transform()))
        reach = line.get_linewidth() * pixels / 2
        yield from _stroke("a line", path, line, reach, clip, reference=across)
    if line.get_marker() not in (*NO_LINE, None):
        centres = path.vertices[np.isfinite(path.vertices).all(axis=1)]
        half = (line.get_markersize() + line.get_markeredgewidth()) * pixels / 2
        squares = _squares(centres, np.full(len(centres), half))
        yield _boxes("a marker", squares, [line] * len(centres), clip)


def _collection_marks(collection, pixels: float, clip: Bbox | None) -> Iterator[_Group]:
    """Scatter points (a box each), line segments (each its own) and areas (one per
    collection: a label on a map region is on the map)."""
    transform = collection.get_transform()
    widths = np.atleast_1d(collection.get_linewidths()) * pixels
    if isinstance(collection, PathCollection):
        centres = collection.get_offset_transform().transform(collection.get_offsets())
        count = len(centres)
        sizes = np.resize(np.sqrt(np.atleast_1d(collection.get_sizes())) * pixels, count)
        half = (sizes + np.resize(widths, count)) / 2
        owners = [(collection, i) for i in range(count)]
        yield _boxes("a point", _squares(centres, half), owners, clip)
    elif isinstance(collection, LineCollection):
        for i, path in enumerate(collection.get_paths()):
            reach = widths[i % len(widths)] / 2
            yield from _stroke(
                "a line", transform.transform_path(path), (collection, i), reach, clip
            )
    elif isinstance(collection, (PatchCollection, PolyCollection)) and collection.get_paths():
        area = transform.transform_path(Path.make_compound_path(*collection.get_paths()))
        yield from _stroke("an area", area, collection, 0.0, clip, filled=True)
