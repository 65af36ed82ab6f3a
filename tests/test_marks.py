"""Marks drawn the same way on every chart: lines that stop at a break in the series."""

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

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
