"""What a reader sees collide on a drawn chart: texts that overlap each other, that run off the
figure's edge, or that lie on a data mark (a bar, line, marker, point or area) they do not
label. A text labels the mark its anchor is on: a value label at its bar's end, a name at its
line's last point. Everything is measured on the drawing already made, in display pixels."""

from __future__ import annotations

import itertools

from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from .layout_marks import Mark, Marks


def text_collisions(fig: Figure) -> list[str]:
    """Pairs of texts whose words overlap, leaders (an annotation's line) across another
    text, texts cut off by the figure's edge, and texts on a data mark they do not label, as
    words. Measured as drawn: a label that chose its place when drawn is not placed again."""
    renderer = fig.canvas.get_renderer()
    shown = texts(fig)
    words = [(t, _words(t, renderer)) for t in shown]
    found = [
        f"{a.get_text()!r} overlaps {b.get_text()!r}"
        for (a, box_a), (b, box_b) in itertools.combinations(words, 2)
        if _overlap_area(box_a, box_b) > 1.0
    ]
    for text, leader in leaders(shown):
        found += [
            f"the line from {text.get_text()!r} runs across {other.get_text()!r}"
            for other, box in words
            if other is not text and leader.intersects_bbox(box.padded(-1), filled=False)
        ]
    canvas = fig.bbox
    for text, box in words:
        if not (canvas.x0 - 1 <= box.x0 and box.x1 <= canvas.x1 + 1) or not (
            canvas.y0 - 1 <= box.y0 and box.y1 <= canvas.y1 + 1
        ):
            found.append(f"{text.get_text()!r} is cut off at the edge")
    return found + _on_marks(fig, words, renderer)


def _words(text: Text, renderer) -> Bbox:
    """The box of a text's words, as drawn (without an annotation's line); blank lines at its
    end are room it keeps for something else (a title, for the subtitle drawn in it)."""
    words = text.get_text()
    if not words.endswith("\n"):
        return Text.get_window_extent(text, renderer)
    text.set_text(words.rstrip("\n"))
    try:
        return Text.get_window_extent(text, renderer)
    finally:
        text.set_text(words)


def leaders(shown: list[Text]) -> list[tuple[Text, Path]]:
    """The lines drawn from annotations to what they label, in display pixels."""
    found = []
    for text in shown:
        arrow = getattr(text, "arrow_patch", None)
        if arrow is not None and arrow.get_visible():
            found.append((text, arrow.get_transform().transform_path(arrow.get_path())))
    return found


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


def texts(fig: Figure) -> list[Text]:
    """The texts a reader sees: the figure's, each Axes' texts, titles, axis and tick labels,
    and legends."""
    found = list(fig.texts)
    for ax in fig.axes:
        found += [c for c in ax.get_children() if isinstance(c, Text)]  # texts and titles
        found += [ax.xaxis.label, ax.yaxis.label]
        if ax.axison:
            found += _tick_labels(ax.xaxis, ax.get_xlim()) + _tick_labels(ax.yaxis, ax.get_ylim())
        legend = ax.get_legend()
        if legend is not None:
            found += legend.get_texts()
    if fig.legends:
        found += [t for legend in fig.legends for t in legend.get_texts()]
    return [t for t in found if t.get_visible() and t.get_text().strip()]


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
