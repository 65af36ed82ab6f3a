"""CBS period codes (``2017JJ00``, ``2015HJ01``, ``2017KW04``, ``2017MM10``) as labels and dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

_CODE = re.compile(r"^(\d{4})(JJ|HJ|KW|MM|W1|X0)(\d{2})$")
_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


@dataclass(frozen=True)
class Period:
    code: str
    label: str
    start: date
    frequency: str


def parse_period(code: str) -> Period:
    """Parse one CBS period code; raise ValueError naming the code when it is not one."""
    match = _CODE.match(code.strip())
    if not match:
        raise ValueError(
            f"{code!r} is not a CBS period code (expected e.g. '2017JJ00', '2017KW04')"
        )
    year, kind, number = int(match[1]), match[2], int(match[3])
    if kind == "JJ":
        return Period(code, str(year), date(year, 1, 1), "jaar")
    if kind == "HJ" and number in (1, 2):
        return Period(code, f"{number}e halfjaar {year}", date(year, 6 * number - 5, 1), "halfjaar")
    if kind == "KW" and 1 <= number <= 4:
        return Period(code, f"{year} {number}e kwartaal", date(year, 3 * number - 2, 1), "kwartaal")
    if kind == "MM" and 1 <= number <= 12:
        return Period(code, f"{year} {_MONTHS[number - 1]}", date(year, number, 1), "maand")
    if kind == "W1":
        start = date.fromisocalendar(year, number, 1)
        return Period(code, f"{year} week {number}", start, "week")
    if kind == "X0":
        return Period(code, f"{year} (periode {number})", date(year, 1, 1), "overig")
    raise ValueError(f"{code!r} has an impossible number for its period type {kind}")


def period_columns(codes: pd.Series) -> pd.DataFrame:
    """Label, start date and frequency for a column of period codes (parsed once per code)."""
    index, uniques = pd.factorize(codes)
    parsed = [parse_period(code) for code in uniques]
    text = codes.dtype if isinstance(codes.dtype, pd.StringDtype) else "string"

    def column(values: list, dtype: str) -> pd.Series:
        filled = np.array([*values, None], dtype=object)[index]
        return pd.Series(filled, index=codes.index, dtype=dtype)

    starts = column([pd.Timestamp(p.start) for p in parsed], "datetime64[ms]")
    return pd.DataFrame(
        {
            "periode": column([p.label for p in parsed], text),
            "periode_start": starts,
            "frequentie": column([p.frequency for p in parsed], text),
        },
        index=codes.index,
    )
