"""Place names in the chart language: a Dutch municipality or the country as a reader of the
chart's language knows it (``'s-Gravenhage`` -> ``The Hague``), as :func:`words.country` does
for Eurostat's countries. Dutch charts keep the names of the tables."""

from __future__ import annotations

from .vocabulary import PLACES_EN
from .words import language


def place(name: str) -> str:
    """A region name from a CBS or RIVM table in the chart language, as it starts a label:
    ``place("'s-Gravenhage")`` -> ``The Hague`` in English, unchanged in Dutch."""
    if language() == "nl" or not isinstance(name, str):
        return name
    return PLACES_EN.get(name, name)
