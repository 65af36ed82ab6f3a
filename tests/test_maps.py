"""Region boundaries decoded from the CBS/PDOK files in data/raw, and drawn by value."""

import json

import matplotlib
import pandas as pd
import pytest

from eenzaamheid import UnknownTableError
from eenzaamheid.charts import draw_map, load_map
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
