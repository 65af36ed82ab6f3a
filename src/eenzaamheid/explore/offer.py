"""What a table offers (regions by name, dimensions, measures, years) and finding a region
by what was typed, without accents or case."""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pandas as pd

from .. import charts as ch
from .. import settings
from ..charts.columns import topic_unit
from ..data import load, snapshot_tables
from .known import ALIASES, KNOWN, REGION_KINDS, ExploreError, words

REGION_COLUMNS = ("regio", "wijk_buurt", "geo")
SKIP_COLUMNS = {"periode", "periode_start", "frequentie", "status", "soort_regio", "tabel"}


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
    decimals: dict[str, int] = field(default_factory=dict)  # topic key -> CBS's or the data's
    years: list[int] = field(default_factory=list)
    wholes: dict[str, list[str]] = field(default_factory=dict)  # count -> counts it never exceeds

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


def table_title(table: str) -> str:
    """A table's title in the chart language: its own (Dutch) title, in English where the
    explorer knows one."""
    known = KNOWN.get(table)
    title = snapshot_record(table)["meta"]["title"]
    return ch.say(nl=title, en=known.title_en or title) if known else title


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
    """Region label -> code. A name used by more than one region, or that is another region's
    name without its brackets (the province ``Utrecht`` beside ``Utrecht (gemeente)``), gets its
    kind in brackets as the table says it (``Utrecht (provincie)``, also in English: a label is
    a name to choose by, :func:`shown` says it in the chart language); typing Utrecht then asks
    which."""
    codes = frame[f"{column}_code"] if f"{column}_code" in frame else frame[column]
    pairs = pd.DataFrame({"code": codes, "name": frame[column]}).dropna().drop_duplicates("code")
    names = pairs["name"].astype(str)
    bracketed = {_bare(name) for name in names if _bare(name) != fold(name)}
    twice = names.duplicated(keep=False) | names.map(fold).isin(bracketed)
    labels = {}
    for code, name, ambiguous in zip(pairs["code"], pairs["name"], twice, strict=True):
        kind = REGION_KINDS.get(str(code)[:2], "")
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
            offer.units[topic.key] = _unit(topic.key, topic.unit)
            given = topic.decimals
            offer.decimals[topic.key] = given if given is not None else _decimals(frame[topic.key])
    offer.years = sorted({int(p[:4]) for p in frame["periode"].dropna().astype(str)})
    offer.wholes = _wholes(frame, offer)
    return offer


def _wholes(frame: pd.DataFrame, offer: Offer) -> dict[str, list[str]]:
    """For each count, the other counts that could be its whole: never smaller than it on a
    row where both have a figure (a part never exceeds its whole), with at least one such
    row. A total as % of its part (460 %) or of a group it does not belong to is no share."""
    counts = [k for k in offer.measures if _is_count(offer, k)]
    numbers = {k: frame[k].astype(float).to_numpy() for k in counts}
    wholes = {}
    for part in counts:
        wholes[part] = []
        for whole in counts:
            if whole == part:
                continue
            a, b = numbers[part], numbers[whole]
            both = ~(pd.isna(a) | pd.isna(b))
            if both.any() and (a[both] <= b[both]).all():
                wholes[part].append(whole)
    return wholes


def _is_count(offer: Offer, key: str) -> bool:
    """A measure of whole numbers that is not a percentage."""
    return "%" not in offer.units[key] and offer.decimals[key] == 0


def _decimals(values: pd.Series, most: int = 3) -> int:
    """As many decimals as the figures have (a count none, 38.7 one), for a table whose
    metadata does not say (a StatLine download)."""
    numbers = values.dropna().astype(float)
    if numbers.empty:
        return 0
    return next((d for d in range(most) if (numbers.round(d) - numbers).abs().max() < 1e-9), most)


def denominators(offer: Offer, measure: str) -> list[str]:
    """The measures ``measure`` can be shown as a percentage of: counts (whole numbers, not a
    percentage) in the same unit as a count ``measure``, of the same things where the explorer
    knows what they count (households of households), that are a plausible whole of it: never
    smaller on any row (``Offer.wholes``); none for a percentage or an average."""
    known = KNOWN.get(offer.table)
    counts = known.counts if known else {}

    def alike(key: str) -> bool:
        same = counts.get(key) == counts.get(measure)
        return offer.units[key] == offer.units[measure] and same

    wholes = offer.wholes.get(measure, [])  # only a count has wholes, and they are counts
    return [k for k in offer.measures if k in wholes and alike(k)]


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
    folded = {label: _names(label, code) for label, code in offer.regions.items()}
    starts = [label for label, names in folded.items() if any(n.startswith(wanted) for n in names)]
    inside = [
        label
        for label, names in folded.items()
        if label not in starts and any(wanted in n for n in names)
    ]
    if not starts and not inside and len(wanted) > 3:  # one letter off: frysland ~ fryslan
        inside = [label for label, names in folded.items() if any(_close(wanted, n) for n in names)]
    return (starts + inside)[:limit]


@functools.lru_cache(maxsize=4096)
def _names(label: str, code: str) -> tuple[str, ...]:
    """A region's names to find it by, folded: its label, and its name as shown in each
    language (The Hague (municipality), Duitsland, Germany), as the web page finds it."""
    names = {fold(label)}
    for lang in settings.LANGUAGES:
        with settings.configured(lang=lang):
            names.add(fold(shown(label)))
    return tuple(sorted(names))


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


def region(offer: Offer, typed: str, chosen: Sequence[str] = ()) -> str:
    """The region label for a typed name, or an ``ExploreError`` that says which names come
    close, or that the region it names is ``chosen`` already."""
    if typed in offer.regions and typed not in chosen:
        return typed
    wanted = fold(typed)
    wanted = ALIASES.get(wanted, wanted)  # friesland -> Fryslân
    every = matches(offer, typed, limit=len(offer.regions))
    exact = [label for label, code in offer.regions.items() if _named(label, code, wanted)]
    if exact and exact[0] in chosen:
        raise ExploreError(words("chosen_already", names=shown(exact[0])))
    every = [label for label in every if label not in chosen]
    exact = [label for label in exact if label not in chosen]
    found = every[:5]  # the names to suggest
    if len(found) == 1 or exact:
        return exact[0] if exact else found[0]
    alike = [label for label in every if wanted in (_bare(label), _bare(shown(label)))]
    if len(alike) == 1:  # the one Beek: Beek (L.)
        return alike[0]
    if len(alike) > 1:  # Bergen (L.) and Bergen (NH.): which one is for the reader to say
        raise ExploreError(words("ambiguous", typed=typed, options=listing(alike)))
    if found:
        raise ExploreError(words("unknown", typed=typed, close=listing(found)))
    raise ExploreError(words("unknown_none", typed=typed))


def shown(label: str) -> str:
    """A region or category label as the chart says it (``Nederland`` -> the Netherlands)."""
    return ch.text("nederland") if label == "Nederland" else ch.category(label)


def listing(labels: Sequence[str]) -> str:
    """Regions to choose from, as shown, told apart: with semicolons when a name holds a
    comma (``European Union, 27 countries (2007-2013); Euro area, 19 countries``)."""
    names = [shown(label) for label in labels]
    return ("; " if any("," in name for name in names) else ", ").join(names)


def _named(label: str, code: str, wanted: str) -> bool:
    """A region's name, in either language, or the code its name shows, typed in full
    (``GR`` for Eurostat's ``Greece (code GR)``; other codes are no names: ``ch`` is part of
    Czechia, not Switzerland)."""
    return wanted in _names(label, code) or (f"(code {code})" in label and wanted == fold(code))


def _bare(label: str) -> str:
    """A name without what tells it apart, folded (``Bergen (NH.)`` -> ``bergen``)."""
    return fold(re.sub(r"\s*\([^)]*\)$", "", label))


def two_codes(offer: Offer) -> dict[str, list[str]]:
    """Regions one place has under two codes (Eurostat's EL and GR, both Greece, the second
    labelled ``Griekenland (code GR)``): each label -> the codes of that place, in order."""
    places: dict[str, list[str]] = {}
    for label in offer.regions:
        places.setdefault(re.sub(r" \(code [^)]*\)$", "", label), []).append(label)
    return {
        label: [offer.regions[x] for x in labels]
        for labels in places.values()
        if len(labels) > 1
        for label in labels
    }


def _unit(key: str, unit: str) -> str:
    """The table's unit, or the stories' words for it where they add a remark to it
    (``% van de leeftijdsgroep, modelschatting``), as the charts' data files give it."""
    stories = topic_unit(key)
    return stories if stories and stories.startswith(f"{unit}, ") else unit
