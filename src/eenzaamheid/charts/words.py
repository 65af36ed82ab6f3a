"""Every text a chart shows, in Dutch and English: one place, ``text(key)`` to read it."""

from __future__ import annotations

import re

LABELS: dict[str, dict[str, str]] = {
    # units and shared words
    "mln": {"nl": "mln", "en": "m"},
    "jaar": {"nl": "Jaar", "en": "Year"},
    "mannen": {"nl": "Mannen", "en": "Men"},
    "vrouwen": {"nl": "Vrouwen", "en": "Women"},
    "totaal": {"nl": "Totaal", "en": "Total"},
    "boek": {"nl": "Boek", "en": "Book"},
    "data": {"nl": "CBS-data", "en": "CBS data"},
    "geen_cijfer": {"nl": "geen cijfer", "en": "no figure"},
    "geen_meting": {"nl": "geen meting", "en": "no survey"},
    "enigszins": {"nl": "Enigszins eenzaam", "en": "Somewhat lonely"},
    "sterk": {"nl": "Sterk eenzaam", "en": "Strongly lonely"},
    "eenzaam_totaal": {"nl": "Eenzaam (totaal)", "en": "Lonely (total)"},
    "exact": {"nl": "exact cijfer (1 decimaal)", "en": "exact figure (1 decimal)"},
    "afgerond": {"nl": "afgerond (nieuwsbericht)", "en": "rounded (news release)"},
    "Eenzaamheid": {"nl": "Eenzaamheid", "en": "Loneliness"},
    "Sociale eenzaamheid": {"nl": "Sociale eenzaamheid", "en": "Social loneliness"},
    "Emotionele eenzaamheid": {"nl": "Emotionele eenzaamheid", "en": "Emotional loneliness"},
    # source lines
    "bron": {"nl": "Bron", "en": "Source"},
    "tabel": {"nl": "tabel", "en": "table"},
    "tabellen": {"nl": "tabellen", "en": "tables"},
    "en": {"nl": "en", "en": "and"},
    "van_cbs_nl": {"nl": "overgenomen van cbs.nl", "en": "transcribed from cbs.nl"},
    "nic_2020": {"nl": "CBS, Nederland in cijfers 2020", "en": "CBS, Nederland in cijfers 2020"},
    "voetnoot_2017": {
        "nl": "* 2017: andere vragenlijst, niet vergelijkbaar",
        "en": "* 2017: other questionnaire, not comparable",
    },
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
    # 01 alleenstaanden
    "alleen_titel": {
        "nl": "Er wonen bijna veertien keer zoveel mensen alleen als in 1950",
        "en": "Almost fourteen times as many people live alone as in 1950",
    },
    "alleen_sub": {
        "nl": "Alleenstaanden (= eenpersoonshuishoudens) op 1 januari, Nederland",
        "en": "People living alone (= one-person households) on 1 January, the Netherlands",
    },
    "noemer_titel": {
        "nl": "‘22 procent’ klopt alleen als aandeel van de volwassenen",
        "en": "‘22 percent’ is only right as a share of adults",
    },
    "noemer_sub": {
        "nl": "Alleenstaanden als % van drie verschillende groepen, Nederland, 1 januari",
        "en": "People living alone as % of three different groups, the Netherlands, 1 January",
    },
    "van_bevolking": {"nl": "van de hele bevolking", "en": "of the whole population"},
    "van_volwassenen": {"nl": "van de volwassenen (20+)", "en": "of adults (20+)"},
    "van_huishoudens": {"nl": "van alle huishoudens", "en": "of all households"},
    "boek_jaar": {"nl": "boek: {value} in {year}", "en": "book: {value} in {year}"},
    "boek_jaar_geen_reeks": {
        "nl": "boek: {value} in {year}\n(geen CBS-reeks)",
        "en": "book: {value} in {year}\n(no CBS series)",
    },
    # 02 eenzaamheid door de jaren
    "jaren_titel": {
        "nl": "Ongeveer één op de tien voelt zich sterk eenzaam, iets meer dan in 2019",
        "en": "About one in ten feel strongly lonely, slightly more than in 2019",
    },
    "jaren_sub": {
        "nl": "Aandeel 15-plussers dat zich eenzaam voelt (%), CBS Sociale samenhang en welzijn",
        "en": "Share of people aged 15+ who feel lonely (%), CBS Social cohesion and well-being",
    },
    "boek_corona": {"nl": "boek: ‘tijdens corona’", "en": "book: ‘during COVID’"},
    "boek_jaar_geen_meting": {
        "nl": "boek: {value} in {year}\n(geen meting in {year})",
        "en": "book: {value} in {year}\n(no survey in {year})",
    },
    "ggd_titel": {
        "nl": "De GGD-monitor meet een hoger niveau: andere vragen, andere schaal",
        "en": "The GGD health monitor measures a higher level: other questions, other scale",
    },
    "ggd_sub": {
        "nl": "Aandeel volwassenen dat eenzaam is (%), Gezondheidsmonitor (De Jong-Gierveld-schaal)",
        "en": "Share of adults who are lonely (%), Health Monitor (De Jong Gierveld scale)",
    },
    # 03 wie is er eenzaam
    "wie_titel": {
        "nl": "Niet ouderen, maar 35- tot 45-jarigen voelen zich het vaakst sterk eenzaam",
        "en": "Not older people but those aged 35 to 45 most often feel strongly lonely",
    },
    "wie_sub": {
        "nl": "Sterk eenzaam naar leeftijd, 2022 (% van 15-plussers in de groep)",
        "en": "Strongly lonely by age, 2022 (% of people aged 15+ in the group)",
    },
    "maten_titel": {
        "nl": "Jongeren zijn vaker emotioneel eenzaam, middelbaren vaker sociaal",
        "en": "Young people are more often emotionally lonely, middle-aged people socially",
    },
    "maten_sub": {
        "nl": "Sterk eenzaam naar leeftijd en soort eenzaamheid, 2022 (%)",
        "en": "Strongly lonely by age and kind of loneliness, 2022 (%)",
    },
    "jaren_leeftijd_titel": {
        "nl": "Van 2019 naar 2022 steeg sterke eenzaamheid in bijna elke leeftijdsgroep",
        "en": "From 2019 to 2022 strong loneliness rose in almost every age group",
    },
    "jaren_leeftijd_sub": {
        "nl": "Sterk eenzaam naar leeftijd, 2019 en 2022 (%)",
        "en": "Strongly lonely by age, 2019 and 2022 (%)",
    },
    "leeftijd": {"nl": "Leeftijd", "en": "Age"},
    "boek_waarde": {"nl": "boek", "en": "book"},
    # 04 alleen wonen naar leeftijd en geslacht
    "lft_titel": {
        "nl": "De groei van het alleen wonen zit vooral bij 55-plussers",
        "en": "The growth in living alone is mostly among people over 55",
    },
    "lft_sub": {
        "nl": "Alleenstaanden naar leeftijd, 2000 en 2024, Nederland (aantal personen)",
        "en": "People living alone by age, 2000 and 2024, the Netherlands (persons)",
    },
    "sekse_titel": {
        "nl": "Jonge mannen en oudere vrouwen wonen het vaakst alleen",
        "en": "Young men and older women most often live alone",
    },
    "sekse_sub": {
        "nl": "Alleenstaanden als % van de personen in huishoudens, naar leeftijd, 2024",
        "en": "People living alone as % of persons in households, by age, 2024",
    },
    "regio_titel": {
        "nl": "In elke provincie woont een groter deel alleen dan in 2000",
        "en": "In every province a larger share lives alone than in 2000",
    },
    "regio_sub": {
        "nl": "Alleenstaanden als % van de personen in huishoudens, 2000 en 2024",
        "en": "People living alone as % of persons in households, 2000 and 2024",
    },
    "gem_titel": {
        "nl": "Studentensteden hebben de meeste eenpersoonshuishoudens, Urk de minste",
        "en": "University towns have the most one-person households, Urk the fewest",
    },
    "gem_sub": {
        "nl": "Eenpersoonshuishoudens als % van alle huishoudens, hoogste en laagste gemeenten, 2015",
        "en": "One-person households as % of all households, highest and lowest municipalities, 2015",
    },
    "nederland": {"nl": "Nederland", "en": "the Netherlands"},
    "kaart_titel": {
        "nl": "Eenpersoonshuishoudens zijn vooral een stadsverschijnsel",
        "en": "One-person households are mostly an urban phenomenon",
    },
    "kaart_sub": {
        "nl": "Eenpersoonshuishoudens als % van alle huishoudens per gemeente, 2015",
        "en": "One-person households as % of all households by municipality, 2015",
    },
    "kaart_pdok": {"nl": "kaart: CBS/PDOK", "en": "map: CBS/PDOK"},
    # 05 gezondheid
    "gez_titel": {
        "nl": "Eenzaam, geïsoleerd of alleen wonen: een hogere kans op vroegtijdig overlijden",
        "en": "Lonely, isolated or living alone: a higher chance of early death",
    },
    "gez_sub": {
        "nl": "Toename van de kans op overlijden in de studieperiode (%), meta-analyse van 70 studies",
        "en": "Increase in the odds of death during follow-up (%), meta-analysis of 70 studies",
    },
    "eenzaam": {"nl": "Zich eenzaam voelen", "en": "Feeling lonely"},
    "geisoleerd": {"nl": "Sociaal geïsoleerd", "en": "Socially isolated"},
    "alleen_wonen": {"nl": "Alleen wonen", "en": "Living alone"},
    # 00 claims
    "claims_titel": {
        "nl": "De eenzaamheidscijfers kloppen, het aandeel alleenstaanden niet",
        "en": "The loneliness figures are right, the share living alone is not",
    },
    "claims_sub": {
        "nl": "Cijfers uit het boek naast de CBS-cijfers (%)",
        "en": "Figures from the book next to CBS figures (%)",
    },
}


def text(key: str, lang: str | None = None) -> str:
    """The label ``key`` in the current chart language (``style.use_theme(lang=...)``)."""
    if lang is None:
        from .style import lang as current

        lang = current()
    try:
        return LABELS[key][lang]
    except KeyError:
        raise KeyError(f"no label {key!r} in language {lang!r}; add it to labels.LABELS") from None


def credit(tables: list[tuple[str, int | None]], *notes: str) -> str:
    """Source line: ``credit([("71488ned", 2025)])`` -> ``Bron: CBS, tabel 71488ned (2025)``.

    ``notes`` are label keys added after a semicolon (``"van_cbs_nl"``).
    """
    named = [f"{table} ({year})" if year else table for table, year in tables]
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


def category(label: str, lang: str | None = None) -> str:
    """A CBS category label in the chart language: ``15 tot 25 jaar`` -> ``15 to 25 years``."""
    if lang is None:
        from .style import lang as current

        lang = current()
    if lang == "nl":
        return "Totaal" if label == "Totaal persoonskenmerken" else label
    label = re.sub(r"(\d+) tot (\d+) jaar", r"\1 to \2 years", label)
    label = re.sub(r"(\d+) jaar of ouder", r"\1 years and over", label)
    for dutch, english in _WORDS.items():
        label = re.sub(rf"\b{dutch}\b", english, label)
    return _CATEGORIES.get(label, label)


def age_short(label: str) -> str:
    """Compact age group for tick labels: ``0 tot 5 jaar`` -> ``0-5``, ``95 jaar of ouder`` -> ``95+``."""
    label = re.sub(r"^(\d+) tot (\d+) jaar$", r"\1-\2", label)
    return re.sub(r"^(\d+) jaar of ouder$", r"\1+", label)
