"""Place names in the chart language: a Dutch municipality or the country as a reader of the
chart's language knows it (``'s-Gravenhage`` -> ``The Hague``), as :func:`words.country` does
for Eurostat's countries. Dutch charts keep the names of the tables."""

from __future__ import annotations

from .words import language

# Municipalities and the country whose English name differs from the Dutch (CBS/RIVM) name.
PLACES_EN = {
    "Nederland": "The Netherlands",
    "'s-Gravenhage": "The Hague",
    "Den Haag": "The Hague",
}


def place(name: str) -> str:
    """A region name from a CBS or RIVM table in the chart language, as it starts a label:
    ``place("'s-Gravenhage")`` -> ``The Hague`` in English, unchanged in Dutch."""
    if language() == "nl" or not isinstance(name, str):
        return name
    return PLACES_EN.get(name, name)
