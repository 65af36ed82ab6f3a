"""The shared vocabulary of the charts in Dutch and English; a story's own headlines live in
its notebook, written with :func:`say` (``say(nl="...", en="...")``)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

from babel import Locale
from IPython.display import Markdown

from .. import settings

VOCABULARY: dict[str, dict[str, str]] = {
    # units and shared words
    "mln": {"nl": "mln", "en": "m"},
    "jaar": {"nl": "Jaar", "en": "Year"},
    "leeftijd": {"nl": "Leeftijd", "en": "Age"},
    "mannen": {"nl": "Mannen", "en": "Men"},
    "vrouwen": {"nl": "Vrouwen", "en": "Women"},
    "totaal": {"nl": "Totaal", "en": "Total"},
    "nederland": {"nl": "Nederland", "en": "the Netherlands"},
    "boek": {"nl": "boek", "en": "book"},
    "geen_meting": {"nl": "geen cijfer", "en": "no figure"},
    "enigszins": {"nl": "Enigszins eenzaam", "en": "Somewhat lonely"},
    "sterk": {"nl": "Sterk eenzaam", "en": "Strongly lonely"},
    "exact": {"nl": "exact cijfer (1 decimaal)", "en": "exact figure (1 decimal)"},
    "afgerond": {"nl": "afgerond (nieuwsbericht)", "en": "rounded (news release)"},
    "Eenzaamheid": {"nl": "Eenzaamheid", "en": "Loneliness"},
    "Sociale eenzaamheid": {"nl": "Sociale eenzaamheid", "en": "Social loneliness"},
    "Emotionele eenzaamheid": {"nl": "Emotionele eenzaamheid", "en": "Emotional loneliness"},
    # the book's figures on a chart
    "boek_jaar": {"nl": "boek: {value} in {year}", "en": "book: {value} in {year}"},
    # alt text
    "van_tot": {"nl": "van {a} in {x} tot {b} in {y}", "en": "from {a} in {x} to {b} in {y}"},
    "van_naar": {"nl": "van {a} naar {b}", "en": "from {a} to {b}"},
    "bereik": {
        "nl": "van {low} ({low_label}) tot {high} ({high_label})",
        "en": "from {low} ({low_label}) to {high} ({high_label})",
    },
    # source lines
    "bron": {"nl": "Bron", "en": "Source"},
    "tabel": {"nl": "tabel", "en": "table"},
    "tabellen": {"nl": "tabellen", "en": "tables"},
    "en": {"nl": "en", "en": "and"},
    "kaart_pdok": {"nl": "kaart: CBS/PDOK", "en": "map: CBS/PDOK"},
    # Eurostat's aggregates (country names come from Babel: see country())
    "EU27_2020": {"nl": "EU-27-gemiddelde", "en": "EU-27 average"},
    "EU28": {"nl": "EU-28-gemiddelde", "en": "EU-28 average"},
}


def language() -> str:
    return settings.current().lang


def say(*, nl: str, en: str) -> str:
    """The text in the chart language: ``say(nl="Alleen wonen", en="Living alone")``."""
    return nl if language() == "nl" else en


def prose(*, nl: str, en: str) -> Markdown:
    """A paragraph of a story whose figures are computed: Markdown in the chart language,
    e.g. ``prose(nl=f"In {year} woonden {fmt_number(n)} mensen alleen.", en=...)``."""
    return Markdown(textwrap.dedent(say(nl=nl, en=en)).strip())


def listed(items: Iterable[object]) -> str:
    """Items in a sentence, in the order given: ``a, b en c`` (nl) or ``a, b and c`` (en)."""
    words = [str(item) for item in items]
    if not words:
        raise ValueError("listed() needs at least one item: say in words that there are none")
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {text('en')} {words[-1]}"


def text(key: str) -> str:
    """A word of the shared vocabulary in the chart language."""
    try:
        return VOCABULARY[key][language()]
    except KeyError:
        raise KeyError(f"no word {key!r}; add it to charts.words.VOCABULARY") from None


_CATEGORIES = {
    "Nederland": "the Netherlands",
    "Eenzaamheid": "Loneliness",
    "Sociale eenzaamheid": "Social loneliness",
    "Emotionele eenzaamheid": "Emotional loneliness",
    "Niet": "Not",
    "Enigszins": "Somewhat",
    "Sterk": "Strongly",
    "Eenzaam (totaal)": "Lonely (total)",
    "Alleenwonend (zonder partner of kinderen)": "Living alone (no partner or children)",
    "Alleenstaande ouder": "Single parent",
    "Samenwonend met partner": "Living with a partner",
    "Mannen": "Men",
    "Vrouwen": "Women",
    "Totaal": "Total",
    "Totaal persoonskenmerken": "Total",
    "Totaal mannen en vrouwen": "Men and women",
}
_WORDS = {  # words inside composite labels such as "2021 enigszins + sterk"
    "enigszins": "somewhat",
    "sterk": "strongly",
    "bevestigd": "confirmed",
    "wijkt af": "differs",
    "niet te controleren": "not checkable",
    "sociale isolatie": "social isolation",
    "eenzaamheid": "loneliness",
    "alleen wonen": "living alone",
    "past bij afgeronde cijfers": "fits the rounded figures",
    "exact": "exact",
    "rounded": "rounded",
}


def category(label: str) -> str:
    """A CBS category label in the chart language: ``15 tot 25 jaar`` -> ``15 to 25 years``."""
    if language() == "nl":
        return "Totaal" if label == "Totaal persoonskenmerken" else label
    if label in _CATEGORIES:
        return _CATEGORIES[label]
    label = re.sub(r"(\d+) tot (\d+) jaar", r"\1 to \2 years", label)
    label = re.sub(r"(\d+) jaar of ouder", r"\1 years and over", label)
    label = label.replace("(gemeente)", "(municipality)")
    for dutch, english in _WORDS.items():
        label = re.sub(rf"\b{dutch}\b", english, label)
    return _CATEGORIES.get(label, label)


# Column names of the data files in English (codes such as topic keys stay as they are).
COLUMNS_EN = {
    "jaar": "year",
    "periode": "period",
    "periode_code": "period_code",
    "waarde": "value",
    "aandeel": "share",
    "percentage": "percentage",
    "eenheid": "unit",
    "tabel": "table",
    "bron": "source",
    "bron_soort": "source_kind",
    "bron_url": "source_url",
    "bron_datum": "source_date",
    "regio": "region",
    "regio_code": "region_code",
    "leeftijd": "age",
    "leeftijd_code": "age_code",
    "geslacht": "sex",
    "geslacht_code": "sex_code",
    "groep": "group",
    "maat": "measure",
    "niveau": "level",
    "indeling": "breakdown",
    "precisie": "precision",
    "populatie": "population",
    "onderwerp": "topic",
    "onderdeel": "part",
    "oordeel": "verdict",
    "boek": "book",
    "data": "data",
    "noemer": "denominator",
    "alleenstaanden": "people_living_alone",
    "kaart": "map",
    "label": "label",
    # notebooks 7 and 8: the decomposition, the projection and the scenario
    "aantal": "count",
    "procent": "percent",
    "omvang": "population_size",
    "samenstelling": "make_up",
    "kans": "rate",
    "verandering": "change",
    "methode": "method",
    "groepen": "groups",
    "soort": "kind",
    "aanname": "assumption",
    "ondergrens": "lower_bound",
    "bovengrens": "upper_bound",
    "eenpersoonshuishoudens": "one_person_households",
    "sterk_eenzaam_laag": "strongly_lonely_low",
    "sterk_eenzaam_midden": "strongly_lonely_mid",
    "sterk_eenzaam_hoog": "strongly_lonely_high",
    # notebooks 6 and 9
    "vlag": "flag",
    "reeks": "series",
    "klasse_van": "bin_from",
    "klasse_tot": "bin_to",
    "aantal_gemeenten": "municipalities",
}
UNITS_EN = {
    "personen": "persons",
    "%": "%",
    "% van personen in huishoudens": "% of persons in households",
    "% van particuliere huishoudens": "% of private households",
    "eenpersoonshuishoudens": "one-person households",
}


def column_name(name: str) -> str:
    """A data-file column name in the chart language."""
    return COLUMNS_EN.get(name, name) if language() == "en" else name


def unit_name(unit: object) -> object:
    """A unit in the chart language (``personen`` -> ``persons``)."""
    if language() == "nl" or not isinstance(unit, str):
        return unit
    return UNITS_EN.get(unit, unit)


def age_short(label: str) -> str:
    """Compact age group for ticks: ``0 tot 5 jaar`` -> ``0-5``, ``95 jaar of ouder`` -> ``95+``."""
    label = re.sub(r"^(\d+) tot (\d+) jaar$", r"\1-\2", label)
    return re.sub(r"^(\d+) jaar of ouder$", r"\1+", label)


_EUROSTAT_TO_ISO = {"EL": "GR", "UK": "GB"}  # Eurostat's own codes for Greece and the UK


def country(code: str) -> str:
    """A Eurostat geo code in the chart language: ``DE`` -> ``Duitsland`` / ``Germany``
    (country names from Babel's CLDR data), ``EU27_2020`` -> ``EU-27-gemiddelde``."""
    if code in VOCABULARY:
        return text(code)
    locale = Locale.parse("nl" if language() == "nl" else "en")
    try:
        return locale.territories[_EUROSTAT_TO_ISO.get(code, code)]
    except KeyError:
        raise KeyError(f"no country name for Eurostat code {code!r}") from None
