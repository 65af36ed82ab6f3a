"""CBS period codes (``2017JJ00``, ``2015HJ01``, ``2017KW04``, ``2017MM10``) as labels and dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa

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


def expand(values: list, index: np.ndarray, dtype) -> pd.Series:
    """``values[index]`` as a column of ``dtype``; index -1 gives NA. Text goes through Arrow,
    so a long column costs no Python object per row."""
    if str(dtype).startswith("datetime64"):
        filled = np.array([*values, None], dtype=dtype)
        return pd.Series(filled[index], dtype=dtype)
    taken = pa.array(values, pa.string()).take(pa.array(index, mask=index < 0))
    column = taken.to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get)
    return column.astype(dtype)


def period_columns(codes: pd.Series) -> pd.DataFrame:
    """Label, start date and frequency for a column of period codes (parsed once per code)."""
    index, uniques = pd.factorize(codes)
    parsed = [parse_period(code) for code in uniques]
    text = codes.dtype if isinstance(codes.dtype, pd.StringDtype) else "string"
    columns = {
        "periode": expand([p.label for p in parsed], index, text),
        "periode_start": expand([p.start for p in parsed], index, "datetime64[ms]"),
        "frequentie": expand([p.frequency for p in parsed], index, text),
    }
    return pd.DataFrame({k: v.set_axis(codes.index) for k, v in columns.items()})
