"""A chart's numbers as a person reads them (the *Tabel* view) and the sources its rows name,
as links a reader can follow. Both read the chart's CSV and the ``columns`` of its JSON
sidecar (contract 4); without ``columns`` the CSV's own headers are the keys."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from ..charts.datafile import FIGURE_KEYS
from ..charts.numbers import sign_written
from ..charts.sources import SOURCE_COLUMNS, kind_of
from ..charts.vocabulary import VOCABULARY
from ..charts.words import word
from .layout import WORDS, esc

NUMERIC_KINDS = ("count", "number", "percent")
HIDDEN_KINDS = ("source", "code")  # provenance goes to the source note, codes stay in the files
SOURCE_KEYS = (*SOURCE_COLUMNS, "bron")
_DUTCH = str.maketrans(",.", ".,")
TABLE_ROWS = 400
_NUMBER = re.compile(r"-?\d+(?:\.(\d+))?")
_UNIT_IN_HEADER = re.compile(r"\(.+\)$")  # "Aandeel (% van personen)": the unit in brackets


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    years: tuple[str, ...] = ()  # of the figures it supports


def _told_apart(found: list[Link]) -> list[Link]:
    """The links once each; two with the same text get the years of their figures, or a
    number where those are the same too."""
    merged: dict[str, Link] = {}  # one link per page, with the years of every chart's rows
    for link in found:
        old = merged.get(link.url, link)
        merged[link.url] = Link(link.url, link.text, tuple(sorted({*link.years, *old.years})))
    unique = list(merged.values())
    named = []
    for link in unique:
        twins = [other for other in unique if other.text == link.text]
        if len(twins) == 1:
            named.append(link)
            continue
        apart = len({other.years for other in twins}) == len(twins) and all(t.years for t in twins)
        mark = ", ".join(link.years) if apart else str(twins.index(link) + 1)
        named.append(Link(link.url, f"{link.text} ({mark})", link.years))
    return named


@lru_cache(maxsize=64)
def _rows(path: Path, _changed: int) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:  # -sig: no BOM in a header
        return list(csv.reader(handle))


def read(path: Path, record: dict) -> tuple[list[Column], list[list[str]]]:
    """The CSV's columns (from the JSON's ``columns`` when it has them) and rows."""
    rows = _rows(path, path.stat().st_mtime_ns)
    if not rows:
        return [], []
    header, body = rows[0], rows[1:]
    described = record.get("columns") or []
    if len(described) == len(header):
        columns = [Column(c["key"], c["label"], c.get("kind", "text")) for c in described]
    else:
        columns = [Column(h, h, _guess(h)) for h in header]
    return columns, body


def _paired(
    path: Path, record: dict, columns: list[Column], body: list[list[str]]
) -> tuple[list[Column], list[list[str]]] | None:
    """A chart that pairs two measures (a scatter) keeps each figure in a column of its own,
    every row holding one: read as its wide file instead, a row per pair (per municipality)
    with both figures beside each other, each column of the kind the wide layout gave it;
    None when the chart is not such a pair or has no wide file."""
    figures = [i for i, c in enumerate(columns) if c.kind in NUMERIC_KINDS]
    wide, name = record.get("wide") or {}, record.get("files", {}).get("csv_breed")
    if len(figures) < 2 or not name or "kinds" not in wide:
        return None
    if any(sum(bool(row[i]) for i in figures) > 1 for row in body):
        return None
    rows = _rows(path.with_name(name), path.with_name(name).stat().st_mtime_ns)
    if len(rows[0]) != len(wide["kinds"]):
        return None
    return [Column(h, h, k) for h, k in zip(rows[0], wide["kinds"], strict=True)], rows[1:]


def _guess(key: str) -> str:
    """A column's kind from its key alone; ``""``: a number if every value is one."""
    if key in SOURCE_KEYS:
        return "source"
    if key.endswith("_code"):
        return "code"
    return "period" if key in ("jaar", "periode") else ""


def _shown(column: Column, values: list[str]) -> bool:
    """Provenance and codes stay in the source note and the files; but where the rows come
    from more than one kind of source (CBS and the book), each row says its kind."""
    if column.key == "bron_soort" and len(set(values)) > 1:
        return True
    return column.kind not in HIDDEN_KINDS


def _said_in_headers(column: Column, values: list[str], numbers: list[Column]) -> bool:
    """A unit column whose every unit a number's header already gives in brackets, where the
    header of every number shown gives its unit (``Percentage (%)`` beside ``%`` in every
    row): it says nothing more, and beside numbers of another unit it would read as theirs
    (``% van personen`` in a row with ``Alleenstaanden (personen)``)."""
    if column.key != "eenheid" or not numbers:
        return False
    if not all(_UNIT_IN_HEADER.search(number.label) for number in numbers):
        return False
    return all(any(f"({unit})" in n.label for n in numbers) for unit in set(values) - {""})


def _numeric(column: Column, values: list[str]) -> bool:
    if column.kind:
        return column.kind in NUMERIC_KINDS
    present = [v for v in values if v]
    return bool(present) and all(_NUMBER.fullmatch(v) for v in present)


def number(value: str, lang: str, decimals: int | None = None) -> str:
    """A number from a data file (``3340560``, ``47.0``, ``-5``) as the reader's language
    writes it (``−5`` with a minus sign), with the decimals it has (or ``decimals``)."""
    match = _NUMBER.fullmatch(value)
    if not match:
        return value
    decimals = len(match.group(1) or "") if decimals is None else decimals
    written = f"{float(value):,.{decimals}f}"  # en_GB's pattern #,##0.0; nl_NL swaps the marks
    written = sign_written(written, plus=False)
    return written.translate(_DUTCH) if lang == "nl" else written


def table(path: Path, record: dict, lang: str) -> str:
    """The numbers behind a chart: headers in words, numbers per language, no provenance
    columns (they are in the source note), every cell escaped."""
    columns, body = read(path, record)
    columns, body = _paired(path, record, columns, body) or (columns, body)
    values = [[row[i] for row in body] for i in range(len(columns))]
    shown = [i for i, c in enumerate(columns) if _shown(c, values[i])]
    numeric = {i for i in shown if _numeric(columns[i], values[i])}
    numbers = [columns[i] for i in sorted(numeric)]
    shown = [i for i in shown if not _said_in_headers(columns[i], values[i], numbers)]
    if not shown:
        return ""
    # a row without a single number carries nothing to read (an age group without figures)
    if numeric:
        body = [row for row in body if any(row[i] for i in numeric)]
    shared = _shared(columns, shown, numeric, body)  # said once, in the caption
    shown = [i for i in shown if i not in shared]

    def cell(tag: str, i: int, value: str) -> str:
        attributes = (" scope=col" if tag == "th" else "") + (
            ' class="num"' if i in numeric else ""
        )
        return f"<{tag}{attributes}>{esc(value)}</{tag}>"

    precision = next((i for i, c in enumerate(columns) if c.key == "precisie"), None)

    def shown_value(row: list[str], i: int) -> str:
        """A rounded figure (``precisie``) keeps its whole number: 43, not 43,0; numbers
        computed from it (a bound of 13,5) keep theirs."""
        if i not in numeric:
            return row[i]
        rounded = precision is not None and row[precision] == word("precisie_rounded", lang)
        rounded = rounded and columns[i].key in FIGURE_KEYS
        return number(row[i], lang, 0 if columns[i].kind == "count" or rounded else None)

    head = "".join(cell("th", i, columns[i].label) for i in shown)
    lines = "".join(
        "<tr>" + "".join(cell("td", i, shown_value(row, i)) for i in shown) + "</tr>"
        for row in body[:TABLE_ROWS]
    )
    note = ""
    if len(body) > TABLE_ROWS:
        rows = WORDS[lang]["rows"].format(shown=TABLE_ROWS, total=len(body))
        note = f"<p class=note>{esc(rows)}</p>"
    said = " · ".join(f"{columns[i].label}: {body[0][i]}" for i in shared)
    caption = f"<caption>{esc(said)}</caption>" if said else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{lines}</tbody></table>{note}"


def _shared(columns: list[Column], shown: list[int], numeric: set[int], body: list[list[str]]):
    """The columns of words (not numbers, not the kind of source) that hold one value in every
    row of a table of numbers with several rows: on a phone each costs room before the numbers
    are reached."""
    if len(body) < 2 or not numeric:
        return []
    return [
        i
        for i in shown
        if i not in numeric
        and columns[i].kind != "source"
        and body[0][i]
        and {r[i] for r in body} == {body[0][i]}
    ]


def links(path: Path, record: dict, lang: str) -> list[Link]:
    """A link for every source the chart's rows name (the book's rows have none)."""
    columns, body = read(path, record)
    where = {c.key: i for i, c in enumerate(columns)}
    if "bron_soort" not in where:
        return []
    when = next((where[key] for key in ("periode", "jaar") if key in where), None)
    found: dict[str, Link] = {}
    years: dict[str, set[str]] = {}
    for row in body:
        kind = kind_of(row[where["bron_soort"]])  # the file names it in words
        table_id = row[where["tabel"]] if "tabel" in where else ""
        url = row[where["bron_url"]] if "bron_url" in where else ""
        link = found.get(url) or source_link(kind, table_id, url, lang)
        if link:
            found[link.url] = link
            years.setdefault(link.url, set()).add(row[when][:4] if when is not None else "")
    return [Link(u, link.text, tuple(sorted(filter(None, years[u])))) for u, link in found.items()]


def source_link(kind: str, table_id: str, url: str, lang: str) -> Link | None:
    """The page a reader can check a row's figure on: the row's own ``bron_url`` (which
    ``charts.sources`` gives every sourced row), named by its kind of source; ``None``
    without one (the book's rows)."""
    key = f"link_{kind}"
    if not url.startswith(("https://", "http://")) or key not in VOCABULARY:
        return None
    host = urlsplit(url).netloc.removeprefix("www.")
    return Link(url, word(key, lang).format(table=table_id, host=host))


def source_note(record: dict, found: list[Link], lang: str) -> str:
    """A link to each source; the source line drawn in the image for screen readers only."""
    items = " · ".join(
        f'<a href="{esc(link.url)}">{esc(link.text)}</a>' for link in _told_apart(found)
    )
    online = f"{esc(WORDS[lang]['online'])}: {items}" if found else ""
    return f'<p class="source"><span class="visually-hidden">{esc(record["source"])}. </span>{online}</p>'


def source_list(found: list[Link], lang: str) -> str:
    """A story's closing section: every source of its charts, once."""
    if not found:
        return ""
    items = "".join(
        f'<li><a href="{esc(link.url)}">{esc(link.text)}</a></li>' for link in _told_apart(found)
    )
    heading = esc(WORDS[lang]["sources"])
    return f'<section class="sources" aria-labelledby="story-sources"><h2 id="story-sources">{heading}</h2><ul>{items}</ul></section>'
