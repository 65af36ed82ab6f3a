"""Marks drawn the same way on every chart: lines that stop at a break in the series, value
labels that find a place clear of the other marks."""

import itertools

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from eenzaamheid import charts as ch
from eenzaamheid import configure
from eenzaamheid.charts import line_with_breaks


@pytest.fixture
def ax():
    fig, axes = plt.subplots()
    yield axes
    plt.close(fig)


def test_a_break_splits_the_line_so_no_slope_joins_the_two_series(ax):
    years, values = [2014, 2015, 2016, 2017, 2018], [36.0, 36.5, 38.1, 38.0, 38.3]  # fixture
    pieces = line_with_breaks(ax, years, values, [False, False, True, False, False], color="k")
    assert [list(p.get_xdata()) for p in pieces] == [[2014, 2015], [2016, 2017, 2018]]
    assert [list(p.get_ydata()) for p in pieces] == [[36.0, 36.5], [38.1, 38.0, 38.3]]
    assert {p.get_color() for p in pieces} == {"k"}


def test_without_breaks_or_with_a_break_on_the_first_point_the_line_is_whole(ax):
    assert len(line_with_breaks(ax, [1, 2, 3], [1.0, 2.0, 3.0], [False] * 3)) == 1
    assert len(line_with_breaks(ax, [1, 2, 3], [1.0, 2.0, 3.0], [True, False, False])) == 1
    assert len(line_with_breaks(ax, [1, 2, 3], [1.0, 2.0, 3.0], [False, True, True])) == 3


def test_breaks_of_another_length_are_refused(ax):
    with pytest.raises(ValueError, match="differ in length"):
        line_with_breaks(ax, [1, 2, 3], [1.0, 2.0, 3.0], [False])


# Value labels that find their place when drawn (``ch.bar_values``); fixture bars, not CBS data.
@pytest.fixture
def chart():
    configure(theme="notebook", lang="nl")
    with ch.Chart("t", "s") as made:
        yield made


def _placed(chart, label):
    """The chart's collisions, and where the label went: offset (points), colour, leader, box."""
    with chart.laid_out() as collisions:
        return collisions, (label.xyann, label.get_color(), label.arrow_patch, label._bbox_patch)


def test_a_value_label_clear_of_the_other_marks_stays_just_beyond_its_bar(chart):
    bars = chart.ax.bar(["a", "b"], [5.0, 9.0])
    (label,) = ch.bar_values(chart.ax, bars, ["", "9,0 %"], padding=3)
    chart.ax.set_ylim(0, 12)
    collisions, (offset, _, leader, box) = _placed(chart, label)
    assert collisions == [] and offset == (0, 3) and leader is None and box is None


def test_each_bar_may_keep_its_own_distance_to_its_label(chart):
    """A bar with a marker at its end labels further out than one without (03's diamonds)."""
    bars = chart.ax.barh(["a", "b"], [5.0, 9.0])
    labels = ch.bar_values(chart.ax, bars, ["5,0 %", "9,0 %"], padding=[3, 12])
    chart.ax.set_xlim(0, 20)
    collisions, (near, *_) = _placed(chart, labels[0])
    assert collisions == [] and near == (3, 0) and labels[1].xyann == (12, 0)


def test_a_value_label_on_a_taller_neighbour_moves_up_with_a_leader_to_its_bar(chart):
    bars = chart.ax.bar(list("abcdefghij"), [10.0, 9.0, *[1.0] * 8])
    (label,) = ch.bar_values(chart.ax, bars, ["", "38,3 % van alle huishoudens", *[""] * 8])
    chart.ax.set_ylim(0, 14)
    collisions, (offset, _, leader, _) = _placed(chart, label)
    assert collisions == [] and offset[1] > 3 and leader is not None


def test_a_value_label_across_a_reference_line_goes_inside_its_bar_in_a_readable_ink(chart):
    bars = chart.ax.barh(["a", "b"], [20.0, 20.0], color=[ch.CONTEXT, ch.MAIN])
    labels = ch.bar_values(chart.ax, bars, ["20,0 %", "20,0 %"])
    chart.ax.axvline(21.0)
    chart.ax.set_xlim(0, 40)
    collisions, (offset, grey_ink, _, _) = _placed(chart, labels[0])
    assert collisions == [] and offset[0] < 0 and grey_ink == "black"
    assert labels[1].get_color() == "white"  # on blue


def test_where_a_line_across_the_axes_leaves_no_room_the_label_stands_out_on_a_box(chart):
    bars = chart.ax.barh(["a"], [2.0])
    (label,) = ch.bar_values(chart.ax, bars, ["2,0 % van alle huishoudens"])
    chart.ax.axvline(3.0)  # too short a bar to hold the label; a leader would cross the line
    chart.ax.set_xlim(0, 100)
    collisions, (offset, _, leader, box) = _placed(chart, label)
    assert collisions == [] and offset == (3, 0) and leader is None and box is not None


def test_a_point_is_named_on_its_first_clear_side(chart):
    chart.ax.plot([0.5], [0.5], "o")
    chart.ax.plot([0.54], [0.5], "o")  # a neighbour right of the named dot
    chart.ax.set(xlim=(0, 1), ylim=(0, 1))
    label = ch.label_point(chart.ax, "naam", (0.5, 0.5))
    collisions, (offset, _, leader, _) = _placed(chart, label)
    assert collisions == [] and offset[0] < 0 and offset[1] == 0 and leader is None  # left


def test_names_of_nearby_points_keep_clear_of_each_other(chart):
    chart.ax.plot([0.5, 0.5], [0.5, 0.53], "o")
    chart.ax.set(xlim=(0, 1), ylim=(0, 1))
    ch.label_point(chart.ax, "eerste naam", (0.5, 0.5))
    second = ch.label_point(chart.ax, "tweede naam", (0.5, 0.53))
    collisions, (offset, _, _, _) = _placed(chart, second)
    assert collisions == [] and offset != (0, 0)


def test_a_point_crowded_on_every_side_is_named_further_out_with_a_leader(chart):
    grid = [(0.5 + dx, 0.5 + dy) for dx in (-0.04, 0, 0.04) for dy in (-0.04, 0, 0.04)]
    for x, y in grid:  # each dot its own mark: the others are not the named one
        chart.ax.plot([x], [y], "o")
    chart.ax.set(xlim=(0, 1), ylim=(0, 1))
    label = ch.label_point(chart.ax, "midden", (0.5, 0.5))
    collisions, (_, _, leader, _) = _placed(chart, label)
    assert collisions == [] and leader is not None


AGES = [f"{a}–{a + 4}" for a in range(15, 95, 5)] + ["95+"]  # 71488ned's groups, shortened


@pytest.mark.parametrize(
    ("theme", "narrow", "shown"),
    [
        ("college", False, "some"),
        ("artikel", False, "stacked"),
        ("artikel", True, "some"),
        ("artikel", (2.6, 3.0), "some"),  # every third group: the last one still named
    ],
)
def test_range_labels_stay_level_stack_at_their_dash_and_skip_only_when_stacked_is_too_wide(
    theme, narrow, shown
):
    configure(theme=theme, lang="nl")
    with ch.Chart("Titel", "Ondertitel") as chart:
        if narrow:
            chart.fig.set_size_inches(chart.theme.narrow if narrow is True else narrow)
        ax = chart.ax
        ax.plot(range(len(AGES)), range(len(AGES)))
        ch.range_ticks(ax, AGES)
        chart.fig.canvas.draw()
        labels = [t for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
        assert {t.get_rotation() for t in labels} == {0}
        said = [t.get_text().replace("\n", "") for t in labels]
        assert set(said) <= set(AGES) and said[0] == AGES[0] and said[-1] == AGES[-1]
        if shown == "stacked":
            assert said == AGES and "15–\n19" in [t.get_text() for t in labels]
        else:
            assert 2 < len(said) < len(AGES)
        renderer = chart.fig.canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in labels]
        assert all(a.x1 <= b.x0 for a, b in itertools.pairwise(boxes)), said
        assert chart.collisions() == []


def test_a_dumbbells_dots_keep_half_a_row_from_the_axis_also_at_lecture_size():
    configure(theme="college", lang="nl")
    with ch.Chart("Titel\n" * 3, "Ondertitel\n" * 3) as chart:  # a squeezed plot, as on a slide
        ch.dumbbell(chart.ax, AGES[:7], [9.0] * 7, [12.0] * 7, ("2019", "2022"))  # fixture
        chart.fig.canvas.draw()
        ax = chart.ax
        dots = ax.transData.transform([(9.0, 0), (9.0, 6)])  # the first and the last row
        radius = ax.lines[0].get_markersize() / 2 * chart.fig.dpi / 72
        assert dots[0][1] > dots[1][1]  # the first row on top
        assert dots[1][1] - radius >= ax.bbox.y0  # the last row's dots clear of the axis line
        assert dots[0][1] + radius <= ax.bbox.y1  # the first row's inside the plot
