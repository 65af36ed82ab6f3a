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

from __future__ import annotations

import json
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import matplotlib as mpl
import pandas as pd
from matplotlib.ticker import MaxNLocator

from . import charts as ch
from . import settings
from .data import load, snapshot_tables
from .errors import CbsError


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


# Loneliness first; any other snapshot table with regions is offered after these.
KNOWN = {
    "rivm-eenzaamheid": Known(
        "wijk_buurt",
        "Eenzaam_28",
        None,
        {
            "nl": "Modelschattingen (RIVM, Gezondheidsmonitor Volwassenen en Ouderen), geen "
            "telling: een andere enquête, schaal en leeftijd (18+, 65+) dan CBS 85766NED.",
            "en": "Model estimates (RIVM, Health Monitor for Adults and the Elderly), not a "
            "count: another survey, scale and age (18+, 65+) than CBS 85766NED.",
        },
    ),
    "71488ned": Known(
        "regio",
        "Alleenstaand_4",
        "TotaalPersonenInHuishoudens_1",
        {
            "nl": "Telling uit de basisregistratie personen (BRP) op 1 januari: alle inwoners, "
            "geen steekproef.",
            "en": "Count from the population register (BRP) on 1 January: every resident, "
            "not a sample.",
        },
        ("Alleenstaand_4", "TotaalPersonenInHuishoudens_1", "TotaalSamenwonendePersonen_5"),
    ),
    "70072ned": Known(
        "regio",
        "Eenpersoonshuishoudens_86",
        None,
        {
            "nl": "Telling uit de basisregistratie personen (BRP); gemeenten alleen voor 2015, "
            "provincies 1995–2019.",
            "en": "Count from the population register (BRP); municipalities for 2015 only, "
            "provinces 1995–2019.",
        },
        (
            "TotaleBevolking_1",
            "TotaalAantalParticuliereHuishoudens_82",
            "Eenpersoonshuishoudens_83",
            "Eenpersoonshuishoudens_86",
        ),
    ),
    "eurostat-ilc_lvph03": Known(
        "geo",
        "aandeel",
        None,
        {
            "nl": "EU-SILC is een steekproef onder huishoudens; het CBS telt huishoudens in "
            "de BRP. Andere bronnen, die niet hoeven te kloppen met elkaar.",
            "en": "EU-SILC is a sample survey of households; CBS counts households in the "
            "population register. Different sources, which need not agree.",
        },
    ),
}
REGION_COLUMNS = ("regio", "wijk_buurt", "geo")
REGION_KINDS = {
    "NL": ("land", "country"),
    "LD": ("landsdeel", "part of the country"),
    "PV": ("provincie", "province"),
    "CR": ("COROP", "COROP region"),
    "GM": ("gemeente", "municipality"),
    "GG": ("GGD-regio", "GGD region"),
}
ALIASES = {  # what people type -> the official name's folded form
    "den haag": "s-gravenhage",
    "the hague": "s-gravenhage",
    "den bosch": "s-hertogenbosch",
    "friesland": "fryslan",
}
SKIP_COLUMNS = {"periode", "periode_start", "frequentie", "status", "soort_regio", "tabel"}
MAX_SERIES = 8
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
    "aandeel": "One-person households: % of all households",
}
# The words of the honesty rules, in one place for both explorers ({name} fields filled in
# by Python's str.format here and by the same fields in the web explorer's script).
WORDS = {
    "nl": {
        "change": "{measure} in {series}: van {first_value} in {first} naar {last_value} in {last}",
        "highest_year": "{measure}, {year}: het hoogst in {top} ({value})",
        "highest": "{measure}, {span}: het hoogst in {top} ({value} in {year})",
        "different_years": "de reeksen beslaan verschillende jaren",
        "missing": "geen cijfers voor {names} in {span}",
        "per": "{measure} als % van {per}",
        "too_many": "kies bij ten hoogste twee kenmerken meer dan één waarde (nu: {names})",
        "unknown": "onbekende regio {typed!r}; bedoelde je: {close}?",
        "unknown_none": "onbekende regio {typed!r}; typ een deel van de naam",
        "nothing": "geen cijfers voor deze keuze",
    },
    "en": {
        "change": "{measure} in {series}: from {first_value} in {first} to {last_value} in {last}",
        "highest_year": "{measure}, {year}: highest in {top} ({value})",
        "highest": "{measure}, {span}: highest in {top} ({value} in {year})",
        "different_years": "the series cover different years",
        "missing": "no figures for {names} in {span}",
        "per": "{measure} as % of {per}",
        "too_many": "choose more than one value for at most two characteristics (now: {names})",
        "unknown": "unknown region {typed!r}; did you mean: {close}?",
        "unknown_none": "unknown region {typed!r}; type part of the name",
        "nothing": "no figures for this choice",
    },
}


def words(key: str, **values: object) -> str:
    """A sentence of the honesty rules in the chart language, its fields filled in."""
    return ch.say(nl=WORDS["nl"][key], en=WORDS["en"][key]).format(**values)


@contextmanager
def language(lang: str):
    """Charts and words in ``lang`` for a while (the web export writes both languages)."""
    before = settings.current().lang
    settings.configure(lang=lang)
    try:
        yield
    finally:
        settings.configure(lang=before)


class Choice(NamedTuple):
    """What the reader picked. Regions and dimension values are labels as offered; several
    values of a dimension are drawn as separate series."""

    table: str
    regions: tuple[str, ...]
    filters: tuple[tuple[str, tuple[str, ...]], ...]  # (column, labels)
    measure: str
    per: str | None = None  # a second measure: show the first as % of it
    years: tuple[int, int] | None = None


@dataclass
class Offer:
    """What a table offers to choose from."""

    table: str
    title: str
    meta: Any
    region_column: str = ""
    regions: dict[str, str] = field(default_factory=dict)  # label -> region code
    dimensions: dict[str, list[str]] = field(default_factory=dict)  # column -> labels
    measures: dict[str, str] = field(default_factory=dict)  # topic key -> label
    units: dict[str, str] = field(default_factory=dict)  # topic key -> unit
    decimals: dict[str, int] = field(default_factory=dict)  # topic key -> CBS decimals
    years: list[int] = field(default_factory=list)

    @property
    def caveat(self) -> str:
        known = KNOWN.get(self.table)
        return ch.say(**known.caveat) if known else ""


def explorable() -> list[str]:
    """Snapshot tables the explorer can show: the known ones (loneliness first), then any
    other with regions."""
    present = snapshot_tables()
    others = [t for t in present if t not in KNOWN and _has_regions(t)]
    return [t for t in KNOWN if t in present] + others


def _region_column(frame: pd.DataFrame) -> str:
    return next((c for c in REGION_COLUMNS if c in frame), "")


def _has_regions(table: str) -> bool:
    """From the snapshot's record of the table (its columns), without reading the figures."""
    try:
        columns = snapshot_record(table)["meta"]["columns"]
    except (OSError, KeyError, ValueError):  # a table the explorer cannot read is not offered
        return False
    return any(column in columns for column in REGION_COLUMNS)


def snapshot_record(table: str) -> dict:
    """The snapshot's JSON record of a table: row count, checksum, metadata."""
    return json.loads((settings.current().snapshot_dir / f"{table}.json").read_text("utf-8"))


def load_table(table: str) -> pd.DataFrame:
    """A snapshot table with its provenance on every row (``ch.sourced``)."""
    return ch.sourced(load(table, source="snapshot"))


def _topic_label(title: str | dict, key: str) -> str:
    """CBS topic titles, also the nested ones (``{'Bevolking op 1 januari': 'totaal'}``)."""
    if isinstance(title, dict):
        return ", ".join(f"{k}, {v}" for k, v in title.items()) or key
    if title.startswith("{"):
        return ", ".join(re.findall(r"'([^']+)'", title)) or key
    return title or key


def region_labels(frame: pd.DataFrame, column: str = "regio") -> dict[str, str]:
    """Region label -> code. A name used by more than one region gets its kind in brackets
    (``Utrecht (provincie)``, ``Utrecht (gemeente)``)."""
    codes = frame[f"{column}_code"] if f"{column}_code" in frame else frame[column]
    pairs = pd.DataFrame({"code": codes, "name": frame[column]}).dropna().drop_duplicates("code")
    twice = pairs["name"].duplicated(keep=False)
    labels = {}
    lang = 0 if ch.say(nl="nl", en="en") == "nl" else 1
    for code, name, ambiguous in zip(pairs["code"], pairs["name"], twice, strict=True):
        kind = REGION_KINDS.get(str(code)[:2], ("", ""))[lang]
        labels[f"{name} ({kind})" if ambiguous and kind else str(name)] = str(code)
    order = {"NL": 0, "LD": 1, "PV": 2, "CR": 3, "GG": 4, "GM": 5}
    return dict(sorted(labels.items(), key=lambda kv: (order.get(kv[1][:2], 9), kv[0])))


def options(frame: pd.DataFrame) -> Offer:
    """Everything a table offers: regions, the other dimensions (age, sex, ...), measures, years."""
    meta = frame.attrs["meta"]
    offer = Offer(meta.table_id, meta.title, meta, _region_column(frame))
    if offer.region_column:
        offer.regions = region_labels(frame, offer.region_column)
    for dimension in meta.dimensions:
        column = dimension.column
        if column in SKIP_COLUMNS or column == offer.region_column or column not in frame:
            continue
        labels = dict.fromkeys(frame[column].dropna().astype(str))
        offer.dimensions[column] = sorted(labels, key=_natural)
    for topic in meta.topics:
        if topic.key in frame and pd.api.types.is_numeric_dtype(frame[topic.key]):
            offer.measures[topic.key] = _topic_label(topic.title, topic.key)
            offer.units[topic.key] = topic.unit
            offer.decimals[topic.key] = topic.decimals if topic.decimals is not None else 1
    offer.years = sorted({int(p[:4]) for p in frame["periode"].dropna().astype(str)})
    return offer


def _natural(label: str) -> tuple:
    """Totals first, then by the first number (age groups in age order), then by name."""
    number = re.search(r"\d+", label)
    return (not label.lower().startswith("totaal"), int(number.group()) if number else -1, label)


def _total(labels: list[str]) -> str:
    return next((label for label in labels if label.lower().startswith("totaal")), labels[0])


def default(offer: Offer) -> Choice:
    """A first view: the country (or the first region), totals, the table's main measure."""
    regions = [label for label, code in offer.regions.items() if code.upper().startswith("NL")]
    regions = regions[:1] or list(offer.regions)[:1]
    known = KNOWN.get(offer.table)
    measure, per = (known.measure, known.per) if known else (next(iter(offer.measures)), None)
    filters = tuple((column, (_total(labels),)) for column, labels in offer.dimensions.items())
    return Choice(offer.table, tuple(regions), filters, measure, per, None)


def fold(text: str) -> str:
    """A name as typed and matched: no accents, no case, no apostrophes (Fryslân ->
    fryslan, 's-Gravenhage -> s-gravenhage)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", plain.replace("'", "").replace("’", "")).strip().lower()


def matches(offer: Offer, typed: str, limit: int = 12) -> list[str]:
    """Region labels for what was typed so far, ignoring accents and case: names that start
    with it first, then names that hold it (``frysland`` finds Fryslân, ``den haag``
    's-Gravenhage)."""
    wanted = fold(typed)
    wanted = next((name for alias, name in ALIASES.items() if wanted == alias), wanted)
    folded = {label: fold(label) for label in offer.regions}
    starts = [label for label, name in folded.items() if name.startswith(wanted)]
    inside = [label for label, name in folded.items() if wanted in name and label not in starts]
    if not starts and not inside and len(wanted) > 3:  # one letter off: frysland ~ fryslan
        inside = [label for label, name in folded.items() if _close(wanted, name)]
    return (starts + inside)[:limit]


def _close(typed: str, name: str) -> bool:
    """At most one letter different, added or dropped (a spelling without the accent's
    letter: ``frysland`` for ``fryslan``)."""
    if abs(len(typed) - len(name)) > 1:
        return False
    shorter, longer = sorted((typed, name), key=len)
    for i in range(len(longer)):
        if longer[:i] + longer[i + 1 :] == shorter or (
            len(shorter) == len(longer) and longer[:i] + shorter[i] + longer[i + 1 :] == shorter
        ):
            return True
    return False


def region(offer: Offer, typed: str) -> str:
    """The region label for a typed name, or an ``ExploreError`` that says which names come
    close."""
    if typed in offer.regions:
        return typed
    found = matches(offer, typed, limit=5)
    if len(found) == 1 or (found and fold(found[0]) == fold(typed)):
        return found[0]
    if found:
        raise ExploreError(words("unknown", typed=typed, close=", ".join(found)))
    raise ExploreError(words("unknown_none", typed=typed))


def value_column(choice: Choice) -> str:
    """The column drawn: the measure itself, or ``aandeel`` (measure as % of ``per``)."""
    return "aandeel" if choice.per else choice.measure


def shown(label: str) -> str:
    """A region or category label as the chart says it (``Nederland`` -> the Netherlands)."""
    return ch.text("nederland") if label == "Nederland" else ch.category(label)


def layout(choice: Choice) -> tuple[str | None, str | None]:
    """Which column gives the series and which the panels: the first two that vary (regions
    first), or ``ExploreError`` when three vary."""
    varying = ["regio"] if len(choice.regions) > 1 else []
    varying += [column for column, labels in choice.filters if len(labels) > 1]
    if len(varying) > 2:
        raise ExploreError(words("too_many", names=", ".join(varying)))
    series, panel, *_ = [*varying, None, None]
    return series, panel


def select(frame: pd.DataFrame, choice: Choice, offer: Offer) -> pd.DataFrame:
    """The rows the choice selects, in long form, each with its source and its series
    (``reeks``) and panel (``paneel``): what the chart draws and what is saved beside it."""
    rows, column = frame, offer.region_column
    if offer.regions:
        codes = [offer.regions[label] for label in choice.regions if label in offer.regions]
        code_column = f"{column}_code" if f"{column}_code" in frame else column
        rows = rows[rows[code_column].isin(codes)]
    for dimension, labels in choice.filters:
        rows = rows[rows[dimension].astype(str).isin(labels)]
    rows = rows.assign(jaar=rows["periode"].astype(str).str[:4].astype(int))
    if choice.years:
        rows = rows[rows["jaar"].between(*choice.years)]
    names = {code: label for label, code in offer.regions.items()}
    codes = rows[f"{column}_code"] if f"{column}_code" in rows else rows.get(column, "")
    drawn = pd.DataFrame({"jaar": rows["jaar"], "regio_code": codes})
    drawn["regio"] = codes.map(names) if offer.regions else ""
    for dimension, _ in choice.filters:
        drawn[dimension] = rows[dimension].astype(str)
    drawn[choice.measure] = rows[choice.measure].astype(float)
    unit = offer.units.get(choice.measure, "")
    if choice.per:
        drawn[choice.per] = rows[choice.per].astype(float)
        drawn["aandeel"] = 100 * drawn[choice.measure] / drawn[choice.per]
        unit = "%"
    drawn["eenheid"] = ch.say(nl="aantal", en="number") if unit == "aantal" else unit
    for source in ("bron_soort", "tabel", "bron_url", "bron_datum"):
        if source in rows:
            drawn[source] = rows[source]
    drawn = drawn.dropna(subset=[value_column(choice)])
    series, panel = layout(choice)
    drawn["reeks"] = drawn[series].map(shown) if series else drawn["regio"].map(shown)
    drawn["paneel"] = drawn[panel].map(shown) if panel else ""
    order = {label: i for i, label in enumerate(choice.regions)}
    for _, labels in choice.filters:
        order.update({label: i for i, label in enumerate(labels)})
    keys = [c for c in (panel, series, "regio") if c] + ["jaar"]
    return drawn.sort_values(
        list(dict.fromkeys(keys)), key=lambda s: s if s.name == "jaar" else s.map(order)
    )


def missing(drawn: pd.DataFrame, choice: Choice) -> list[str]:
    """Chosen regions and dimension values that have no figure in the chosen years."""
    absent = [label for label in choice.regions if label not in set(drawn["regio"])]
    for dimension, labels in choice.filters:
        present = set(drawn[dimension]) if dimension in drawn else set()
        absent += [label for label in labels if label not in present]
    return [shown(label) for label in absent]


def _fmt(unit: str):
    if "%" in unit:
        return lambda v: ch.fmt_percent(v, 1)
    return lambda v: ch.fmt_number(v, 0 if abs(v) >= 100 else 2)


def measure_name(key: str, offer: Offer) -> str:
    """A measure in the chart language: CBS's own title, in English where we know it."""
    if ch.say(nl="nl", en="en") == "en" and key in TOPICS_EN:
        return TOPICS_EN[key]
    return offer.measures.get(key, key)


def measure_label(choice: Choice, offer: Offer) -> str:
    label = measure_name(choice.measure, offer)
    if choice.per:
        return words("per", measure=label, per=measure_name(choice.per, offer).lower())
    return label


def _span(years: pd.Series | list[int]) -> str:
    first, last = int(min(years)), int(max(years))
    return f"{first}–{last}" if first != last else str(first)


def title(drawn: pd.DataFrame, choice: Choice, offer: Offer) -> str:
    """The title, computed over every point drawn: one series from its first to its last
    year; several series: the highest point of all, saying when the series cover different
    years."""
    measure, value = measure_label(choice, offer), value_column(choice)
    fmt = _fmt(drawn["eenheid"].iloc[0])
    named = drawn.assign(reeks=_names(drawn))
    spans = named.groupby("reeks", sort=False)["jaar"].agg(lambda s: tuple(sorted(s)))
    years = sorted(set(named["jaar"]))
    if len(spans) == 1 and len(years) > 1:
        series = named.set_index("jaar")[value]
        first, last = years[0], years[-1]
        return words(
            "change",
            measure=measure,
            series=spans.index[0],
            first=first,
            first_value=fmt(series[first]),
            last=last,
            last_value=fmt(series[last]),
        )
    top = named.loc[named[value].idxmax()]
    if len(years) == 1:
        text = words(
            "highest_year", measure=measure, year=years[0], top=top["reeks"], value=fmt(top[value])
        )
    else:
        text = words(
            "highest",
            measure=measure,
            span=_span(years),
            top=top["reeks"],
            value=fmt(top[value]),
            year=int(top["jaar"]),
        )
    if len(set(spans)) > 1:
        text += f" ({words('different_years')})"
    return text


def _names(drawn: pd.DataFrame) -> pd.Series:
    """A point's series and panel in words (``Amsterdam, 65 jaar of ouder``)."""
    return drawn["reeks"].where(drawn["paneel"] == "", drawn["reeks"] + ", " + drawn["paneel"])


def describe(drawn: pd.DataFrame, choice: Choice, offer: Offer) -> dict[str, str]:
    """Title, subtitle (with the regions that have no figures), source line with the table's
    caveat, alt text."""
    unit, value = drawn["eenheid"].iloc[0], value_column(choice)
    fmt, span = _fmt(unit), _span(drawn["jaar"])
    picked = [
        ch.category(label)
        for _, labels in choice.filters
        if len(labels) == 1
        for label in labels
        if not label.lower().startswith("totaal")
    ]
    subtitle = ", ".join([*picked, span]) + (f" ({unit})" if unit else "")
    absent = missing(drawn, choice)
    if absent:
        wanted = _span(choice.years) if choice.years else _span(offer.years)
        note = words("missing", names=_join(absent), span=wanted)
        subtitle += f". {note[0].upper()}{note[1:]}"
    named = drawn.assign(reeks=_names(drawn))
    lead = f"{measure_label(choice, offer)}, {span}"
    if named["jaar"].nunique() == 1:
        alt = ch.alt_values(lead, named["reeks"].tolist(), named[value].tolist(), fmt)
    else:
        alt = ch.alt_series(lead, named, "jaar", value, fmt, by="reeks")
    notes = (offer.caveat,) if offer.caveat else ()
    return {
        "title": title(drawn, choice, offer),
        "subtitle": subtitle,
        "source": ch.source_line(drawn, notes),
        "alt": alt,
        "notes": notes,
    }


def _join(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {ch.text('en')} {names[-1]}"


def chart_name(choice: Choice, offer: Offer) -> str:
    """A stable file name for a choice: ``10_verkenner_71488ned_nl01_alleenstaand_4``."""
    codes = [offer.regions.get(label, label) for label in choice.regions][:3]
    words_ = [choice.table, *codes, choice.measure, *(choice.per or "").split()]
    words_ += [
        label
        for _, labels in choice.filters
        for label in labels
        if not label.lower().startswith("totaal")
    ]
    slug = re.sub(r"[^a-z0-9]+", "_", "_".join(words_).lower()).strip("_")
    return f"10_verkenner_{slug}"[:90].rstrip("_")


def draw(frame: pd.DataFrame, choice: Choice, offer: Offer, *, save: bool = False) -> ch.Chart:
    """The chart for a choice: a line per series over the years (a series of one year as a
    point), bars for a single year, a panel per value of a second varying dimension. ``save``
    writes it (PNG, SVG, PDF, CSV, JSON) like every chart of the stories."""
    drawn = select(frame, choice, offer)
    if drawn.empty:
        raise ExploreError(words("nothing"))
    text = describe(drawn, choice, offer)
    panels = list(dict.fromkeys(drawn["paneel"]))
    columns = min(len(panels), 3)
    rows = -(-len(panels) // columns)
    with ch.Chart(
        text["title"], text["subtitle"], notes=text["notes"], ncols=columns, nrows=rows, sharey=True
    ) as chart:
        for ax, panel in zip(chart.axes, panels, strict=False):
            _panel(ax, drawn[drawn["paneel"] == panel], choice, panel)
        for ax in chart.axes[len(panels) :]:
            ax.set_visible(False)
        if save:
            chart.save(chart_name(choice, offer), drawn, alt=text["alt"])
        else:  # on screen too the chart carries its source line
            chart.source = text["source"]
            chart.fit_texts()
    return chart


def _panel(ax, drawn: pd.DataFrame, choice: Choice, panel: str) -> None:
    unit, value = drawn["eenheid"].iloc[0], value_column(choice)
    series = list(dict.fromkeys(drawn["reeks"]))[:MAX_SERIES]
    colours = {name: ch.PALETTE[i % len(ch.PALETTE)] for i, name in enumerate(series)}
    if panel:
        ax.set_title(panel, loc="left", fontsize="medium")
    if drawn["jaar"].nunique() == 1:
        values = drawn.set_index("reeks").loc[series, value]
        ax.barh(series, values, color=[colours[s] for s in series])
        ax.invert_yaxis()
        ch.horizontal_layout(ax)
        _number_axis(ax, "x", unit)
        return
    ends = {}
    for name in series:
        rows = drawn[drawn["reeks"] == name]
        style = {"marker": "o"} if len(rows) == 1 or rows["jaar"].diff().gt(1).any() else {}
        ax.plot(rows["jaar"], rows[value], color=colours[name], **style)
        ends[name] = (rows["jaar"].iloc[-1], rows[value].iloc[-1])
    _number_axis(ax, "y", unit)
    ax.set_ylim(bottom=0)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.margins(x=0.25 if len(series) > 1 else 0.02)
    if len(series) > 1:  # direct labels at the ends, moved apart where they would overlap
        for name, dy in _dodge(ax, {name: y for name, (_, y) in ends.items()}).items():
            ch.label_line_end(ax, *ends[name], name, colours[name], dy=dy)


def _dodge(ax, ends: dict[str, float]) -> dict[str, float]:
    """Each label's shift in lines so that labels keep a line apart."""
    top = ax.get_ylim()[1]
    height = ax.get_position().height * ax.figure.get_size_inches()[1] * 72
    per_line = top * mpl.rcParams["font.size"] * 1.1 / height  # data units of one line
    shifts, previous = {}, None
    for name, y in sorted(ends.items(), key=lambda kv: kv[1]):
        place = y if previous is None else max(y, previous + per_line)
        shifts[name], previous = (place - y) / per_line * 1.1, place
    return shifts


def _number_axis(ax, axis: str, unit: str) -> None:
    ch.number_axis(ax, axis, "percent" if "%" in unit else "number")
    values = ax.xaxis if axis == "x" else ax.yaxis
    values.set_major_locator(MaxNLocator(steps=[1, 2, 5, 10]))  # round ticks: 0, 5, 10


def table(drawn: pd.DataFrame, choice: Choice, offer: Offer) -> ch.tables.ReaderTable:
    """The numbers drawn as a reader reads them: headers in words, numbers in the chart
    language, no index."""
    headers = {"regio": ch.say(nl="Regio", en="Region"), "jaar": ch.say(nl="Jaar", en="Year")}
    headers.update({column: column.capitalize() for column, _ in choice.filters})
    shown_frame = drawn.assign(regio=drawn["regio"].map(shown), jaar=drawn["jaar"].astype(str))
    for column, _ in choice.filters:
        shown_frame[column] = shown_frame[column].map(shown)
    value = value_column(choice)
    keys = [choice.measure, *([choice.per, value] if choice.per else [])]
    headers.update({key: measure_name(key, offer) for key in keys})
    if choice.per:
        headers[value] = measure_label(choice, offer)
    decimals = {key: 0 if offer.units.get(key) == "aantal" else 1 for key in keys}
    decimals[value] = 1 if choice.per else decimals[value]
    return ch.table(shown_frame, headers, decimals=decimals)


def code(choice: Choice, offer: Offer) -> str:
    """Python that reproduces the current view, to paste into one's own notebook."""
    return "\n".join(
        [
            "from eenzaamheid import charts as ch",
            "from eenzaamheid import explore, load",
            "",
            f"frame = ch.sourced(load({choice.table!r}, source='snapshot'))  # with its source",
            "offer = explore.options(frame)",
            "choice = explore.Choice(",
            f"    table={choice.table!r},",
            f"    regions={tuple(choice.regions)!r},",
            f"    filters={tuple((c, tuple(v)) for c, v in choice.filters)!r},",
            f"    measure={choice.measure!r},",
            f"    per={choice.per!r},",
            f"    years={choice.years!r},",
            ")",
            "explore.draw(frame, choice, offer)  # save=True writes PNG, SVG, PDF, CSV, JSON",
            "rows = explore.select(frame, choice, offer)  # the numbers drawn",
        ]
    )
