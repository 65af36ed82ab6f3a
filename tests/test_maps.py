"""Region boundaries decoded from the CBS/PDOK files in data/raw, and drawn by value."""

import json

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.path import Path as MplPath
from matplotlib.text import Text

from eenzaamheid import UnknownTableError
from eenzaamheid.charts import draw_map, load_map, number_axis
from eenzaamheid.data.store import sha256
from eenzaamheid.snapshot.maps import decode_topojson

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def test_municipalities_decode_to_closed_rings_inside_the_netherlands(raw):
    topology = json.loads((raw / "maps/gemeente_2015.topojson").read_text())
    regions = decode_topojson(topology, "gemeente_2015")
    assert len(regions) == 393
    assert regions["GM0363"]["name"] == "Amsterdam"
    for region in regions.values():
        for ring in region["rings"]:
            assert ring[0] == ring[-1]  # each ring closes: the arcs were joined the right way
            for x, y in ring:  # inside the Netherlands in RD New metres
                assert 0 < x < 300_000 and 300_000 < y < 625_000


def test_snapshot_maps_match_their_sources(raw):
    for name in ("gemeente_2015", "provincie_2023"):
        source = load_map(name)["source"]
        assert source["file"] == f"data/raw/maps/{source['file'].split('/')[-1]}"
        assert sha256(raw.parent.parent / source["file"]) == source["sha256"]
        assert source["source"]["repository"] == "cartomap/nl", source
    assert len(load_map("provincie_2023")["regions"]) == 12
    with pytest.raises(UnknownTableError, match="gemeente_2015"):
        load_map("wijken_2030")


def test_regions_without_a_value_are_not_coloured_and_are_named():
    regions = load_map("provincie_2023")["regions"]
    fig, ax = plt.subplots()
    values = pd.Series({"PV20": 10.0, "PV21": 20.0})  # fixture values, not CBS data
    shaded = draw_map(ax, regions, values)
    assert len(shaded.get_array()) == 2
    grey = [c for c in ax.collections if c is not shaded]
    assert len(grey[0].get_paths()) == 10
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["geen cijfer"]
    key = legend.legend_handles[0].get_facecolor()
    assert matplotlib.colors.to_hex(key) == matplotlib.colors.to_hex(grey[0].get_facecolor()[0])
    assert all(
        matplotlib.colors.to_hex(key) != matplotlib.colors.to_hex(c)
        for c in shaded.to_rgba(shaded.get_array())
    )
    plt.close(fig)


def test_a_map_with_every_value_has_no_legend_and_its_lightest_colour_is_not_the_page():
    regions = load_map("provincie_2023")["regions"]
    fig, ax = plt.subplots()
    values = pd.Series(range(len(regions)), index=list(regions), dtype=float) + 10  # fixture
    shaded = draw_map(ax, regions, values)
    assert ax.get_legend() is None
    lightest = shaded.to_rgba(values.min())
    luminance = 0.2126 * lightest[0] + 0.7152 * lightest[1] + 0.0722 * lightest[2]
    assert luminance < 0.85, f"the lowest class is almost white: {lightest}"
    plt.close(fig)


@pytest.mark.parametrize(
    ("low", "high", "decimals"), [(35.2, 56.8, 0), (47.5, 53.0, 0), (10.02, 10.38, 1)]
)
def test_the_colour_scale_ticks_are_what_their_labels_say(low, high, decimals):
    regions = load_map("provincie_2023")["regions"]
    fig, ax = plt.subplots(figsize=(16, 9))  # a tall scale: room for many ticks
    values = pd.Series(np.linspace(low, high, len(regions)), index=list(regions))  # fixture
    shaded = draw_map(ax, regions, values, fmt=lambda v: f"{v:.{decimals}f}", decimals=decimals)
    fig.canvas.draw()
    scale = shaded.colorbar
    ticks = [t for t in scale.get_ticks() if low <= t <= high]
    labels = [scale.formatter(t, 0) for t in ticks]
    assert len(ticks) >= 3
    assert [float(label) for label in labels] == pytest.approx(ticks, abs=1e-9)  # exact
    steps = np.diff(ticks) * 10**decimals
    assert set(np.round(steps, 9)) <= {1.0, 2.0, 5.0, 10.0, 20.0}, labels
    plt.close(fig)


@pytest.mark.parametrize(
    ("kind", "decimals", "top"), [("millions", 0, 3e6), ("percent", 0, 4), ("percent", 1, 0.6)]
)
def test_a_number_axis_ticks_only_where_its_decimals_are_exact(kind, decimals, top):
    fig, ax = plt.subplots(figsize=(4, 20))  # tall: by default ticks would step by 0.5 or 0.25
    ax.set_ylim(0, top)
    number_axis(ax, "y", kind, decimals)
    fig.canvas.draw()
    unit = (1e6 if kind == "millions" else 1) * 10**-decimals
    ticks = [t for t in ax.get_yticks() if 0 <= t <= top]
    assert len(ticks) >= 3 and all(abs(t / unit - round(t / unit)) < 1e-9 for t in ticks), ticks
    plt.close(fig)


def test_regions_a_title_names_are_outlined_and_labelled_on_the_map():
    regions = load_map("gemeente_2015")["regions"]
    fig, ax = plt.subplots(figsize=(6, 6))
    values = pd.Series(10.0, index=list(regions))  # fixture values, not CBS data
    named = {"GM0014": "Groningen 61,7 %", "GM0184": "Urk 18,8 %"}  # fixture labels
    draw_map(ax, regions, values, named=named)
    fig.canvas.draw()
    labels = {t.get_text(): t for t in ax.texts}
    assert set(labels) == set(named.values())
    for code, label in named.items():
        outline = MplPath.make_compound_path(
            *(MplPath(ring, closed=True) for ring in regions[code]["rings"])
        )
        assert outline.contains_point(labels[label].xy), (code, labels[label].xy)
        drawn = [p for p in ax.patches if p.get_path().vertices.shape == outline.vertices.shape]
        assert drawn and matplotlib.colors.to_hex(drawn[0].get_edgecolor()) == "#000000"
    with pytest.raises(ValueError, match=r"GM9999.*not on this map"):
        draw_map(ax, regions, values, named={"GM9999": "Nergens"})
    plt.close(fig)


def test_a_crescent_is_labelled_inside_itself_not_at_its_centroid():
    crescent = [(0, 0), (4, 0), (4, 4), (0, 4), (0, 3), (3, 3), (3, 1), (0, 1), (0, 0)]
    regions = {"GM0001": {"rings": [crescent]}}  # a made-up region, a "C" open to the left
    fig, ax = plt.subplots()
    draw_map(ax, regions, pd.Series({"GM0001": 1.0}), named={"GM0001": "C"})
    anchor = ax.texts[0].xy
    assert MplPath(crescent, closed=True).contains_point(anchor), anchor
    plt.close(fig)


def test_many_named_regions_stack_their_labels_without_overlap_in_one_quick_drawing():
    import time

    regions = load_map("gemeente_2015")["regions"]
    fig, ax = plt.subplots(figsize=(6, 6), layout="constrained")
    values = pd.Series(10.0, index=list(regions))  # fixture values, not CBS data
    named = {code: f"gemeente {code}" for code in list(regions)[:14]}  # fixture labels
    draw_map(ax, regions, values, named=named)
    started = time.perf_counter()
    fig.canvas.draw()
    assert time.perf_counter() - started < 5  # each label measured once, not 2**n times
    renderer = fig.canvas.get_renderer()
    boxes = [Text.get_window_extent(t, renderer) for t in ax.texts]
    assert len(boxes) == 14
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    plt.close(fig)


def test_a_ring_without_area_is_labelled_at_the_middle_of_its_line():
    from eenzaamheid.charts.maps import _middle

    assert _middle([(0.0, 0.0), (2.0, 2.0), (4.0, 4.0), (0.0, 0.0)]) == (2.0, 2.0)
    nearly = [(5.1, 52.3), (5.2, 52.4 + 1e-15), (5.3, 52.5), (5.1, 52.3)]  # rounding's area
    assert _middle(nearly) == pytest.approx((5.2, 52.4))
    assert _middle([(0.0, 0.0), (4.0, 0.0), (4.0, 2.0), (0.0, 2.0), (0.0, 0.0)]) == (2.0, 1.0)
