"""Words in the chart language: a word of the vocabulary by key (:func:`word`, :func:`text`),
the data's labels, units, flags and countries; a story's own headlines live in its notebook,
written with :func:`say` (``say(nl="...", en="...")``)."""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Iterable

from babel import Locale
from IPython.display import Markdown

from .. import settings
from .vocabulary import (
    CATEGORIES,
    GROUPS_IN_SENTENCE,
    IN_SENTENCE_EN,
    LABEL_WORDS,
    ON_ITS_OWN_EN,
    PLACES_EN,
    REGION_KINDS_EN,
    UNITS,
    VOCABULARY,
)


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
        raise KeyError(f"no word {key!r}; add it to charts.vocabulary.VOCABULARY") from None


def category(label: str) -> str:
    """A CBS category label in the chart language: ``15 tot 25 jaar`` -> ``15 to 24 years``."""
    if language() == "nl":
        return "Totaal" if label == "Totaal persoonskenmerken" else label
    if label in CATEGORIES:
        return CATEGORIES[label]
    name, bracket, rest = label.partition(" (")
    label = place(name) + bracket + rest  # "'s-Gravenhage (gemeente)" -> "The Hague (...)"
    label = re.sub(  # CBS's "tot" leaves the upper age out; English "to" would take it in
        r"(\d+) tot (\d+) jaar", lambda m: f"{m[1]} to {int(m[2]) - 1} years", label
    )
    label = re.sub(r"(\d+) jaar of ouder", r"\1 years and over", label)
    for dutch, english in REGION_KINDS_EN.items():  # "(gemeente)" -> "(municipality)"
        label = label.replace(f"({dutch})", f"({english})")
    for dutch, english in LABEL_WORDS.items():
        label = re.sub(rf"\b{dutch}\b", english, label)
    return CATEGORIES.get(label, label)


def group_in_sentence(name: str) -> str:
    """A group of people, as a chart labels it in the chart language, as a sentence says it
    after "bij" / "among": ``people aged 65 to 69`` (not "among 65 to 69 years"), ``mannen en
    vrouwen samen`` (not "bij totaal mannen en vrouwen"), ``everyone``, ``mannen``."""
    name = GROUPS_IN_SENTENCE[language()].get(name, name)
    if language() == "en":
        name = re.sub(r"^(\d+) to (\d+) years$", r"people aged \1 to \2", name)
        name = re.sub(r"^(\d+) years and over$", r"people aged \1 and over", name)
    return lower_first(name)


def group_of_age(group: str, age: str) -> str:
    """A group of one age as one group in a sentence, both as :func:`group_in_sentence` says
    them: ``women aged 70 to 74``, ``vrouwen van 70 tot 75 jaar``; of every age, the group
    alone (``women``)."""
    group = group.removesuffix(" samen")  # "mannen en vrouwen samen": one group of an age
    if age == GROUPS_IN_SENTENCE[language()]["Totaal" if language() == "nl" else "Total"]:
        return group
    if language() == "nl":
        return f"{group} van {age}"
    if age.startswith("people aged"):
        return f"{group} {age.removeprefix('people ')}"
    return f"{group}, {age}"  # an age said otherwise: both, never one dropped


def upper_first(name: str) -> str:
    """A sentence's first letter as a capital (``geen cijfers …`` -> ``Geen cijfers …``); a
    name standing on its own is :func:`on_its_own`."""
    return name[:1].upper() + name[1:]


def lower_first(name: str) -> str:
    """A name inside a sentence: its first letter small, unless its second is a capital too
    (``EU-SILC``)."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def in_sentence(label: object) -> str:
    """A label as it reads inside a sentence: ``The Netherlands`` -> ``the Netherlands`` (a
    label starting a tick or a legend entry keeps its capital)."""
    name = str(label)
    first = next((k for k in IN_SENTENCE_EN if name.startswith(k)), None)
    return IN_SENTENCE_EN[first] + name[len(first) :] if first else name


def on_its_own(label: object) -> str:
    """A label as it stands on its own (a table cell, a file's row, a key, a button): the
    inverse of :func:`in_sentence` (``the Netherlands`` -> ``The Netherlands``); a name the
    data spell lower case keeps its spelling (``het Bildt``)."""
    name = str(label)
    first = next((k for k in ON_ITS_OWN_EN if name.startswith(k)), None)
    return ON_ITS_OWN_EN[first] + name[len(first) :] if first else name


def flag_name(flag: str) -> str:
    """A Eurostat flag in words in the chart language (``b`` -> ``breuk in de reeks``); a
    combined flag (``bp``) letter by letter, a letter Eurostat does not list as it is."""
    return " + ".join(text(f"vlag_{c}") if f"vlag_{c}" in VOCABULARY else c for c in flag)


def unit_name(unit: object) -> object:
    """A unit in the chart language (``personen`` -> ``persons``)."""
    if not isinstance(unit, str):
        return unit
    return UNITS.get(unit, {}).get(language(), unit)


_AGE_GROUP = re.compile(r"^(\d+) tot (\d+) jaar$")
_AGE_AND_OVER = re.compile(r"^(\d+) jaar of ouder$")


def age_bounds(label: str) -> tuple[int, int | None]:
    """The first and last age of a CBS age group in whole years (CBS's "tot" leaves the upper
    age out): ``35 tot 45 jaar`` -> ``(35, 44)``, ``95 jaar of ouder`` -> ``(95, None)``."""
    if found := _AGE_GROUP.match(label):
        return int(found[1]), int(found[2]) - 1
    if found := _AGE_AND_OVER.match(label):
        return int(found[1]), None
    raise ValueError(f"{label!r} is not a CBS age group ('N tot M jaar' or 'N jaar of ouder')")


def age_short(first: str, last: str | None = None) -> str:
    """The ages a CBS age group holds, or consecutive groups from ``first`` to ``last``, both
    ends included: ``35 tot 45 jaar`` -> ``35–44``, ``95 jaar of ouder`` -> ``95+``; any other
    label in the chart language (:func:`category`: ``Mannen`` -> ``Men``)."""
    if last is None and not (_AGE_GROUP.match(first) or _AGE_AND_OVER.match(first)):
        return category(first)
    (low, end), (start, high) = age_bounds(first), age_bounds(last or first)
    if last not in (None, first) and (end is None or start <= end):  # from 95+, or back
        raise ValueError(f"{first!r} to {last!r}: not age groups from younger to older")
    return f"{low}+" if high is None else f"{low}–{high}"


_EUROSTAT_TO_ISO = {"EL": "GR", "UK": "GB"}  # Eurostat's own codes for Greece and the UK


def country(code: str) -> str:
    """A Eurostat geo code in the chart language: ``DE`` -> ``Duitsland`` / ``Germany``
    (country names from Babel's CLDR data), ``EU27_2020`` -> ``EU-27-gemiddelde``; in English
    by its Dutch name as :func:`place` says it, so a country has one name (The Netherlands)."""
    if code in VOCABULARY:
        return text(code)
    try:
        dutch = Locale.parse("nl").territories[_EUROSTAT_TO_ISO.get(code, code)]
    except KeyError:
        raise KeyError(f"no country name for Eurostat code {code!r}") from None
    return place(dutch)


def place(name: str) -> str:
    """A region name from a CBS, RIVM or Eurostat table in the chart language, as it starts a
    label: a municipality or the country as a reader of the language knows it
    (``'s-Gravenhage`` -> ``The Hague``), a country by its Dutch name as :func:`country`
    names it (``Duitsland`` -> ``Germany``); unchanged in Dutch."""
    if language() == "nl" or not isinstance(name, str):
        return name
    return PLACES_EN.get(name) or _countries_en().get(name, name)


@functools.cache
def _countries_en() -> dict[str, str]:
    """A country's Dutch name -> its English name, both from Babel's CLDR data (the snapshot
    names Eurostat's countries in Dutch through :func:`country`)."""
    dutch, english = Locale.parse("nl").territories, Locale.parse("en").territories
    return {dutch[c]: english[c] for c in dutch if len(c) == 2 and c.isalpha() and c in english}
