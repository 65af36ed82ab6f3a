"""Choropleth maps from the boundaries decoded into ``data/snapshot/kaarten/``."""

from __future__ import annotations

import json
from collections.abc import Callable

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PatchCollection
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.ticker import FuncFormatter

from .. import settings
from ..errors import UnknownTableError


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
    cmap: str = "Blues",
) -> mpl.cm.ScalarMappable:
    """Colour each region by ``values`` (indexed by region code), with a colour scale beside
    the map labelled by ``fmt``; regions without a value are drawn hatched in light grey,
    never coloured as if they had one."""
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
        ax.add_collection(
            PatchCollection(
                missing, facecolor="#EEEEEE", edgecolor="#BBBBBB", hatch="////", linewidth=0.2
            )
        )
    ax.autoscale_view()
    ax.set_aspect("equal")
    ax.axis("off")
    scale = ax.inset_axes([1.02, 0.15, 0.025, 0.6])  # beside the map itself, not the figure
    legend = ax.figure.colorbar(shaded, cax=scale, format=FuncFormatter(lambda v, _: fmt(v)))
    legend.outline.set_visible(False)
    scale.tick_params(length=0)
    return shaded
