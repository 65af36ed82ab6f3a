"""The explorer's logic, without a browser: what a table offers (regions by name, the other
dimensions, measures, years), the rows a choice selects, and a chart in the house style with a
generated title, source line and alt text. ``notebooks/10_verkenner.ipynb`` wires ipywidgets
to these functions; tests call them directly.

::

    frame = explore.load_table("71488ned")
    offer = explore.options(frame)
    choice = explore.default(offer)._replace(regions=("Utrecht (gemeente)",))
    explore.draw(frame, choice, offer, save=True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pandas as pd
from matplotlib.ticker import MaxNLocator

from . import charts as ch
from .data import load, snapshot_tables

# Tables the explorer knows first; any other snapshot table with regions (such as the RIVM
# municipal loneliness figures) is offered after them.
TABLES = ("71488ned", "70072ned")
PREFERRED = {  # table -> (measure, denominator) to start with
    "71488ned": ("Alleenstaand_4", "TotaalPersonenInHuishoudens_1"),
    "70072ned": ("Eenpersoonshuishoudens_86", None),
}
REGION_KINDS = {
    "NL": ("land", "country"),
    "LD": ("landsdeel", "part of the country"),
    "PV": ("provincie", "province"),
    "CR": ("COROP", "COROP region"),
    "GM": ("gemeente", "municipality"),
    "GG": ("GGD-regio", "GGD region"),
}
SKIP_COLUMNS = {"periode", "periode_start", "frequentie", "status", "regio", "tabel"}
MAX_LINES = 8
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
}


class Choice(NamedTuple):
    """What the reader picked. Regions and dimension values are labels as offered."""

    table: str
    regions: tuple[str, ...]
    filters: tuple[tuple[str, str], ...]  # (column, label)
    measure: str
    per: str | None = None  # a second measure: show the first as % of it
    years: tuple[int, int] | None = None


@dataclass
class Offer:
    """What a table offers to choose from."""

    table: str
    title: str
    meta: Any
    regions: dict[str, str] = field(default_factory=dict)  # label -> region code
    dimensions: dict[str, list[str]] = field(default_factory=dict)  # column -> labels
    measures: dict[str, str] = field(default_factory=dict)  # topic key -> label with unit
    units: dict[str, str] = field(default_factory=dict)  # topic key -> unit
    years: list[int] = field(default_factory=list)


def explorable() -> list[str]:
    """Snapshot tables the explorer can show: the known ones, then any other with regions."""
    present = snapshot_tables()
    others = [t for t in present if t not in TABLES and _has_regions(t)]
    return [t for t in TABLES if t in present] + others


def _has_regions(table: str) -> bool:
    try:
        return "regio" in load(table, source="snapshot").columns
    except Exception:  # a table the explorer cannot read is simply not offered
        return False


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


def region_labels(frame: pd.DataFrame) -> dict[str, str]:
    """Region label -> code. A name used by more than one region gets its kind in brackets
    (``Utrecht (provincie)``, ``Utrecht (gemeente)``)."""
    codes = frame["regio_code"] if "regio_code" in frame else frame["regio"]
    pairs = pd.DataFrame({"code": codes, "name": frame["regio"]}).dropna().drop_duplicates("code")
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
    offer = Offer(meta.table_id, meta.title, meta)
    if "regio" in frame:
        offer.regions = region_labels(frame)
    for dimension in meta.dimensions:
        column = dimension.column
        if column in SKIP_COLUMNS or column not in frame:
            continue
        labels = dict.fromkeys(frame[column].dropna().astype(str))
        offer.dimensions[column] = sorted(labels, key=_natural)
    for topic in meta.topics:
        if topic.key in frame and pd.api.types.is_numeric_dtype(frame[topic.key]):
            offer.measures[topic.key] = _topic_label(topic.title, topic.key)
            offer.units[topic.key] = topic.unit
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
    regions = [label for label, code in offer.regions.items() if code.startswith("NL")]
    regions = regions or list(offer.regions)[:1]
    measure, per = PREFERRED.get(offer.table, (next(iter(offer.measures)), None))
    filters = tuple((column, _total(labels)) for column, labels in offer.dimensions.items())
    return Choice(offer.table, tuple(regions), filters, measure, per, None)


def matches(offer: Offer, typed: str, limit: int = 12) -> list[str]:
    """Region labels for what was typed so far: names that start with it first."""
    typed = typed.strip().lower()
    starts = [label for label in offer.regions if label.lower().startswith(typed)]
    inside = [label for label in offer.regions if typed in label.lower() and label not in starts]
    return (starts + inside)[:limit]


def value_column(choice: Choice) -> str:
    """The column drawn: the measure itself, or ``aandeel`` (measure as % of ``per``)."""
    return "aandeel" if choice.per else choice.measure


def shown(label: str) -> str:
    """A region or category label as the chart says it (``Nederland`` -> the Netherlands)."""
    return ch.text("nederland") if label == "Nederland" else ch.category(label)


def select(frame: pd.DataFrame, choice: Choice, offer: Offer) -> pd.DataFrame:
    """The rows the choice selects, in long form, each with its source: what the chart draws
    and what is saved beside it (the measure, its denominator and the share, by name)."""
    rows = frame
    if offer.regions:
        codes = [offer.regions[label] for label in choice.regions if label in offer.regions]
        code_column = "regio_code" if "regio_code" in frame else "regio"
        rows = rows[rows[code_column].isin(codes)]
    for column, label in choice.filters:
        rows = rows[rows[column].astype(str) == label]
    rows = rows.assign(jaar=rows["periode"].astype(str).str[:4].astype(int))
    if choice.years:
        rows = rows[rows["jaar"].between(*choice.years)]
    names = {code: label for label, code in offer.regions.items()}
    region = rows["regio_code"] if "regio_code" in rows else rows.get("regio", "")
    drawn = pd.DataFrame({"jaar": rows["jaar"], "regio_code": region})
    drawn["regio"] = region.map(names) if offer.regions else ""
    for column, label in choice.filters:
        drawn[column] = label
    drawn[choice.measure] = rows[choice.measure].astype(float)
    unit = offer.units.get(choice.measure, "")
    if choice.per:
        drawn[choice.per] = rows[choice.per].astype(float)
        drawn["aandeel"] = 100 * drawn[choice.measure] / drawn[choice.per]
        unit = "%"
    drawn["eenheid"] = ch.say(nl="aantal", en="number") if unit == "aantal" else unit
    for column in ("bron_soort", "tabel", "bron_url", "bron_datum"):
        if column in rows:
            drawn[column] = rows[column]
    drawn = drawn.dropna(subset=[value_column(choice)])
    order = {label: i for i, label in enumerate(choice.regions)}
    return drawn.sort_values(
        ["regio", "jaar"], key=lambda s: s.map(order) if s.name == "regio" else s
    )


def _fmt(unit: str):
    if unit == "%":
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
        per = measure_name(choice.per, offer).lower()
        label += ch.say(nl=f" als % van {per}", en=f" as % of {per}")
    return label


def describe(drawn: pd.DataFrame, choice: Choice, offer: Offer) -> dict[str, str]:
    """Title (what the chart shows, with its most telling number), subtitle, source, alt."""
    measure = measure_label(choice, offer)
    unit = "%" if choice.per else drawn["eenheid"].iloc[0]
    fmt, value = _fmt(unit), value_column(choice)
    first, last = int(drawn["jaar"].min()), int(drawn["jaar"].max())
    named = drawn.assign(reeks=drawn["regio"].map(shown))
    regions = list(dict.fromkeys(named["reeks"]))
    if first == last or len(regions) > 1:
        latest = named[named["jaar"] == last].set_index("reeks")[value]
        top = latest.idxmax()
        title = ch.say(
            nl=f"{measure}, {last}: het hoogst in {top} ({fmt(latest[top])})",
            en=f"{measure}, {last}: highest in {top} ({fmt(latest[top])})",
        )
    else:
        series = named.set_index("jaar")[value]
        title = ch.say(
            nl=f"{measure} in {regions[0]}: van {fmt(series[first])} in {first} "
            f"naar {fmt(series[last])} in {last}",
            en=f"{measure} in {regions[0]}: from {fmt(series[first])} in {first} "
            f"to {fmt(series[last])} in {last}",
        )
    picked = [ch.category(v) for _, v in choice.filters if not v.lower().startswith("totaal")]
    span = f"{first}–{last}" if first != last else str(first)
    subtitle = ", ".join([*picked, span]) + (f" ({unit})" if unit else "")
    if len(regions) == 1 or first == last:
        lead = f"{measure}, {span}"
    else:
        lead = ch.say(nl=f"Lijnen per regio, {measure}", en=f"Lines per region, {measure}")
    if first == last:
        alt = ch.alt_values(lead, regions, named[value].tolist(), fmt)
    else:
        alt = ch.alt_series(lead, named, "jaar", value, fmt, by="reeks")
    return {"title": title, "subtitle": subtitle, "source": ch.source_line(drawn), "alt": alt}


def chart_name(choice: Choice, offer: Offer) -> str:
    """A stable file name for a choice: ``10_verkenner_71488ned_nl01_alleenstaand_4``."""
    codes = [offer.regions.get(label, label) for label in choice.regions][:3]
    words = [choice.table, *codes, choice.measure, *(choice.per or "").split()]
    words += [label for _, label in choice.filters if not label.lower().startswith("totaal")]
    slug = re.sub(r"[^a-z0-9]+", "_", "_".join(words).lower()).strip("_")
    return f"10_verkenner_{slug}"[:90].rstrip("_")


def draw(frame: pd.DataFrame, choice: Choice, offer: Offer, *, save: bool = False) -> ch.Chart:
    """The chart for a choice: lines over the years, or bars for a single year. ``save``
    writes it (PNG, SVG, PDF, CSV, JSON) like every chart of the stories."""
    drawn = select(frame, choice, offer)
    if drawn.empty:
        raise ValueError(ch.say(nl="geen cijfers voor deze keuze", en="no figures for this choice"))
    words = describe(drawn, choice, offer)
    unit, value = drawn["eenheid"].iloc[0], value_column(choice)
    with ch.Chart(words["title"], words["subtitle"]) as chart:  # source: from the rows
        years = drawn["jaar"].unique()
        regions = list(dict.fromkeys(drawn["regio"]))[:MAX_LINES]
        if len(years) == 1:
            values = drawn.set_index("regio").loc[regions, value]
            chart.ax.barh([shown(r) for r in regions], values, color=ch.MAIN)
            chart.ax.invert_yaxis()
            ch.horizontal_layout(chart.ax)
        for i, region in enumerate(regions if len(years) > 1 else []):
            rows = drawn[drawn["regio"] == region]
            colour = ch.PALETTE[i % len(ch.PALETTE)]
            chart.ax.plot(rows["jaar"], rows[value], color=colour, label=shown(region))
        if len(years) > 1 and len(regions) > 1:  # the title names a single region
            chart.ax.legend(loc="lower left")
        axis = "x" if len(years) == 1 else "y"
        ch.number_axis(chart.ax, axis, "percent" if unit == "%" else "number")
        values = chart.ax.xaxis if axis == "x" else chart.ax.yaxis
        values.set_major_locator(MaxNLocator(steps=[1, 2, 5, 10]))  # round ticks: 0, 5, 10
        if len(years) > 1:
            chart.ax.set_ylim(bottom=0)
            chart.ax.xaxis.get_major_locator().set_params(integer=True)
        if save:
            chart.save(chart_name(choice, offer), drawn, alt=words["alt"])
    return chart
