"""Where every drawn number comes from, row by row, and the source line written from it.

Rows carry their provenance in three columns: ``bron_soort`` (the kind of source),
``tabel`` (a CBS table id, or the name of another source) and ``bron_url``. A chart's source
line is written from exactly the kinds of source its rows have, so it can never name a source
the chart does not draw, nor leave one out.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd

from .words import listed, say, text

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
# The columns every drawn row keeps: ``rows[[..., *ch.SOURCE_COLUMNS]]``.
SOURCE_COLUMNS = ("bron_soort", "tabel", "bron_url", "bron_datum")
# Snapshot tables that are not CBS StatLine tables, by layout: their kind of source, and how
# the table is named in the rows (the snapshot id, or Eurostat's own dataset id).
OTHER_LAYOUTS = {
    "rivm-export": ("rivm_table", lambda table_id: table_id),
    "eurostat-sdmx": ("eurostat", lambda table_id: table_id.removeprefix("eurostat-")),
}


def sourced(frame: pd.DataFrame) -> pd.DataFrame:
    """A loaded table with its provenance on every row, from ``frame.attrs["meta"]``.

    Tables transcribed from web pages already carry it; rows of a StatLine table get
    ``bron_soort="statline"``, the table id and the retrieval date, except periods that the
    snapshot took from the table's web page (their provenance record lists them).
    """
    meta = frame.attrs["meta"]
    if meta.layout == "transcription":  # each row names its page; no page's date was recorded
        return frame.assign(bron_datum="") if "bron_datum" not in frame else frame
    from_page = {
        period: source["source"].get("url") or source["source"].get("urls", [""])[0]
        for source in meta.sources
        if source.get("kind") == "page-transcription"
        for period in source.get("periods", [])
    }
    if meta.layout in OTHER_LAYOUTS:
        kind, name = OTHER_LAYOUTS[meta.layout]
        return frame.assign(
            bron_soort=kind, tabel=name(meta.table_id), bron_url="", bron_datum=meta.retrieved_at
        )
    on_page = frame["periode_code"].isin(list(from_page))
    out = frame.assign(
        bron_soort=STATLINE,
        tabel=meta.cbs_table,
        bron_url=meta.origin if meta.origin.startswith("http") else "",
        bron_datum=meta.retrieved_at[:10],
    )
    out.loc[on_page, "bron_soort"] = "statline_table_page"
    out.loc[on_page, "bron_url"] = frame.loc[on_page, "periode_code"].map(from_page)
    out.loc[on_page, "bron_datum"] = ""  # the page's date was not recorded
    return out


def book_rows(values: pd.DataFrame, claim_id: str) -> pd.DataFrame:
    """The book's figures as rows of a chart's data, marked as the book's (``bron_soort``)."""
    return values.assign(bron_soort=BOOK, tabel=claim_id, bron_url="", bron_datum="")


def _year(date: object) -> str:
    text_date = str(date or "")
    return text_date[:4] if text_date[:4].isdigit() else ""


def _hosts(urls: pd.Series) -> str:
    hosts = sorted({urlsplit(u).netloc.removeprefix("www.") for u in urls.dropna() if u})
    return ", ".join(hosts)


def _tables(rows: pd.DataFrame) -> str:
    """``tabel 71488ned (2025)`` or ``tabellen 37296ned (2024) en 71488ned (2025)``."""
    dates = rows["bron_datum"] if "bron_datum" in rows else pd.Series("", index=rows.index)
    named = []
    for table, years in rows.assign(jaar=dates.map(_year)).groupby("tabel", sort=False)["jaar"]:
        year = max(years)
        named.append(f"{table} ({year})" if year else str(table))
    return f"{text('tabel' if len(named) == 1 else 'tabellen')} {listed(named)}"


def _years(rows: pd.DataFrame) -> str:
    """``2012, 2016 en 2020``: the periods of the rows, when they have them."""
    years = sorted(rows["periode"].dropna().astype(str).unique()) if "periode" in rows else []
    return listed(years) if years else ""


def _eurostat(names: str) -> str:
    """``Eurostat (ilc_lvph03), EU-SILC-enquête``: the ilc_ datasets are EU-SILC's."""
    silc = all(name.strip().startswith("ilc_") for name in names.split(","))
    survey = say(nl=", EU-SILC-enquête", en=", EU-SILC survey") if silc else ""
    return f"Eurostat ({names}){survey}"


def _phrase(kind: str, rows: pd.DataFrame) -> str:
    hosts = _hosts(rows["bron_url"]) if "bron_url" in rows else ""
    names = ", ".join(dict.fromkeys(str(t) for t in rows["tabel"] if t))
    when = f" {_years(rows)}" if _years(rows) else ""
    phrases = {
        STATLINE: lambda: f"CBS, {_tables(rows)}",
        "statline_table_page": lambda: say(
            nl=f"CBS, {_tables(rows)}, overgenomen van cbs.nl",
            en=f"CBS, {_tables(rows)}, transcribed from cbs.nl",
        ),
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
            "(modelschattingen)",
            en=f"RIVM/CBS/GGDs, Health Monitor Adults and Elderly{when} (model estimates)",
        ),
        "eurostat": lambda: _eurostat(names),
        BOOK: lambda: say(nl="het boek (claimregister)", en="the book (claim register)"),
        "study": lambda: names,
    }
    if kind not in phrases:
        raise ValueError(f"unknown source kind {kind!r} in bron_soort; known kinds: {KINDS}")
    return phrases[kind]()


def _check_columns(data: pd.DataFrame) -> None:
    missing = [c for c in ("bron_soort", "tabel") if c not in data]
    if missing:
        raise ValueError(
            f"the chart's data has no {missing} column: give every row its source, e.g. with "
            "ch.sourced(load(...)) or ch.book_rows(...)"
        )


def source_line(data: pd.DataFrame, notes: tuple[str, ...] = ()) -> str:
    """``Bron: CBS, tabel 71488ned (2025); het boek (claimregister)``: every kind of source the
    rows have, CBS tables first and the book last (the order of ``KINDS``), then ``notes``."""
    _check_columns(data)
    groups = dict(list(data.groupby("bron_soort", sort=False)))
    order = sorted(groups, key=lambda kind: KINDS.index(kind) if kind in KINDS else len(KINDS))
    parts = [_phrase(kind, groups[kind]) for kind in order]
    return f"{text('bron')}: " + "; ".join([*parts, *notes])


def row_sources(data: pd.DataFrame) -> pd.Series:
    """Each row's own source, in the words of a source line (``CBS, tabel 71488ned (2025)``)."""
    _check_columns(data)
    keys = [c for c in SOURCE_COLUMNS if c in data]
    found = pd.Series("", index=data.index, dtype="object")
    for _, rows in data.groupby(keys, sort=False, dropna=False):
        found[rows.index] = source_line(rows).split(": ", 1)[1]
    return found
