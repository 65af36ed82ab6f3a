"""Choropleth maps from the boundaries decoded into ``data/snapshot/kaarten/``."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Mapping

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PatchCollection
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.text import Annotation, Text
from matplotlib.ticker import FuncFormatter

from .. import settings
from ..errors import UnknownTableError
from .numbers import ExactTicks
from .words import text

# Sequential blues without the near-white end of matplotlib's "Blues": the lowest value is a
# clear light blue, never the white of the page (which reads as water or "nothing here").
SEQUENTIAL = mpl.colors.ListedColormap(
    mpl.colormaps["Blues"](np.linspace(0.3, 1.0, 256)), name="blues_from_light"
)
# Regions without a figure: mid grey, hatched, and named in a legend under the colour scale.
NO_FIGURE = {"facecolor": "#A6A6A6", "edgecolor": "#595959", "hatch": "////"}


def load_map(name: str) -> dict:
    """A decoded map from the snapshot: ``load_map("gemeente_2015")["regions"]``."""
    path = settings.current().snapshot_dir / "kaarten" / f"{name}.json"
    if not path.exists():
        have = sorted(p.stem for p in path.parent.glob("*.json"))
        raise UnknownTableError(f"no map {name!r} in {path.parent}; there are {have}")
    return json.loads(path.read_text(encoding="utf-8"))


def draw_map(
    ax: Axes,
    regions: dict[str, dict],
    values: pd.Series,
    fmt: Callable[[float], str] = str,
    cmap: mpl.colors.Colormap = SEQUENTIAL,
    *,
    crs: str = "",
    decimals: int = 0,
    named: Mapping[str, str] | None = None,
) -> mpl.cm.ScalarMappable:
    """Colour each region by ``values`` (indexed by region code), with a colour scale beside
    the map labelled by ``fmt`` with ``decimals`` decimals, its ticks where those show them
    exactly (:class:`numbers.ExactTicks`); regions without a value are drawn hatched in grey
    and named "geen cijfer" in a legend below the scale, never coloured as if they had one. ``crs`` is the map's ``crs`` (``load_map(...)["crs"]``):
    longitude/latitude maps are drawn with the aspect of :func:`map_aspect`. ``named``: region
    code -> label, for the regions a title or text names: each is outlined in black and
    labelled beside the map, north first, so that a reader can find it."""
    unknown = sorted(set(named or {}) - set(regions))
    if unknown:
        raise ValueError(f"{unknown} not on this map; name regions by the codes of the map's year")
    patches, colours, missing = [], [], []
    for code, region in regions.items():
        path = MplPath.make_compound_path(*(MplPath(ring, closed=True) for ring in region["rings"]))
        value = values.get(code)
        if value is None or pd.isna(value):
            missing.append(PathPatch(path))
        else:
            patches.append(PathPatch(path))
            colours.append(float(value))
    norm = mpl.colors.Normalize(min(colours), max(colours))
    shaded = PatchCollection(patches, cmap=cmap, norm=norm, edgecolor="white", linewidth=0.2)
    shaded.set_array(colours)
    ax.add_collection(shaded)
    if missing:
        ax.add_collection(PatchCollection(missing, linewidth=0.2, **NO_FIGURE))
    ax.autoscale_view()
    ax.set_aspect(map_aspect(crs, ax.get_ylim()))
    ax.axis("off")
    scale = ax.inset_axes([1.02, 0.15, 0.025, 0.6])  # beside the map itself, not the figure
    legend = ax.figure.colorbar(shaded, cax=scale, format=FuncFormatter(lambda v, _: fmt(v)))
    legend.locator = ExactTicks(decimals)
    legend.outline.set_visible(False)
    scale.tick_params(length=0)
    middles = {code: _middle(_largest(regions[code]["rings"])) for code in named or {}}
    if middles:  # the map at the left of its room: the labels' margin stays beside it
        ax.set_anchor("W")
    for code in sorted(middles, key=lambda code: -middles[code][1]):  # north first
        _mark_region(ax, regions[code]["rings"], middles[code], named[code])
    if missing:
        key = Patch(label=text("geen_meting"), linewidth=0.5, **NO_FIGURE)
        ax.legend(handles=[key], loc="upper left", bbox_to_anchor=(1.0, 0.12), frameon=False)
    return shaded


def _mark_region(ax: Axes, rings: list, middle: tuple[float, float], label: str) -> None:
    """A black outline round a region and its label left of the map (:class:`MarginLabel`)."""
    outline = MplPath.make_compound_path(*(MplPath(ring, closed=True) for ring in rings))
    width = mpl.rcParams["lines.linewidth"] / 2
    ax.add_patch(PathPatch(outline, facecolor="none", edgecolor="black", linewidth=width))
    ax.add_artist(MarginLabel(label, middle, linewidth=width))


class MarginLabel(Annotation):
    """A region's name in the margin left of the map, level with the middle of its largest
    ring (lower where a label added before it would overlap), with a thin line to that
    middle: it hides no region, whatever the colours and however close the regions are.
    Add the labels north first."""

    def __init__(self, label: str, middle: tuple[float, float], linewidth: float):
        line = {"arrowstyle": "-", "relpos": (1, 0.5), "shrinkA": 2, "shrinkB": 0}
        super().__init__(
            label,
            middle,
            (0, 0),
            "data",
            "offset pixels",
            ha="right",
            va="center",
            arrowprops=line | {"linewidth": linewidth, "color": "black"},
            annotation_clip=False,
            clip_on=False,
        )

    def update_positions(self, renderer) -> None:
        x = self.axes.transData.transform(self.xy)[0]
        left = self.axes.bbox.x0 - renderer.points_to_pixels(self.get_size()) - x
        self.xyann = (left, 0.0)
        super().update_positions(renderer)
        gap = renderer.points_to_pixels(self.get_size() / 4)
        earlier = self.axes.texts[: self.axes.texts.index(self)]
        for other in (t for t in earlier if isinstance(t, MarginLabel)):  # placed already
            box, above = (
                Text.get_window_extent(self, renderer),
                Text.get_window_extent(other, renderer),
            )
            if box.y1 + gap > above.y0:
                self.xyann = (left, self.xyann[1] - (box.y1 + gap - above.y0))
                super().update_positions(renderer)


def _largest(rings: list) -> list:
    return max(rings, key=lambda ring: abs(_signed_area(ring)))


def _signed_area(ring: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def _middle(ring: list) -> tuple[float, float]:
    """The centroid of a ring (its centre of area); where that lies outside it (a crescent),
    the middle of the ring's widest stretch along the centroid's latitude; a ring without area
    (its points on one line), the middle of that line."""
    area, pairs = _signed_area(ring), list(itertools.pairwise(ring))
    xs, ys = zip(*ring, strict=True)
    middle = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    if abs(area) <= 1e-9 * (max(xs) - min(xs) or 1) * (max(ys) - min(ys) or 1):
        return middle  # (nearly) on one line: rounding makes its centroid meaningless
    x = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairs) / (6 * area)
    y = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairs) / (6 * area)
    if MplPath(ring, closed=True).contains_point((x, y)):
        return x, y
    crossings = sorted(
        x0 + (y - y0) * (x1 - x0) / (y1 - y0)
        for (x0, y0), (x1, y1) in pairs
        if (y0 > y) != (y1 > y)
    )
    spans = list(zip(crossings[::2], crossings[1::2], strict=True))
    if not spans:
        return middle
    start, end = max(spans, key=lambda span: span[1] - span[0])
    return (start + end) / 2, y


def _lonlat(crs: str) -> bool:
    return crs.startswith("EPSG:4326")


def map_aspect(crs: str, latitudes: tuple[float, float]) -> float:
    """The y:x scale of a map: 1 for coordinates in metres (RD New); for longitude/latitude
    1 / cos(middle latitude), so that a kilometre east is as long as a kilometre north there
    (in the Netherlands about 1.6: drawn with equal degrees, the country looks squashed)."""
    if not _lonlat(crs):
        return 1.0
    return 1 / math.cos(math.radians(sum(latitudes) / 2))


def region_areas(boundaries: dict) -> pd.Series:
    """Approximate area of each region in km² from a decoded map (``load_map``), in metres or
    longitude/latitude. The boundaries are generalised: good enough to see whether a region
    grew between two maps, not for its exact area."""
    lonlat = _lonlat(boundaries["crs"])
    areas = {}
    for code, region in boundaries["regions"].items():
        total = 0.0  # signed: holes run the other way round and are subtracted
        for ring in region["rings"]:
            if lonlat:  # degrees -> km at the ring's own latitude
                east = 111.320 * math.cos(math.radians(sum(y for _, y in ring) / len(ring)))
                ring = [(x * east, y * 110.574) for x, y in ring]
            else:
                ring = [(x / 1000, y / 1000) for x, y in ring]
            total += _signed_area(ring)
        areas[code] = abs(total)
    return pd.Series(areas, name="km2")
