from datetime import date

import pandas as pd
import pytest

from eenzaamheid.data.periods import parse_period, period_columns


@pytest.mark.parametrize(
    ("code", "label", "start", "frequency"),
    [
        ("2017JJ00", "2017", date(2017, 1, 1), "jaar"),
        ("2015HJ02", "2e halfjaar 2015", date(2015, 7, 1), "halfjaar"),
        ("2017KW04", "2017 4e kwartaal", date(2017, 10, 1), "kwartaal"),
        ("2017MM10", "2017 oktober", date(2017, 10, 1), "maand"),
    ],
)
def test_period_codes_parse(code, label, start, frequency):
    period = parse_period(code)
    assert (period.label, period.start, period.frequency) == (label, start, frequency)


@pytest.mark.parametrize("code", ["2017", "2017KW05", "2017MM13", "abcdJJ00", ""])
def test_bad_period_code_is_named(code):
    with pytest.raises(ValueError, match="period"):
        parse_period(code)


def test_period_columns_keep_the_index():
    codes = pd.Series(["2001JJ00", "2001KW01"], index=[5, 9])
    frame = period_columns(codes)
    assert list(frame.index) == [5, 9]
    assert list(frame["frequentie"]) == ["jaar", "kwartaal"]
