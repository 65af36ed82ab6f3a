"""What the explorer knows: the tables it offers first with their caveats, the measures'
English names, the names people type, and the words of the honesty rules in both languages
(the web explorer gets them from here too)."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

from .. import charts as ch
from .. import settings
from ..charts.words import flag_name
from ..errors import CbsError


class ExploreError(CbsError):
    """A choice the explorer cannot draw (an unknown name, too many varying dimensions)."""


@dataclass(frozen=True)
class Known:
    """What the explorer knows about a table: its region column, first view and caveat."""

    region: str  # the column with the region names (codes in <region>_code)
    measure: str
    per: str | None
    caveat: dict[str, str]
    web: tuple[str, ...] = ()  # measures exported to the web explorer (all when empty)
    title_en: str = ""  # the table's title in English (its own title is Dutch)
    counts: dict[str, str] = field(default_factory=dict)  # measure -> what it counts, where
    # a table counts more than one thing in one unit (persons and households, both "aantal")


# Loneliness first; any other snapshot table with regions is offered after these.
KNOWN = {
    "rivm-eenzaamheid": Known(
        "wijk_buurt",
        "Eenzaam_28",
        None,
        {
            "nl": "Modelschattingen, geen telling: een andere enquête, schaal en leeftijdsgrens "
            "(18+, 65+) dan CBS 85766NED (15+)",  # the source line names the monitor
            "en": "Model estimates, not a count: a different survey, scale and age range (18+, "
            "65+) from CBS 85766NED (15+)",
        },
        title_en="Health by district and neighbourhood (RIVM): loneliness, model estimates by "
        "municipality",
    ),
    "71488ned": Known(
        "regio",
        "Alleenstaand_4",
        "TotaalPersonenInHuishoudens_1",
        {
            "nl": "Telling uit de basisregistratie personen (BRP) op 1 januari: alle inwoners, "
            "geen steekproef",
            "en": "Count from the population register (BRP) on 1 January: every resident, "
            "not a sample",
        },
        ("Alleenstaand_4", "TotaalPersonenInHuishoudens_1", "TotaalSamenwonendePersonen_5"),
        title_en="Households; persons by sex, age and region, 1 January",
    ),
    "70072ned": Known(
        "regio",
        "Eenpersoonshuishoudens_86",
        None,
        {
            "nl": "Telling uit de basisregistratie personen (BRP); gemeenten alleen voor 2015, "
            "provincies 1995–2019",
            "en": "Count from the population register (BRP); municipalities for 2015 only, "
            "provinces 1995–2019",
        },
        (
            "TotaleBevolking_1",
            "TotaalAantalParticuliereHuishoudens_82",
            "Eenpersoonshuishoudens_83",
            "Eenpersoonshuishoudens_86",
        ),
        title_en="Regional key figures for the Netherlands",
        counts={
            "TotaleBevolking_1": "persons",
            "TotaalAantalParticuliereHuishoudens_82": "households",
            "Eenpersoonshuishoudens_83": "households",
        },
    ),
    "eurostat-ilc_lvph03": Known(
        "geo",
        "aandeel",
        None,
        {
            "nl": "EU-SILC is een steekproef onder huishoudens; het CBS telt huishoudens in "
            "de BRP: andere bronnen, die niet met elkaar hoeven te kloppen",
            "en": "EU-SILC is a sample survey of households; CBS counts households in the "
            "population register: different sources, which need not agree",
        },
        title_en="One-person households in Europe (Eurostat ilc_lvph03, EU-SILC)",
    ),
}
REGION_KINDS = {  # a region code's first letters -> its kind, as the region's label says it
    "NL": "land",
    "LD": "landsdeel",
    "PV": "provincie",
    "CR": "COROP",
    "GM": "gemeente",
    "GG": "GGD-regio",
}
ALIASES = {  # what people type -> the official name's folded form
    "den haag": "s-gravenhage",
    "the hague": "s-gravenhage",
    "den bosch": "s-hertogenbosch",
    "friesland": "fryslan",
    # English names in common use where the shown name is CLDR's (Babel): Türkiye, Czechia.
    # Not "holland": to a Dutch reader that is often Noord- and Zuid-Holland
    "turkey": "turkije",
    "czech republic": "tsjechie",
    "britain": "verenigd koninkrijk",
    "great britain": "verenigd koninkrijk",
    "macedonia": "noord-macedonie",
}
MAX_SERIES = len(ch.PALETTE)  # a colour of its own for each series
TOPICS_NL = {  # a measure's name for readers where the table's own holds a code
    "aandeel": "Eenpersoonshuishoudens: % van de particuliere huishoudens",  # (n_person = 1)
}
TOPICS_EN = {  # the measures of the known tables, in English
    "TotaalPersonenInHuishoudens_1": "All persons in households",
    "TotaalInParticuliereHuishoudens_2": "Persons in private households",
    "ThuiswonendKind_3": "Child living at home",
    "Alleenstaand_4": "Living alone",
    "TotaalSamenwonendePersonen_5": "Persons living with a partner",
    "PartnerInNietGehuwdPaarZonderKi_6": "Partner in an unmarried couple without children",
    "PartnerInGehuwdPaarZonderKinderen_7": "Partner in a married couple without children",
    "PartnerInNietGehuwdPaarMetKinderen_8": "Partner in an unmarried couple with children",
    "PartnerInGehuwdPaarMetKinderen_9": "Partner in a married couple with children",
    "OuderInEenouderhuishouden_10": "Parent in a one-parent household",
    "OverigLidHuishouden_11": "Other member of a household",
    "PersonenInInstitutioneleHuishoudens_12": "Persons in institutional households",
    "TotaleBevolking_1": "Population on 1 January",
    "TotaalAantalParticuliereHuishoudens_82": "Private households",
    "Eenpersoonshuishoudens_83": "One-person households",
    "Eenpersoonshuishoudens_86": "One-person households (% of households)",
    "GemiddeldeHuishoudensgrootte_89": "Average household size",
    "Eenzaam_28": "Lonely (score 3 or more on the De Jong Gierveld scale)",
    "ErnstigZeerErnstigEenzaam_29": "Severely or very severely lonely",
    "EmotioneelEenzaam_30": "Emotionally lonely",
    "SociaalEenzaam_31": "Socially lonely",
    "aandeel": "One-person households: % of private households",
}
# The words of the honesty rules, in one place for both explorers ({name} fields filled in
# by Python's str.format here and by the same fields in the web explorer's script).
WORDS = {
    "nl": {
        "change": "{measure} {series}: van {first_value} in {first} naar {last_value} in {last}",
        "single": "{measure} {series}, {year}: {value}",
        "highest_year": "{measure}, {year}: het hoogst {top} ({value})",
        "highest": "{measure}, {span}: het hoogst {top} ({value} in {year})",
        "in_region": "in {name}",  # a series of regions, or the one region of all series
        "in_group": "bij {name}",  # a series of ages, sexes, ...
        "different_years": "de reeksen beslaan verschillende jaren",
        "shared_years": "vergeleken over de jaren die elke reeks heeft",
        "shared_year": "het enige jaar dat elke reeks heeft",
        "missing": "geen cijfers voor {names} in {span}",
        "has_years": "wel voor {years}",  # after a region without figures in the years chosen
        "per": "{measure} als % van {per}",
        "too_many": "kies bij ten hoogste twee kenmerken meer dan één waarde (nu: {names})",
        "too_many_series": "kies ten hoogste {most} reeksen, elk met een eigen kleur (nu {now})",
        "unknown": "geen regio heet {typed!r}. Bedoelde je: {close}?",
        "unknown_none": "geen regio heet {typed!r}. Typ een deel van de naam.",
        "ambiguous": "{typed!r} past bij meer dan één regio: {options}. Kies er een.",
        "named_otherwise": "regio {typed!r} heet in deze tabel {label!r}",
        "unknown_value": "{value!r} is geen waarde van {name} in deze tabel; wel: {options}",
        "not_in_table": "niet in deze tabel, dus weggelaten: {codes}",
        "breaks": "Onderbroken lijn: breuk in de reeks (vlag b) in {years}",
        "two_codes": "Eurostat voert {name} onder twee codes: {codes}",
        "nothing": "geen cijfers voor deze keuze",
        "choose_region": "kies een of meer regio's",
        "choose_value": "kies bij {name} een of meer waarden",
        "chosen_already": "al gekozen: {names}",
        "flag": "Vlag",
        "flags": "Vlaggen van Eurostat bij een cijfer: {flags}",
    },
    "en": {
        "change": "{measure} {series}: from {first_value} in {first} to {last_value} in {last}",
        "single": "{measure} {series}, {year}: {value}",
        "highest_year": "{measure}, {year}: highest {top} ({value})",
        "highest": "{measure}, {span}: highest {top} ({value} in {year})",
        "in_region": "in {name}",
        "in_group": "among {name}",
        "different_years": "the series cover different years",
        "shared_years": "compared over the years every series has",
        "shared_year": "the one year every series has",
        "missing": "no figures for {names} in {span}",
        "has_years": "only for {years}",
        "per": "{measure} as % of {per}",
        "too_many": "choose more than one value for at most two characteristics (now: {names})",
        "too_many_series": "choose at most {most} series, each in a colour of its own (now {now})",
        "unknown": "no region is called {typed!r}. Did you mean: {close}?",
        "unknown_none": "no region is called {typed!r}. Type part of the name.",
        "ambiguous": "{typed!r} fits more than one region: {options}. Choose one.",
        "named_otherwise": "region {typed!r} is called {label!r} in this table",
        "unknown_value": "{value!r} is not a value of {name} in this table; it has: {options}",
        "not_in_table": "not in this table, so left out: {codes}",
        "breaks": "Broken line: break in series (flag b) in {years}",
        "two_codes": "Eurostat lists {name} under two codes: {codes}",
        "nothing": "no figures for this choice",
        "choose_region": "choose one or more regions",
        "choose_value": "choose one or more values for {name}",
        "chosen_already": "already chosen: {names}",
        "flag": "Flag",
        "flags": "Eurostat's flags on a figure: {flags}",
    },
}


def words(key: str, **values: object) -> str:
    """A sentence of the honesty rules in the chart language, its fields filled in."""
    return ch.say(nl=WORDS["nl"][key], en=WORDS["en"][key]).format(**values)


def flag_note(flags: Iterable[object]) -> str:
    """The Eurostat flags among ``flags`` in words (``b = breuk in de reeks; e = schatting``),
    ``""`` when no value carries one."""
    present = sorted({f for f in flags if isinstance(f, str) and f})
    if not present:
        return ""
    return words("flags", flags="; ".join(f"{f} = {flag_name(f)}" for f in present))


@contextmanager
def language(lang: str):
    """Charts and words in ``lang`` for a while (the web export writes both languages)."""
    with settings.configured(lang=lang):
        yield
