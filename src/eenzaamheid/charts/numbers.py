"""Numbers as a reader of the chart's language expects them (Babel, not the system locale)."""

from __future__ import annotations

from babel.numbers import format_decimal
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from .. import settings
from .qa import VALUE_AXIS
from .words import text


def _locale() -> str:
    return "nl_NL" if settings.current().lang == "nl" else "en_GB"


def fmt_number(value: float, decimals: int = 0) -> str:
    """``1234567`` -> ``1.234.567`` (nl) or ``1,234,567`` (en)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale())


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
