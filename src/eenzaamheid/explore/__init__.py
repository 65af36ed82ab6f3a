"""The explorer's logic, shared by both explorers (notebook 10 and the web page): what a table
offers (regions by name, the other dimensions, measures, years, its caveat), the rows a choice
selects, the honesty rules (one-point series as points, regions without figures named, titles
over everything drawn) and a chart in the house style with a generated title, source line and
alt text. Tests call these functions directly.

::

    frame = explore.load_table("rivm-eenzaamheid")
    offer = explore.options(frame)
    choice = explore.default(offer)._replace(regions=("Amsterdam", "Urk"))
    explore.draw(frame, choice, offer, save=True)
    print(explore.code(choice, offer))  # the code that draws this view
"""

from .chart import chart_name, code, draw, table, widget_html
from .known import (
    ALIASES,
    KNOWN,
    MAX_SERIES,
    TOPICS_EN,
    WORDS,
    ExploreError,
    Known,
    flag_note,
    language,
    words,
)
from .offer import (
    Choice,
    Offer,
    default,
    denominators,
    explorable,
    fold,
    load_table,
    matches,
    options,
    region,
    region_labels,
    shown,
    snapshot_record,
    table_title,
    two_codes,
)
from .rules import (
    describe,
    dimension_name,
    layout,
    measure_label,
    measure_name,
    missing,
    select,
    sex_and_age,
    title,
    two_codes_note,
    value_column,
)

__all__ = [
    "ALIASES",
    "KNOWN",
    "MAX_SERIES",
    "TOPICS_EN",
    "WORDS",
    "Choice",
    "ExploreError",
    "Known",
    "Offer",
    "chart_name",
    "code",
    "default",
    "denominators",
    "describe",
    "dimension_name",
    "draw",
    "explorable",
    "flag_note",
    "fold",
    "language",
    "layout",
    "load_table",
    "matches",
    "measure_label",
    "measure_name",
    "missing",
    "options",
    "region",
    "region_labels",
    "select",
    "sex_and_age",
    "shown",
    "snapshot_record",
    "table",
    "table_title",
    "title",
    "two_codes",
    "two_codes_note",
    "value_column",
    "widget_html",
    "words",
]
