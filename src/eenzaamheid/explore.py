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

    @property
    def source(self) -> str:
        """The source line, in the language in force now."""
        return _source(self.meta)


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
    return load(table, source="snapshot")


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


def _source(meta) -> str:
    if "CBS" in meta.licence.split(",")[-1] and meta.layout == "odata":
        year = meta.retrieved_at[:4]
        return ch.credit((meta.cbs_table, int(year)) if year.isdigit() else meta.cbs_table)
    return f"{ch.say(nl='Bron', en='Source')}: {meta.licence.split('Bron:')[-1].strip()}"


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


def select(frame: pd.DataFrame, choice: Choice, offer: Offer) -> pd.DataFrame:
    """The rows the choice selects, in long form: what the chart draws and what is saved."""
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
    value = rows[choice.measure].astype(float)
    unit = offer.units.get(choice.measure, "")
    if choice.per:
        value = 100 * value / rows[choice.per].astype(float)
        unit = "%"
    names = {code: label for label, code in offer.regions.items()}
    region = rows["regio_code"] if "regio_code" in rows else rows.get("regio", "")
    drawn = pd.DataFrame(
        {
            "jaar": rows["jaar"],
            "regio_code": region,
            "regio": region.map(names) if offer.regions else "",
            "onderwerp": choice.measure + (f" / {choice.per}" if choice.per else ""),
            "waarde": value,
            "eenheid": unit,
            "tabel": offer.table,
        }
    ).assign(**{column: label for column, label in choice.filters})
    drawn = drawn.dropna(subset=["waarde"])
    order = {label: i for i, label in enumerate(choice.regions)}
    return drawn.sort_values(
        ["regio", "jaar"], key=lambda s: s.map(order) if s.name == "regio" else s
    )


def _fmt(unit: str):
    if unit == "%":
        return lambda v: ch.fmt_percent(v, 1)
    return lambda v: ch.fmt_number(v, 0 if abs(v) >= 100 else 2)


def measure_label(choice: Choice, offer: Offer) -> str:
    label = offer.measures.get(choice.measure, choice.measure)
    if choice.per:
        per = offer.measures.get(choice.per, choice.per).lower()
        label += ch.say(nl=f" als % van {per}", en=f" as % of {per}")
    return label


def describe(drawn: pd.DataFrame, choice: Choice, offer: Offer) -> dict[str, str]:
    """Title (what the chart shows, with its most telling number), subtitle, source, alt."""
    measure = measure_label(choice, offer)
    unit = "%" if choice.per else offer.units.get(choice.measure, "")
    fmt = _fmt(unit)
    first, last = int(drawn["jaar"].min()), int(drawn["jaar"].max())
    regions = list(dict.fromkeys(drawn["regio"]))
    if first == last or len(regions) > 1:
        latest = drawn[drawn["jaar"] == last].set_index("regio")["waarde"]
        top = latest.idxmax()
        title = ch.say(
            nl=f"{measure}, {last}: het hoogst in {top} ({fmt(latest[top])})",
            en=f"{measure}, {last}: highest in {top} ({fmt(latest[top])})",
        )
    else:
        series = drawn.set_index("jaar")["waarde"]
        title = ch.say(
            nl=f"{measure} in {regions[0]}: van {fmt(series[first])} in {first} "
            f"naar {fmt(series[last])} in {last}",
            en=f"{measure} in {regions[0]}: from {fmt(series[first])} in {first} "
            f"to {fmt(series[last])} in {last}",
        )
    picked = [ch.category(label) for _, label in choice.filters]
    picked = [label for label in picked if not label.lower().startswith(("totaal", "total"))]
    span = f"{first}–{last}" if first != last else str(first)
    subtitle = ", ".join([*picked, span]) + (f" ({unit})" if unit else "")
    if len(regions) == 1 or first == last:
        lead = ch.say(nl=f"{measure}, {span}", en=f"{measure}, {span}")
    else:
        lead = ch.say(nl=f"Lijnen per regio, {measure}", en=f"Lines per region, {measure}")
    if first == last:
        alt = ch.alt_values(lead, regions, drawn["waarde"].tolist(), fmt)
    else:
        alt = ch.alt_series(lead, drawn, "jaar", "waarde", fmt, by="regio")
    return {"title": title, "subtitle": subtitle, "source": offer.source, "alt": alt}


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
    unit = drawn["eenheid"].iloc[0]
    with ch.Chart(words["title"], words["subtitle"], words["source"]) as chart:
        years = drawn["jaar"].unique()
        regions = list(dict.fromkeys(drawn["regio"]))[:MAX_LINES]
        if len(years) == 1:
            values = drawn.set_index("regio").loc[regions, "waarde"]
            chart.ax.barh(regions, values, color=ch.MAIN)
            chart.ax.invert_yaxis()
            ch.horizontal_layout(chart.ax)
        for i, region in enumerate(regions if len(years) > 1 else []):
            rows = drawn[drawn["regio"] == region]
            colour = ch.PALETTE[i % len(ch.PALETTE)]
            chart.ax.plot(rows["jaar"], rows["waarde"], color=colour, label=region)
            if len(regions) == 1:
                x, y = rows["jaar"].iloc[-1], rows["waarde"].iloc[-1]
                ch.label_line_end(chart.ax, x, y, region, colour)
        if len(years) > 1 and len(regions) > 1:  # lines close together: a legend, not labels
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
