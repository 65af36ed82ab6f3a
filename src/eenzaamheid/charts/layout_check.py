"""What a reader sees collide on a drawn chart: texts that overlap each other, that run off the
figure's edge, or that lie on a data mark (a bar, line, marker, point or area) they do not
label. A text labels the mark its anchor is on: a value label at its bar's end, a name at its
line's last point. Everything is measured on the drawing already made, in display pixels."""

from __future__ import annotations

import itertools

from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from .layout_marks import Mark, Marks


def text_collisions(fig: Figure, allowed: tuple[tuple[Text, Text], ...] = ()) -> list[str]:
    """Pairs of texts whose boxes overlap, texts cut off by the figure's edge, and texts on a
    data mark they do not label, as words. ``allowed`` pairs of texts overlap on purpose (the
    title reserves blank lines for the subtitle)."""
    renderer = fig.canvas.get_renderer()
    texts = _texts(fig)
    boxes = [(t, t.get_window_extent(renderer)) for t in texts]  # an annotation with its arrow
    exempt = {frozenset(pair) for pair in allowed}
    found = [
        f"{a.get_text()!r} overlaps {b.get_text()!r}"
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
        if frozenset((a, b)) not in exempt and _overlap_area(box_a, box_b) > 1.0
    ]
    canvas = fig.bbox
    for text, box in boxes:
        if box.x0 < canvas.x0 - 1 or box.x1 > canvas.x1 + 1 or box.y0 < canvas.y0 - 1:
            found.append(f"{text.get_text()!r} is cut off at the edge")
    words = [(t, Text.get_window_extent(t, renderer)) for t in texts]  # the words alone
    return found + _on_marks(fig, words, renderer)


def _on_marks(fig: Figure, boxes: list[tuple[Text, Bbox]], renderer) -> list[str]:
    """Texts that lie on a mark they do not label."""
    marks = Marks(fig.axes, fig.dpi)
    found = []
    for text, box in boxes:
        anchor = _anchor(text, renderer)
        owners = marks.owners_at(*anchor) if anchor is not None else set()
        names = {_name(mark) for mark in marks.under(box, owners, knockout=_opaque(text))}
        found += [f"{text.get_text()!r} lies on {name}" for name in sorted(names)]
    return found


def _anchor(text: Text, renderer) -> tuple[float, float] | None:
    """The point a text labels, in pixels: an annotation's ``xy`` in data coordinates or on
    an artist (``bar_label`` inside a bar), a data text's position; ``None`` for texts placed
    on the axes or the figure."""
    ax = text.axes
    if ax is None:
        return None
    if isinstance(text, Annotation):
        coords = text.xycoords
        if isinstance(coords, tuple) or (isinstance(coords, str) and coords != "data"):
            return None
        return tuple(text._get_position_xy(renderer))  # matplotlib's reading of ``xycoords``
    if text.get_transform() is ax.transData:
        return tuple(ax.transData.transform(text.get_position()))
    return None


def _opaque(text: Text) -> bool:
    """Whether a text stands on an opaque box (hiding what runs behind it)."""
    patch = text.get_bbox_patch()
    return patch is not None and patch.get_fill() and patch.get_facecolor()[3] == 1


def _name(mark: Mark) -> str:
    label = getattr(mark.owner, "get_label", lambda: "")()
    named = f" ({label})" if label and not str(label).startswith("_") else ""
    return f"{mark.kind}{named}"


def _texts(fig: Figure) -> list[Text]:
    texts = list(fig.texts)
    for ax in fig.axes:
        texts += [c for c in ax.get_children() if isinstance(c, Text)]  # texts and titles
        texts += [ax.xaxis.label, ax.yaxis.label]
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


def _overlap_area(a: Bbox, b: Bbox) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(width, 0) * max(height, 0)
