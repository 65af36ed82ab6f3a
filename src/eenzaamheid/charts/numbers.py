"""Numbers as a reader of the chart's language expects them (Babel, not the system locale)."""

from __future__ import annotations

import math
import re
from functools import cache

import numpy as np
from babel import Locale
from babel.numbers import NumberPattern, parse_pattern
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .. import settings
from .qa import VALUE_AXIS
from .words import text


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse("nl_NL" if lang == "nl" else "en_GB")


@cache
def _pattern(decimals: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


def decimals(precision: float) -> int:
    """The decimals of a figure known to ± ``precision`` (half its last digit): 0.05 -> 1,
    0.5 -> 0 (a rounded 11 % is no 11.0 %), 500 -> 0."""
    return max(0, round(-math.log10(2 * precision)))


MINUS = "\u2212"  # the minus sign, as matplotlib's own ticks write it; CLDR gives a hyphen


def fmt_number(value: float, decimals: int = 0, *, signed: bool = False) -> str:
    """``1234567`` -> ``1.234.567`` (nl) or ``1,234,567`` (en), ``-5`` -> ``−5`` (a minus sign,
    which a screen reader says as "minus"); a number written as zero has no sign (``-0.2`` ->
    ``0``). ``signed=True`` (a change) writes ``+`` before a number above zero. For what a
    reader sees; the data files write their own numbers. (Babel's ``format_decimal``, with
    locale and pattern parsed once: a chart's table formats thousands of numbers.) A missing
    value (NaN) has no number to write: ``ValueError``."""
    if math.isnan(value):
        raise ValueError("fmt_number: the value is missing (NaN); show the gap, not a number")
    written = _pattern(decimals).apply(value, _locale(settings.current().lang))
    return sign_written(written, value > 0 and signed)


def sign_written(written: str, plus: bool) -> str:
    """A written number with a minus sign for a hyphen, no sign where it reads as zero, and
    ``+`` when ``plus``."""
    digits = written.lstrip("-")
    if not digits.strip("0.,\u00a0\u202f "):  # reads as zero: 0, 0,0, 0.00
        return digits
    if written.startswith("-"):
        return MINUS + digits
    return "+" + written if plus else written


def fmt_percent(value: float, decimals: int = 1, *, signed: bool = False) -> str:
    """``10.7`` (already in percent) -> ``10,7 %`` (nl) or ``10.7%`` (en); ``signed`` as in
    :func:`fmt_number`."""
    number = fmt_number(value, decimals, signed=signed)
    return f"{number} %" if settings.current().lang == "nl" else f"{number}%"


def fmt_points(value: float, decimals: int = 1) -> str:
    """A difference between percentages: ``0,1 procentpunt`` (nl, for every number) or
    ``0.1 percentage points`` (en; singular only for a number written as ``1``)."""
    number = fmt_number(value, decimals)
    if settings.current().lang == "nl":
        return f"{number} procentpunt"
    one = number.lstrip("+-\u2212") == "1"  # a change of minus one point is one point too
    return f"{number} percentage {'point' if one else 'points'}"


_SPACE_BEFORE_PERCENT = re.compile(r"(?<=\d) (?=%)")


def percent_together(text: str) -> str:
    """Dutch ``33 %`` with a no-break space: on a page the line may not break between the
    number and its sign (for HTML text: prose and table cells)."""
    return _SPACE_BEFORE_PERCENT.sub("\u00a0", text)


def fmt_millions(value: float, decimals: int = 1, *, in_words: bool = False) -> str:
    """``2961228`` -> ``3,0 mln`` (nl) or ``3.0 mn`` (en), on an axis or a label; in a
    sentence (``in_words``) ``3,0 miljoen`` or ``3.0 million``. Zero is ``0``."""
    if value == 0:  # an axis's zero: "0", not "0,0 mln"
        return "0"
    return f"{fmt_number(value / 1e6, decimals)} {text('miljoen' if in_words else 'mln')}"


def fmt_count(value: float, precision: float) -> str:
    """A count written as precisely as it is known (``precision``: half its last digit):
    ``3 miljoen`` for 3,000,000 known to half a million (as the book writes it, never
    ``3.000.000``), ``2,5 miljoen`` to 50,000, ``285.000`` to 500."""
    if precision >= 50_000 and abs(value) >= 1e6:
        return fmt_millions(value, decimals(precision / 1e6), in_words=True)
    return fmt_number(value, decimals(precision))


class ExactTicks(MaxNLocator):
    """Ticks at multiples of ``scale * 10 ** -decimals`` (steps of 1, 2 or 5 of that unit), so
    that a label with ``decimals`` decimals says the tick's exact value: never 2.5 written as
    "2" or 47.5 as "48". ``scale`` is 1e6 for an axis in millions."""

    def __init__(self, decimals: int = 0, scale: float = 1.0):
        super().__init__(nbins="auto", steps=[1, 2, 5, 10], integer=True)
        self.unit = scale * 10.0**-decimals

    def tick_values(self, vmin: float, vmax: float) -> np.ndarray:
        ticks = super().tick_values(vmin / self.unit, vmax / self.unit)
        return np.round(ticks) * self.unit


def number_axis(ax: Axes, axis: str = "y", kind: str = "number", decimals: int = 0) -> None:
    """Format an axis in the chart language: kind is ``number``, ``percent`` or ``millions``;
    its ticks where the labels' ``decimals`` show them exactly (:class:`ExactTicks`)."""
    formatter = {"number": fmt_number, "percent": fmt_percent, "millions": fmt_millions}[kind]
    target = ax.yaxis if axis == "y" else ax.xaxis
    VALUE_AXIS[ax] = axis
    target.set_major_formatter(FuncFormatter(lambda v, _pos: formatter(v, decimals)))
    target.set_major_locator(ExactTicks(decimals, 1e6 if kind == "millions" else 1.0))
