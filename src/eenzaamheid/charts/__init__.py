"""The charts layer: house style, words and numbers in Dutch or English, export.

In a notebook: ``from eenzaamheid import charts as ch``, then::

    with ch.Chart(ch.say(nl="...", en="..."), subtitle) as chart:
        chart.ax.plot(...)
        chart.save("01_name", data, alt=ch.alt_series(...))
"""

from .alt import alt_change, alt_pairs, alt_range, alt_series, alt_values
from .export import ExportedFigure, figures_dir
from .frame import Chart
from .layout_labels import bar_values, label_point
from .maps import draw_map, load_map, map_aspect, region_areas
from .marks import (
    dumbbell,
    hbar_percent,
    horizontal_layout,
    label_line_end,
    line_with_breaks,
    mark_book,
    range_ticks,
)
from .numbers import (
    decimals,
    fmt_count,
    fmt_millions,
    fmt_number,
    fmt_percent,
    fmt_points,
    number_axis,
)
from .sources import SOURCE_COLUMNS, book_rows, source_line, sourced
from .tables import table
from .theme import CONTEXT, HIGHLIGHT, MAIN, PALETTE, SEX_COLOURS, THEMES, Theme, theme
from .words import (
    age_bounds,
    age_short,
    category,
    country,
    group_in_sentence,
    group_of_age,
    listed,
    on_its_own,
    place,
    prose,
    say,
    text,
    upper_first,
)

__all__ = [
    "CONTEXT",
    "HIGHLIGHT",
    "MAIN",
    "PALETTE",
    "SEX_COLOURS",
    "SOURCE_COLUMNS",
    "THEMES",
    "Chart",
    "ExportedFigure",
    "Theme",
    "age_bounds",
    "age_short",
    "alt_change",
    "alt_pairs",
    "alt_range",
    "alt_series",
    "alt_values",
    "bar_values",
    "book_rows",
    "category",
    "country",
    "decimals",
    "draw_map",
    "dumbbell",
    "figures_dir",
    "fmt_count",
    "fmt_millions",
    "fmt_number",
    "fmt_percent",
    "fmt_points",
    "group_in_sentence",
    "group_of_age",
    "hbar_percent",
    "horizontal_layout",
    "label_line_end",
    "label_point",
    "line_with_breaks",
    "listed",
    "load_map",
    "map_aspect",
    "mark_book",
    "number_axis",
    "on_its_own",
    "place",
    "prose",
    "range_ticks",
    "region_areas",
    "say",
    "source_line",
    "sourced",
    "table",
    "text",
    "theme",
    "upper_first",
]
