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
    "mln": {"nl": "mln", "en": "mn"},  # "m" would read as metres
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
    # a link to a row's source online (``bron_url``), by the kind of source (``bron_soort``)
    "link_statline": {"nl": "CBS StatLine, tabel {table}", "en": "CBS StatLine, table {table}"},
    "link_statline_table_page": {"nl": "CBS, tabel {table}", "en": "CBS, table {table}"},
    "link_cbs_longread": {"nl": "CBS-longread", "en": "CBS longread"},
    "link_cbs_news": {"nl": "CBS-nieuws", "en": "CBS news"},
    "link_cbs_news_reprint": {"nl": "CBS-nieuws via {host}", "en": "CBS news via {host}"},
    "link_press_report": {"nl": "nieuwsbericht, {host}", "en": "news report, {host}"},
    "link_rivm_page": {"nl": "RIVM, {host}", "en": "RIVM, {host}"},
    "link_rivm_table": {
        "nl": "RIVM, eenzaamheid per gemeente (Gezondheidsmonitor)",
        "en": "RIVM, loneliness by municipality (Health Monitor)",
    },
    "link_eurostat": {"nl": "Eurostat, dataset {table}", "en": "Eurostat, dataset {table}"},
    "link_study": {"nl": "{table}", "en": "{table}"},
    # Eurostat's observation flags (OBS_FLAG), as Eurostat's code list names them
    "vlag_b": {"nl": "breuk in de reeks", "en": "break in series"},
    "vlag_c": {"nl": "vertrouwelijk", "en": "confidential"},
    "vlag_d": {"nl": "definitie wijkt af", "en": "definition differs"},
    "vlag_e": {"nl": "schatting", "en": "estimated"},
    "vlag_f": {"nl": "prognose", "en": "forecast"},
    "vlag_n": {"nl": "niet significant", "en": "not significant"},
    "vlag_p": {"nl": "voorlopig", "en": "provisional"},
    "vlag_r": {"nl": "herzien", "en": "revised"},
    "vlag_s": {"nl": "schatting van Eurostat", "en": "Eurostat estimate"},
    "vlag_u": {"nl": "onbetrouwbaar", "en": "low reliability"},
    "vlag_z": {"nl": "niet van toepassing", "en": "not applicable"},
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
    return word(key, language())


def word(key: str, lang: str) -> str:
    """A word of the shared vocabulary in ``lang`` (the website writes both languages)."""
    try:
        return VOCABULARY[key][lang]
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


# The columns of the data files: key -> (Dutch header, English header, kind). Kinds as in a
# chart's JSON ``columns``: count, number, percent, text, period, code, source; "value" is a
# number whose unit (and so whether it is a count or a percentage) comes from the row's
# ``eenheid``. A header gets its unit in brackets when the column has one unit.
COLUMNS: dict[str, tuple[str, str, str]] = {
    "jaar": ("Jaar", "Year", "period"),
    "periode": ("Periode", "Period", "period"),
    "periode_code": ("Periode (code)", "Period (code)", "code"),
    "waarde": ("Waarde", "Value", "value"),
    "aandeel": ("Aandeel", "Share", "value"),
    "percentage": ("Percentage", "Percentage", "value"),
    "eenheid": ("Eenheid", "Unit", "text"),
    "tabel": ("Tabel of bron", "Table or source", "source"),
    "bron": ("Bron", "Source", "source"),
    "bron_soort": ("Soort bron", "Kind of source", "source"),
    "bron_url": ("Bron (webadres)", "Source (web address)", "source"),
    "bron_datum": ("Bron (datum)", "Source (date)", "source"),
    "regio": ("Regio", "Region", "text"),
    "regio_code": ("Regio (code)", "Region (code)", "code"),
    "leeftijd": ("Leeftijd", "Age", "text"),
    "leeftijd_code": ("Leeftijd (code)", "Age (code)", "code"),
    "geslacht": ("Geslacht", "Sex", "text"),
    "geslacht_code": ("Geslacht (code)", "Sex (code)", "code"),
    "groep": ("Groep", "Group", "text"),
    "maat": ("Maat", "Measure", "text"),
    "niveau": ("Niveau", "Level", "text"),
    "indeling": ("Indeling", "Breakdown", "text"),
    "precisie": ("Precisie", "Precision", "text"),
    "populatie": ("Populatie", "Population", "text"),
    "onderwerp": ("Onderwerp", "Topic", "text"),
    "onderdeel": ("Onderdeel", "Part", "text"),
    "oordeel": ("Oordeel", "Verdict", "text"),
    "claim": ("Claim (register)", "Claim (register)", "code"),
    "boek": ("Boek", "Book", "value"),
    "data": ("Data", "Data", "value"),
    "noemer": ("Noemer", "Denominator", "text"),
    "alleenstaanden": ("Alleenstaanden", "People living alone", "value"),
    "kaart": ("Kaart", "Map", "source"),
    "label": ("Label", "Label", "text"),
    # notebooks 7 and 8: the decomposition, the projection and the scenario
    "component_code": ("Onderdeel (code)", "Component (code)", "code"),
    "aantal": ("Aantal", "Number", "value"),
    "procent": ("Deel van de groei", "Part of the growth", "percent"),
    "omvang": ("Bijdrage omvang bevolking", "Contribution of population size", "value"),
    "samenstelling": ("Bijdrage opbouw bevolking", "Contribution of population make-up", "value"),
    "kans": ("Bijdrage kans alleen te wonen", "Contribution of the rate of living alone", "value"),
    "verandering": ("Verandering", "Change", "value"),
    "methode": ("Methode", "Method", "text"),
    "groepen": ("Groepen", "Groups", "text"),
    "soort": ("Soort cijfer", "Kind of figure", "text"),
    "aanname": ("Aanname", "Assumption", "text"),
    "ondergrens": ("Ondergrens", "Lower bound", "value"),
    "bovengrens": ("Bovengrens", "Upper bound", "value"),
    "eenpersoonshuishoudens": ("Eenpersoonshuishoudens", "One-person households", "value"),
    "sterk_eenzaam_laag": ("Sterk eenzaam, laag", "Strongly lonely, low", "value"),
    "sterk_eenzaam_midden": ("Sterk eenzaam, midden", "Strongly lonely, middle", "value"),
    "sterk_eenzaam_hoog": ("Sterk eenzaam, hoog", "Strongly lonely, high", "value"),
    # notebooks 6 and 9
    "vlag": ("Vlag (Eurostat)", "Flag (Eurostat)", "code"),
    "reeks": ("Reeks", "Series", "text"),
    "klasse_van": ("Klasse vanaf (%, inbegrepen)", "Bin from (%, included)", "percent"),
    "klasse_tot": ("Klasse tot (%, niet inbegrepen)", "Bin up to (%, not included)", "percent"),
    "aantal_gemeenten": ("Aantal gemeenten", "Municipalities", "count"),
}
# CBS and RIVM topics drawn in the stories: key -> (Dutch, English, unit as in the table).
TOPICS: dict[str, tuple[str, str, str]] = {
    "Alleenstaand_4": ("Alleenstaanden", "People living alone", "personen"),
    "TotaalPersonenInHuishoudens_1": (
        "Personen in huishoudens",
        "Persons in households",
        "personen",
    ),
    "TotaleBevolking_1": ("Bevolking op 1 januari", "Population on 1 January", "personen"),
    "TotaalHuishoudens_62": ("Particuliere huishoudens", "Private households", "x 1 000"),
    "Eenpersoonshuishoudens_63": ("Eenpersoonshuishoudens", "One-person households", "x 1 000"),
    "Eenpersoonshuishoudens_86": (
        "Eenpersoonshuishoudens",
        "One-person households",
        "% van particuliere huishoudens",
    ),
    "Eenzaam_28": ("Eenzaam", "Lonely", "% van de leeftijdsgroep (modelschatting)"),
    "ErnstigZeerErnstigEenzaam_29": (
        "Ernstig of zeer ernstig eenzaam",
        "Severely or very severely lonely",
        "% van de leeftijdsgroep (modelschatting)",
    ),
}
UNITS: dict[str, dict[str, str]] = {  # a unit as the table gives it -> in each language
    "personen": {"en": "persons"},
    "aantal": {"en": "number"},
    "x 1 000": {"nl": "× 1.000", "en": "× 1,000"},
    "gemeenten": {"en": "municipalities"},
    "% van personen in huishoudens": {"en": "% of persons in households"},
    "% van particuliere huishoudens": {"en": "% of private households"},
    "% van de particuliere huishoudens": {"en": "% of private households"},
    "% van de leeftijdsgroep": {"en": "% of the age group"},
    "% van de huishoudens": {"en": "% of households"},
    "% van de leeftijdsgroep (modelschatting)": {"en": "% of the age group (model estimate)"},
    "eenpersoonshuishoudens": {"en": "one-person households"},
}
# Units whose numbers are counts, written as whole numbers (also as the English editions
# of the notebooks write them).
COUNT_UNITS = frozenset(
    {"personen", "aantal", "x 1 000", "gemeenten", "eenpersoonshuishoudens"}
    | {"persons", "municipalities", "one-person households"}
)


KINDS_NL = {  # the kinds of column, as the Dutch about-sheet names them
    "count": "aantal",
    "number": "getal",
    "percent": "percentage",
    "text": "tekst",
    "period": "periode",
    "code": "code",
    "source": "bron",
}


def kind_name(kind: str) -> str:
    """A kind of column (``count``) in the chart language."""
    return KINDS_NL.get(kind, kind) if language() == "nl" else kind


def column_label(key: str) -> tuple[str, str]:
    """A data-file column's header in the chart language (without unit) and its kind."""
    if key in COLUMNS:
        nl, en, kind = COLUMNS[key]
    elif key in TOPICS:
        nl, en, unit = TOPICS[key]
        kind = "count" if unit in COUNT_UNITS else "percent" if unit.startswith("%") else "number"
    else:
        return key, "value"
    return (nl if language() == "nl" else en), kind


def topic_unit(key: str) -> str | None:
    """The unit of a CBS/RIVM topic drawn in the stories, as the table gives it."""
    return TOPICS[key][2] if key in TOPICS else None


def flag_name(flag: str) -> str:
    """A Eurostat flag in words in the chart language (``b`` -> ``breuk in de reeks``); a
    combined flag (``bp``) letter by letter, a letter Eurostat does not list as it is."""
    return " + ".join(text(f"vlag_{c}") if f"vlag_{c}" in VOCABULARY else c for c in flag)


def unit_name(unit: object) -> object:
    """A unit in the chart language (``personen`` -> ``persons``)."""
    if not isinstance(unit, str):
        return unit
    return UNITS.get(unit, {}).get(language(), unit)


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
