"""No text of a chart collides: not with another text, not with the figure's edge, and not with
a data mark (bar, line, marker, point, area) it does not label; in every theme and language,
at every size a chart is written."""

import json

import matplotlib
import numpy as np
import pytest
from matplotlib.collections import PatchCollection
from matplotlib.patches import Rectangle

from eenzaamheid import charts as ch
from eenzaamheid import configure

matplotlib.use("Agg")

LABEL = "38,3 % van alle huishoudens"  # a fixture label, wider than its bar


@pytest.fixture(autouse=True)
def notebook_theme():
    configure(theme="notebook", lang="nl")  # conftest resets it after the test


def _bars(first: float):
    """Collisions of ten bars whose second carries a value label wider than its slot; the
    first bar is ``first`` high, the second 9."""
    with ch.Chart("t", "s") as chart:
        bars = chart.ax.bar(list("abcdefghij"), [first, 9.0, *[1.0] * 8])
        chart.ax.bar_label(bars, labels=["", LABEL, *[""] * 8], padding=3)
        chart.ax.set_ylim(0, 12)
        return chart.collisions()


def test_a_value_label_on_a_neighbouring_bar_is_reported():
    assert _bars(10.0) == [f"{LABEL!r} lies on a bar"]


def test_a_value_label_at_its_own_bar_clear_of_the_others_is_not():
    assert _bars(5.0) == []


def test_a_label_inside_its_own_bar_is_not_reported():
    with ch.Chart("t", "s") as chart:
        bars = chart.ax.barh(["a", "b"], [10.0, 8.0])
        chart.ax.bar_label(bars, labels=["10", "8"], label_type="center", color="white")
        assert chart.collisions() == []


def test_a_text_on_a_line_it_does_not_label_is_reported_and_its_own_name_is_not():
    with ch.Chart("t", "s") as chart:
        chart.ax.plot([2000, 2010, 2020], [1.0, 2.0, 3.0], label="reeks")
        ch.label_line_end(chart.ax, 2020, 3.0, "reeks", "black")  # its name, at its end
        chart.ax.text(0.5, 0.5, "midden", transform=chart.ax.transAxes, ha="center")
        chart.ax.set_ylim(0, 4)
        assert chart.collisions() == ["'midden' lies on a line (reeks)"]


def test_a_legend_on_points_is_reported():
    with ch.Chart("t", "s") as chart:
        grid = np.linspace(0, 1, 41)
        x, y = np.meshgrid(grid, grid)
        chart.ax.scatter(x.ravel(), y.ravel(), s=4, label="gemeenten")
        chart.ax.legend(loc="center")
        assert chart.collisions() == ["'gemeenten' lies on a point"]


def test_a_text_on_a_marker_is_reported_unless_it_labels_that_marker():
    with ch.Chart("t", "s") as chart:
        chart.ax.plot([0.5], [0.5], "o", markersize=40)
        on_dot = {"textcoords": "offset points", "ha": "center", "va": "top"}
        chart.ax.annotate("eigen", (0.5, 0.5), (0, 22), **on_dot)  # its own dot, from above
        chart.ax.set(xlim=(0, 1), ylim=(0, 1))
        assert chart.collisions() == []
        below = {"textcoords": "offset points", "ha": "center", "va": "top"}
        chart.ax.annotate("vreemd", (0.5, 0.5), (0, -12), xycoords="axes fraction", **below)
        assert chart.collisions() == ["'vreemd' lies on a marker"]


def test_a_text_on_a_map_area_is_reported_but_a_background_band_is_not():
    with ch.Chart("t", "s") as chart:
        region = PatchCollection([Rectangle((0, 0), 1, 1)])
        chart.ax.add_collection(region)
        chart.ax.axvspan(1.2, 1.8, color="#F2F2F2")  # a background, as for a year without data
        chart.ax.text(1.5, 0.5, "geen meting", ha="center")
        chart.ax.text(0.5, 0.5, "op de kaart", ha="center", transform=chart.ax.transAxes)
        chart.ax.set(xlim=(0, 2), ylim=(0, 1))
        assert chart.collisions() == ["'op de kaart' lies on an area"]


def test_a_leader_line_across_a_mark_is_not_its_words_on_it():
    with ch.Chart("t", "s") as chart:
        chart.ax.plot([0, 1], [0.5, 0.5])
        chart.ax.plot([0.2], [0.2], "D")
        line = {"arrowprops": {"arrowstyle": "-"}, "textcoords": "offset points"}
        chart.ax.annotate("boek", (0.2, 0.2), (0, 150), ha="center", **line)  # across the line
        chart.ax.set(xlim=(0, 1), ylim=(0, 1))
        assert chart.collisions() == []


def test_a_mark_outside_the_axes_view_is_not_seen():
    with ch.Chart("t", "s") as chart:
        chart.ax.set_title("boven de grafiek")
        chart.ax.set(xlim=(0, 1), ylim=(0, 10))
        chart.ax.plot([0, 1], [10.5, 10.5])  # above the view, where the title is: not drawn
        assert chart.collisions() == []
        chart.ax.lines[0].set_clip_on(False)  # drawn after all
        assert chart.collisions() == ["'boven de grafiek' lies on a line"]


@pytest.mark.parametrize(("theme", "lang"), [("artikel", "nl"), ("college", "en")])
def test_no_text_collides_in_any_chart_of_the_test_site_at_any_size(built_once, theme, lang):
    """Every chart the test site builds, at every size (also ``_smal`` and ``_kaal``). Only
    the site's own two builds: the other four themes and languages are checked by the build
    itself (each chart record keeps its collisions), not by building them again here."""
    built_once(theme, lang)
    charts = built_once.figures / theme / lang
    records = sorted(charts.glob("*.json"))
    assert len(records) >= 27
    found = {}
    for path in records:
        collisions = json.loads(path.read_text())["collisions"]
        if collisions:
            found[path.stem] = collisions
    assert found == {}


def test_a_label_on_an_opaque_box_may_stand_on_a_line_across_the_axes_not_on_data():
    """A knockout: the reference line runs on behind the label, nothing of it is lost."""
    with ch.Chart("t", "s") as chart:
        chart.ax.axvline(0.5)
        chart.ax.plot([0, 1], [0.2, 0.2])
        box = {"facecolor": "white", "edgecolor": "none"}
        chart.ax.text(0.5, 0.5, "op de lijn", ha="center", transform=chart.ax.transAxes, bbox=box)
        chart.ax.text(0.5, 0.2, "op de data", ha="center", transform=chart.ax.transAxes, bbox=box)
        chart.ax.set(xlim=(0, 1), ylim=(0, 1))
        assert chart.collisions() == ["'op de data' lies on a line"]


def test_blank_lines_that_a_title_keeps_for_its_subtitle_are_not_its_words():
    with ch.Chart("t", "s") as chart:
        chart.fig.text(0.3, 0.6, "titel\n\n\n", va="top")
        chart.fig.text(0.3, 0.5, "in de vrije regels", va="top")
        assert chart.collisions() == []
        chart.fig.text(0.3, 0.6, "op de titel", va="top")
        assert chart.collisions() == ["'titel\\n\\n\\n' overlaps 'op de titel'"]
