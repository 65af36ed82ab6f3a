"""Where every drawn number comes from, row by row, and the source line written from it.

Rows carry their provenance in three columns: ``bron_soort`` (the kind of source),
``tabel`` (a CBS table id, or the name of another source) and ``bron_url``. A chart's source
line is written from exactly the kinds of source its rows have, so it can never name a source
the chart does not draw, nor leave one out.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import pandas as pd
from babel.dates import format_date

from ..settings import LANGUAGES
from .numbers import decimals
from .words import listed, say, text, word

# The kinds of source a row can have, with the words for the source line.
STATLINE = "statline"  # a StatLine table (export or OData): "CBS, tabel 71488ned (2025)"
BOOK = "book"  # the book's own figure (seeds/claims.yaml)
KINDS = (
    STATLINE,
    "statline_table_page",  # figures read off the table's page on cbs.nl
    "cbs_longread",
    "cbs_news",
    "cbs_news_reprint",
    "press_report",
    "rivm_page",
    "rivm_table",  # RIVM's small-area model estimates (Gezondheid per wijk en buurt)
    "eurostat",  # a Eurostat dataset, named by its id in `tabel`
    BOOK,
    "study",  # a paper, named in `tabel`
)
# The kinds in words (the vocabulary's soort_<kind>, as a data file's "Soort bron" column
# shows them), back to the kind.
_KIND_OF = {word(f"soort_{kind}", lang): kind for kind in KINDS for lang in LANGUAGES}
# The columns every drawn row keeps: ``rows[[..., *ch.SOURCE_COLUMNS]]``.
SOURCE_COLUMNS = ("bron_soort", "tabel", "bron_url", "bron_datum")
# Snapshot tables that are not CBS StatLine tables, by layout: their kind of source, and how
# the table is named in the rows (the snapshot id, or Eurostat's own dataset id).
OTHER_LAYOUTS = {
    "rivm-export": ("rivm_table", lambda table_id: table_id),
    "eurostat-sdmx": ("eurostat", lambda table_id: table_id.removeprefix("eurostat-")),
}
# Where a reader finds a table: its public page (``{table}`` is the id in ``tabel``). RIVM's
# small-area table is the Gezondheidsmonitor's regional page on vzinfo.nl (RIVM).
PUBLIC_PAGES = {
    STATLINE: "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table",
    "eurostat": "https://ec.europa.eu/eurostat/databrowser/view/{table}/default/table",
    "rivm_table": "https://www.vzinfo.nl/eenzaamheid/regionaal/volwassenen",
}


def kind_words(kind: object) -> object:
    """A kind of source (``rivm_table``) in words in the chart language, for a data file."""
    return text(f"soort_{kind}") if isinstance(kind, str) and kind in KINDS else kind


def kind_of(value: str) -> str:
    """The kind of source (``rivm_table``) that a data file's words (or the kind) name."""
    return _KIND_OF.get(value, value)


def _iso_date(value: object) -> str:
    """``2025-06-05`` from a recorded date, ``""`` where none was recorded (``unknown``)."""
    text_date = str(value or "")[:10]
    return text_date if len(text_date) == 10 and text_date[:4].isdigit() else ""


def _transcribed(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows read off web pages: each names its page; a note written after the page's address
    (``https://… (version …)``) moves to ``toelichting``; no page's date was recorded."""
    parts = frame["bron_url"].fillna("").astype(str).str.partition(" ")
    notes = frame["toelichting"].fillna("") if "toelichting" in frame else ""
    extra = parts[2].str.strip("() ")
    return frame.assign(
        bron_url=parts[0],
        toelichting=(notes + "; " + extra).str.strip("; ").where(extra != "", notes),
        bron_datum=frame.get("bron_datum", ""),
    )


def sourced(frame: pd.DataFrame) -> pd.DataFrame:
    """A loaded table with its provenance on every row, from ``frame.attrs["meta"]``.

    Tables transcribed from web pages already carry it; rows of a StatLine table get
    ``bron_soort="statline"``, the table id, its public StatLine page and the retrieval date,
    except periods that the snapshot took from the table's web page (their provenance record
    lists them). RIVM and Eurostat rows get their table's page and, for Eurostat, the release.
    """
    meta = frame.attrs["meta"]
    if meta.layout == "transcription":
        return _transcribed(frame)
    if meta.layout in OTHER_LAYOUTS:
        kind, name = OTHER_LAYOUTS[meta.layout]
        released = [s["released"] for s in meta.sources if s.get("released")]
        return frame.assign(
            bron_soort=kind,
            tabel=name(meta.table_id),
            bron_url=PUBLIC_PAGES[kind].format(table=name(meta.table_id)),
            bron_datum=_iso_date(max(released, default=meta.retrieved_at)),
        )
    from_page = {
        period: source["source"].get("url") or source["source"].get("urls", [""])[0]
        for source in meta.sources
        if source.get("kind") == "page-transcription"
        for period in source.get("periods", [])
    }
    on_page = frame["periode_code"].isin(list(from_page))
    out = frame.assign(
        bron_soort=STATLINE,
        tabel=meta.cbs_table,
        bron_url=PUBLIC_PAGES[STATLINE].format(table=meta.cbs_table),
        bron_datum=_iso_date(meta.retrieved_at),
    )
    out.loc[on_page, "bron_soort"] = "statline_table_page"
    out.loc[on_page, "bron_url"] = frame.loc[on_page, "periode_code"].map(from_page)
    out.loc[on_page, "bron_datum"] = ""  # the page's date was not recorded
    return out


def book_rows(values: pd.DataFrame, claim_id: str) -> pd.DataFrame:
    """The book's figures as rows of a chart's data, marked as the book's (``bron_soort``);
    with the register's ``precision``, each says whether the book gives it ``exact`` (with its
    decimals) or ``rounded`` (``precisie``), so that 11 is never written 11,0."""
    rows = values.assign(bron_soort=BOOK, tabel=claim_id, bron_url="", bron_datum="")
    if "precision" in rows:
        places = rows.pop("precision").map(decimals)
        rows["precisie"] = places.map(lambda d: "exact" if d else "rounded")
    return rows


def _hosts(urls: pd.Series) -> str:
    hosts = sorted({urlsplit(u).netloc.removeprefix("www.") for u in urls.dropna() if u})
    return ", ".join(hosts)


def _date(iso: str) -> str:
    """``05-06-2025`` (nl) or ``5 Jun 2025`` (en)."""
    day = date.fromisoformat(iso)
    return format_date(day, say(nl="dd-MM-y", en="d MMM y"), locale=say(nl="nl", en="en"))


def _when(rows: pd.DataFrame, verb: str) -> str:
    """``opgehaald 05-06-2025`` (``verb`` a word of the vocabulary), or ``datum niet
    vastgelegd``."""
    dates = sorted({d for d in rows.get("bron_datum", pd.Series(dtype=object)).map(_iso_date) if d})
    if not dates:
        return say(nl="datum niet vastgelegd", en="date not recorded")
    return f"{text(verb)} {listed(map(_date, dates))}"


def _tables(rows: pd.DataFrame) -> str:
    """``tabel 71488ned (opgehaald 05-06-2025; 2025 overgenomen van cbs.nl, datum niet
    vastgelegd)``: each StatLine table once, with the dates of its downloads and the years
    read off its page on cbs.nl."""
    named = []
    for table, found in rows.groupby("tabel", sort=False):
        on_page = found["bron_soort"] == "statline_table_page"
        page = found[on_page]
        parts = [_when(found[~on_page], "opgehaald")] if len(page) < len(found) else []
        if len(page):
            years = f"{_years(page)} " if parts and _years(page) else ""
            parts.append(
                say(nl=f"{years}overgenomen van cbs.nl", en=f"{years}transcribed from cbs.nl")
                + f", {_when(page, 'opgehaald')}"
            )
        named.append(f"{table} ({'; '.join(parts)})")
    return f"{text('tabel' if len(named) == 1 else 'tabellen')} {listed(named)}"


def _years(rows: pd.DataFrame) -> str:
    """``2012, 2016 en 2020``: the periods of the rows, when they have them."""
    column = next((c for c in ("periode", "jaar") if c in rows), None)
    years = sorted(rows[column].dropna().astype(str).unique()) if column else []
    return listed(years) if years else ""


def _eurostat(rows: pd.DataFrame) -> str:
    """``Eurostat (ilc_lvph03, versie van 15-11-2021), EU-SILC-enquête``: each dataset with
    its release; the ilc_ datasets are EU-SILC's."""
    named = [
        f"{name}, {_when(found, 'versie_van')}" for name, found in rows.groupby("tabel", sort=False)
    ]
    silc = all(str(name).startswith("ilc_") for name in rows["tabel"])
    survey = say(nl=", EU-SILC-enquête", en=", EU-SILC survey") if silc else ""
    return f"Eurostat ({'; '.join(named)}){survey}"


def _phrase(kind: str, rows: pd.DataFrame) -> str:
    hosts = _hosts(rows["bron_url"]) if "bron_url" in rows else ""
    names = ", ".join(dict.fromkeys(str(t) for t in rows["tabel"] if t))
    when = f" {_years(rows)}" if _years(rows) else ""
    phrases = {
        STATLINE: lambda: f"CBS, {_tables(rows)}",
        "cbs_longread": lambda: say(nl=f"CBS-longread ({hosts})", en=f"CBS longread ({hosts})"),
        "cbs_news": lambda: say(nl=f"CBS-nieuws ({hosts})", en=f"CBS news ({hosts})"),
        "cbs_news_reprint": lambda: say(
            nl=f"CBS-nieuws zoals overgenomen door {hosts}",
            en=f"CBS news as reprinted by {hosts}",
        ),
        "press_report": lambda: say(
            nl=f"nieuwsbericht over CBS-cijfers ({hosts})",
            en=f"news report on CBS figures ({hosts})",
        ),
        "rivm_page": lambda: f"RIVM ({hosts})",
        "rivm_table": lambda: say(
            nl=f"RIVM/CBS/GGD'en, Gezondheidsmonitor Volwassenen en Ouderen{when} "
            f"(modelschattingen; {_when(rows, 'opgehaald')})",
            en=f"RIVM/CBS/GGDs, Health Monitor Adults and Elderly{when} (model estimates; "
            f"{_when(rows, 'opgehaald')})",
        ),
        "eurostat": lambda: _eurostat(rows),
        BOOK: lambda: say(nl="het boek (claimregister)", en="the book (claim register)"),
        "study": lambda: names,
    }
    if kind not in phrases:
        raise ValueError(f"unknown source kind {kind!r} in bron_soort; known kinds: {KINDS}")
    return phrases[kind]()


def _check(data: pd.DataFrame) -> None:
    """Every row has its source: a kind, a table, a public page for a StatLine table, and a
    date column that is a date or empty (never ``unknown``)."""
    missing = [c for c in ("bron_soort", "tabel") if c not in data]
    if missing:
        raise ValueError(
            f"the chart's data has no {missing} column: give every row its source, e.g. with "
            "ch.sourced(load(...)) or ch.book_rows(...)"
        )
    urls = data["bron_url"] if "bron_url" in data else pd.Series("", index=data.index)
    unlinked = data.loc[(data["bron_soort"] == STATLINE) & (urls.fillna("") == ""), "tabel"]
    if len(unlinked):
        raise ValueError(
            f"StatLine rows of {sorted(set(unlinked))} have no bron_url: use ch.sourced(load(...))"
        )
    dates = data.get("bron_datum", pd.Series("", index=data.index)).fillna("").astype(str)
    undated = sorted(set(dates[(dates != "") & (dates.map(_iso_date) != dates)]))
    if undated:
        raise ValueError(f"bron_datum holds {undated}: an ISO date, or empty where none was kept")


def source_line(
    data: pd.DataFrame, notes: tuple[str, ...] = (), credit: pd.DataFrame | None = None
) -> str:
    """``Bron: CBS, tabel 71488ned (opgehaald 05-06-2025); het boek (claimregister)``: every
    source of the rows, each table once, CBS tables first and the book last (the order of
    ``KINDS``), then ``notes``. ``credit``: sourced rows of tables used to choose or order
    what is drawn (not drawn themselves), credited in the same line."""
    rows = data if credit is None else pd.concat([data, credit.filter(SOURCE_COLUMNS)])
    _check(rows)
    family = rows["bron_soort"].replace({"statline_table_page": STATLINE})  # a table once
    groups = dict(list(rows.groupby(family, sort=False)))
    order = sorted(groups, key=lambda kind: KINDS.index(kind) if kind in KINDS else len(KINDS))
    parts = [_phrase(kind, groups[kind]) for kind in order]
    return f"{text('bron')}: " + "; ".join([*parts, *notes])


def row_sources(data: pd.DataFrame) -> pd.Series:
    """Each row's own source, in the words of a source line (``CBS, tabel 71488ned (2025)``):
    of its own year, where the line names years (a monitor of 2016, not of 2012, 2016 and 2020)."""
    year = [c for c in ("periode", "jaar") if c in data][:1]
    keys = [c for c in SOURCE_COLUMNS if c in data] + year
    found = pd.Series("", index=data.index, dtype="object")
    for _, rows in data.groupby(keys, sort=False, dropna=False):
        found[rows.index] = source_line(rows).split(": ", 1)[1]
    return found
