"""Numbers as a reader of the chart's language expects them (Babel, not the system locale)."""

from __future__ import annotations

from functools import cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from .. import settings
from .qa import VALUE_AXIS
from .words import text


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse("nl_NL" if lang == "nl" else "en_GB")


@cache
def _pattern(decimals: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


def fmt_number(value: float, decimals: int = 0) -> str:
    """``1234567`` -> ``1.234.567`` (nl) or ``1,234,567`` (en). (Babel's ``format_decimal``,
    with locale and pattern parsed once: a chart's data files format thousands of numbers.)"""
    return _pattern(decimals).apply(value, _locale(settings.current().lang))


def fmt_percent(value: float, decimals: int = 1) -> str:
    """``10.7`` (already in percent) -> ``10,7 %`` (nl) or ``10.7%`` (en)."""
    number = fmt_number(value, decimals)
    return f"{number} %" if settings.current().lang == "nl" else f"{number}%"


def fmt_millions(value: float, decimals: int = 1) -> str:
    """``2961228`` -> ``3,0 mln`` (nl) or ``3.0 m`` (en)."""
    return f"{fmt_number(value / 1e6, decimals)} {text('mln')}"


def number_axis(ax: Axes, axis: str = "y", kind: str = "number", decimals: int = 0) -> None:
    """Format an axis in the chart language: kind is ``number``, ``percent`` or ``millions``."""
    formatter = {"number": fmt_number, "percent": fmt_percent, "millions": fmt_millions}[kind]
    target = ax.yaxis if axis == "y" else ax.xaxis
    VALUE_AXIS[ax] = axis
    target.set_major_formatter(FuncFormatter(lambda v, _pos: formatter(v, decimals)))
