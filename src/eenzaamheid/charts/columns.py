"""The columns of the data files: what each holds, and its header in the chart language (the
vocabulary's ``kolom_<key>``)."""

from __future__ import annotations

from .vocabulary import VOCABULARY
from .words import text

# Column key -> (kind, unit). Kinds as in a chart's JSON ``columns``: count, number, percent,
# text, period, code, source; "value" is a number whose unit decides whether it is a count or
# a percentage: the column's own unit where it has one (a CBS or RIVM topic drawn in the
# stories, its unit as the table gives it), else the unit of each row (``eenheid``).
COLUMNS: dict[str, tuple[str, str | None]] = {
    "jaar": ("period", None),
    "periode": ("period", None),
    "periode_code": ("code", None),
    "waarde": ("value", None),
    "aandeel": ("value", None),
    "percentage": ("value", None),
    "eenheid": ("text", None),
    "tabel": ("source", None),
    "bron": ("source", None),
    "bron_soort": ("source", None),
    "bron_url": ("source", None),
    "bron_datum": ("source", None),
    "regio": ("text", None),
    "regio_code": ("code", None),
    "leeftijd": ("text", None),
    "leeftijd_code": ("code", None),
    "geslacht": ("text", None),
    "geslacht_code": ("code", None),
    "groep": ("text", None),
    "maat": ("text", None),
    "niveau": ("text", None),
    "indeling": ("text", None),
    "precisie": ("text", None),
    "populatie": ("text", None),
    "opmerking": ("text", None),
    "onderwerp": ("text", None),
    "onderdeel": ("text", None),
    "oordeel": ("text", None),
    "claim": ("code", None),
    "boek": ("value", None),
    "data": ("value", None),
    "noemer": ("text", None),
    "alleenstaanden": ("value", None),
    "kaart": ("source", None),
    "label": ("text", None),
    # notebooks 7 and 8: the decomposition, the projection and the scenario
    "component_code": ("code", None),
    "aantal": ("value", None),
    "procent": ("percent", None),
    "omvang": ("value", None),
    "samenstelling": ("value", None),
    "kans": ("value", None),
    "verandering": ("value", None),
    "methode": ("text", None),
    "groepen": ("text", None),
    "soort": ("text", None),
    "aanname": ("text", None),
    "ondergrens": ("value", None),
    "bovengrens": ("value", None),
    "eenpersoonshuishoudens": ("value", None),
    "sterk_eenzaam_laag": ("value", None),
    "sterk_eenzaam_midden": ("value", None),
    "sterk_eenzaam_hoog": ("value", None),
    # notebooks 6 and 9
    "vlag": ("code", None),
    "reeks": ("text", None),
    "paneel": ("text", None),
    "klasse_van": ("percent", None),
    "klasse_tot": ("percent", None),
    "aantal_gemeenten": ("count", None),
    # CBS and RIVM topics drawn in the stories
    "Alleenstaand_4": ("value", "personen"),
    "TotaalPersonenInHuishoudens_1": ("value", "personen"),
    "TotaleBevolking_1": ("value", "personen"),
    "TotaalHuishoudens_62": ("value", "x 1 000"),
    "Eenpersoonshuishoudens_63": ("value", "x 1 000"),
    "Eenpersoonshuishoudens_86": ("value", "% van particuliere huishoudens"),
    "Eenzaam_28": ("value", "% van de leeftijdsgroep, modelschatting"),
    "ErnstigZeerErnstigEenzaam_29": ("value", "% van de leeftijdsgroep, modelschatting"),
    "EmotioneelEenzaam_30": ("value", "% van de leeftijdsgroep, modelschatting"),
    "SociaalEenzaam_31": ("value", "% van de leeftijdsgroep, modelschatting"),
}
# Units whose numbers are counts, written as whole numbers (also as the data files and the
# English editions of the notebooks write them).
COUNT_UNITS = frozenset(
    {"personen", "aantal", "x 1 000", "gemeenten", "eenpersoonshuishoudens"}
    | {"persons", "municipalities", "one-person households", "× 1.000", "× 1,000"}
)


def unit_kind(unit: str) -> str:
    """The kind of number a unit makes: ``count`` (``personen``), ``percent`` or ``number``."""
    return "count" if unit in COUNT_UNITS else "percent" if unit.startswith("%") else "number"


def column_label(key: str) -> tuple[str, str]:
    """A data-file column's header in the chart language (without unit) and its kind; a
    column the table does not know: its key and ``value``."""
    if key not in COLUMNS:
        return key, "value"
    kind, unit = COLUMNS[key]
    return text(f"kolom_{key}"), unit_kind(unit) if unit else kind


def topic_unit(key: str) -> str | None:
    """The unit of a CBS/RIVM topic drawn in the stories, as the table gives it."""
    return COLUMNS[key][1] if key in COLUMNS else None


def kind_name(kind: str) -> str:
    """A kind of column (``count``) in the chart language; ``value`` as it is."""
    return text(f"kolomsoort_{kind}") if f"kolomsoort_{kind}" in VOCABULARY else kind
