"""The shared vocabulary of the charts in Dutch and English; a story's own headlines live in
its notebook, written with :func:`say` (``say(nl="...", en="...")``)."""

from __future__ import annotations

import re

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
    "van_cbs_nl": {"nl": "overgenomen van cbs.nl", "en": "transcribed from cbs.nl"},
    "nic_2020": {"nl": "CBS, Nederland in cijfers 2020", "en": "CBS, Nederland in cijfers 2020"},
    "kaart_pdok": {"nl": "kaart: CBS/PDOK", "en": "map: CBS/PDOK"},
    "boek_register": {"nl": "boek: seeds/claims.yaml", "en": "book: seeds/claims.yaml"},
    "bron_ggd": {
        "nl": "Bron: GGD'en, CBS en RIVM, Gezondheidsmonitor Volwassenen en Ouderen",
        "en": "Source: GGDs, CBS and RIVM, Health Monitor Adults and Elderly",
    },
    "bron_meta": {
        "nl": "Bron: Holt-Lunstad e.a. (2015), Perspectives on Psychological Science 10(2), "
        "zoals geciteerd in het boek",
        "en": "Source: Holt-Lunstad et al. (2015), Perspectives on Psychological Science 10(2), "
        "as cited in the book",
    },
}


def language() -> str:
    return settings.current().lang


def say(*, nl: str, en: str) -> str:
    """The text in the chart language: ``say(nl="Alleen wonen", en="Living alone")``."""
    return nl if language() == "nl" else en


def text(key: str) -> str:
    """A word of the shared vocabulary in the chart language."""
    try:
        return VOCABULARY[key][language()]
    except KeyError:
        raise KeyError(f"no word {key!r}; add it to charts.words.VOCABULARY") from None


def credit(*tables: str | tuple[str, int], notes: tuple[str, ...] = ()) -> str:
    """Source line: ``credit(("71488ned", 2025))`` -> ``Bron: CBS, tabel 71488ned (2025)``.

    A table is an id or (id, year); ``notes`` are vocabulary keys added after a semicolon.
    """
    named = [f"{t[0]} ({t[1]})" if isinstance(t, tuple) else t for t in tables]
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} {text('en')} {named[-1]}"
    word = text("tabel") if len(named) == 1 else text("tabellen")
    line = f"{text('bron')}: CBS, {word} {listed}"
    return "; ".join([line, *(text(note) for note in notes)])


_CATEGORIES = {
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
}


def category(label: str) -> str:
    """A CBS category label in the chart language: ``15 tot 25 jaar`` -> ``15 to 25 years``."""
    if language() == "nl":
        return "Totaal" if label == "Totaal persoonskenmerken" else label
    label = re.sub(r"(\d+) tot (\d+) jaar", r"\1 to \2 years", label)
    label = re.sub(r"(\d+) jaar of ouder", r"\1 years and over", label)
    for dutch, english in _WORDS.items():
        label = re.sub(rf"\b{dutch}\b", english, label)
    return _CATEGORIES.get(label, label)


def age_short(label: str) -> str:
    """Compact age group for ticks: ``0 tot 5 jaar`` -> ``0-5``, ``95 jaar of ouder`` -> ``95+``."""
    label = re.sub(r"^(\d+) tot (\d+) jaar$", r"\1-\2", label)
    return re.sub(r"^(\d+) jaar of ouder$", r"\1+", label)
