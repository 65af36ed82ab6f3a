"""Live CBS data through the OData v3 API.

The server is the ``odata_url`` setting (``$CBS_ODATA_URL``, default ``https://opendata.cbs.nl``;
a host alone, as ``cbsodata`` takes it, means https), so tests and mirrors can use a local
server. The URL layout is CBS's (and ``cbsodata``'s): ``/ODataFeed/odata/<table>/<entity>``
and the catalogue at ``/ODataCatalog/Tables``. Requests go through :mod:`.http` (one deadline
per call, retries, only the server asked) and pages through :mod:`.pages` (checked, in columns).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pandas as pd
import pyarrow as pa
from cbsodata.cbsodata3 import BULK, CATALOG

from .. import settings
from ..errors import CbsDataError, SettingsError, UnknownTableError
from .cube import check_codes, check_cube, check_once
from .http import Connection, redact
from .meta import Dimension, TableMeta, Topic, column_name
from .pages import MAX_PAGES, download
from .rows import Columns
from .tidy import check_selection, resolve_codes, tidy_frame

log = logging.getLogger(__name__)

TIMEOUT = 30  # seconds one read may wait; the whole call has the deadline (EENZAAMHEID_TIMEOUT)
RETRIES = 3
BACKOFF = 0.5  # seconds before the first retry; doubles each time
_DIMENSION_TYPES = {"Dimension", "TimeDimension", "GeoDimension", "GeoDetail"}
CATALOGUE_FIELDS = ["Identifier", "Title", "ShortTitle", "ShortDescription", "Summary",
                    "Modified", "Period", "Language", "Catalog", "Frequency"]  # fmt: skip


class TableRevised(CbsDataError):
    """CBS published a new version of the table during the download."""


def current() -> settings.Settings:
    """The settings in force; a bad environment variable becomes a clear SettingsError."""
    try:
        return settings.current()
    except ValueError as exc:
        raise SettingsError(f"{exc}; fix the environment variable or call configure()") from exc


def server_url() -> str:
    """The server from the settings, checked; a host alone gets https:// (cbsodata's way)."""
    raw = current().odata_url.strip()
    url = (raw if "://" in raw else f"https://{raw}").rstrip("/")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises for a port that is not a number)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or " " in raw:
        raise SettingsError(
            f"CBS_ODATA_URL {redact(raw)[:80]!r} is not a server address; set it like "
            "https://opendata.cbs.nl or http://127.0.0.1:8008"
        )
    return url


def connect(table: str, timeout: float | None = None) -> Connection:
    """A connection to the CBS server for one call, within ``timeout`` seconds in all."""
    server = server_url()
    assumed = "://" not in current().odata_url
    hint = (
        "; CBS_ODATA_URL names no scheme, so https:// was assumed (as cbsodata does): for a "
        "plain-HTTP mirror write http://..."
        if assumed
        else ""
    )
    seconds = timeout if timeout is not None else current().timeout
    return Connection(
        server, table=table, timeout=seconds, read_timeout=TIMEOUT, retries=RETRIES,
        backoff=BACKOFF, max_bytes=int(current().max_response_mb * 2**20), hint=hint,
    )  # fmt: skip


def table_url(connection: Connection, table_id: str, entity: str = "") -> str:
    return f"{connection.server}/{BULK}/{table_id}/{entity}".rstrip("/")


def _entity(
    connection: Connection, table_id: str, entity: str, params: dict | None = None
) -> list[dict]:
    """Every row of a small entity (TableInfos, DataProperties, a code list), all its pages;
    refused when an entry comes twice (:func:`check_once`)."""
    on_404 = (
        UnknownTableError(
            f"CBS does not know table {table_id!r} (404 from {connection.shown}). Find "
            "table ids with eenzaamheid.search('word') or `python -m eenzaamheid search word`."
        )
        if entity == "TableInfos"
        else CbsDataError(
            f"{table_id}: the server lists {entity} in the table's metadata but has no "
            "such entity (404); nothing was cached. Try again later."
        )
    )
    link: str | None = table_url(connection, table_id, entity)
    query: dict | None = {"$format": "json", **(params or {})}
    rows: list[dict] = []
    seen: set[str] = set()
    while link:
        if link in seen or len(seen) > MAX_PAGES:
            raise CbsDataError(
                f"{table_id}: the pages of {entity} link back in a circle; nothing was cached."
            )
        seen.add(link)
        body = connection.get_json(link, query, what=f"{table_id}/{entity}", on_404=on_404)
        rows += [row for row in body["value"] if isinstance(row, dict)]
        next_link = body.get("odata.nextLink")
        link = connection.same_origin(str(next_link), link) if next_link else None
        query = None
    check_once(f"{table_id}: {entity}", [row.get("ID", row.get("Key")) for row in rows])
    return rows


def _meta(connection: Connection, table_id: str) -> TableMeta:
    """The table's metadata (the date CBS last changed it: :func:`_modified`, the first note)."""
    return _meta_and_modified(connection, table_id)[0]


def _meta_and_modified(connection: Connection, table_id: str) -> tuple[TableMeta, str]:
    info, props = connection.map(
        lambda entity: _entity(connection, table_id, entity), ["TableInfos", "DataProperties"]
    )
    if not any(p.get("Type") == "Topic" for p in props if isinstance(p, dict)):
        raise CbsDataError(
            f"{table_id}: CBS lists no topics for this table (DataProperties has "
            f"{len(props)} entries); nothing was cached. Try again later."
        )
    if not info:
        raise CbsDataError(
            f"{table_id}: CBS's TableInfos came back empty (no title, no date of the last "
            "change); nothing was cached. Try again later."
        )
    info = info[0]
    try:
        meta = TableMeta(
            table_id=table_id,
            title=str(info.get("Title") or ""),
            dimensions=[
                Dimension(p["Key"], p.get("Title") or p["Key"], column_name(p["Key"]))
                for p in props
                if p.get("Type") in _DIMENSION_TYPES
            ],
            topics=[
                Topic(
                    p["Key"],
                    p.get("Title") or p["Key"],
                    (p.get("Unit") or "").strip(),
                    int(p["Decimals"]) if str(p.get("Decimals") or "").isdigit() else None,
                    (p.get("Description") or "").strip(),
                    "text" if p.get("Datatype") == "String" else "number",
                )
                for p in props
                if p.get("Type") == "Topic"
            ],
            source="live",
            origin=redact(table_url(connection, table_id)),
            period_range=str(info.get("Period") or ""),
            notes=[f"CBS last modified the table on {_modified(info)}"],
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise CbsDataError(
            f"{table_id}: CBS's DataProperties lack a key or title ({exc!r}); nothing was "
            "cached. Try again later."
        ) from exc
    return meta, _modified(info)


UNKNOWN_DATE = "an unknown date"


def _modified(info: dict) -> str:
    return str(info.get("Modified") or UNKNOWN_DATE)


def _check_unchanged(connection: Connection, table_id: str, modified: str) -> None:
    """:class:`TableRevised` when CBS changed the table since it was last ``modified``, as its
    metadata said: the pages read in between may mix old and new figures."""
    rows = _entity(connection, table_id, "TableInfos", {"$select": "Modified"})
    now = _modified(rows[0] if rows else {})
    if now != modified:
        raise TableRevised(
            f"{table_id}: CBS changed the table while it was being read (last modified on "
            f"{modified}, now on {now}), so its pages may mix old and new figures; nothing was "
            "cached and the cached copy is untouched. Try again in a few minutes."
        )


def fetch_meta(table_id: str, *, timeout: float | None = None) -> TableMeta:
    """Title, dimensions and topics of a CBS table (TableInfos + DataProperties)."""
    with connect(table_id, timeout) as connection:
        return _meta(connection, table_id)


def code_lists(connection: Connection, table_id: str, keys: list[str]) -> dict[str, list[dict]]:
    """The code list (Key, Title, Description, CategoryGroupID, Status) of each dimension."""
    lists = connection.map(lambda key: _entity(connection, table_id, key), keys)
    for key, rows in zip(keys, lists, strict=True):
        check_codes(table_id, key, rows)
    return dict(zip(keys, lists, strict=True))


def fetch_codes(table_id: str, dimension: str, *, timeout: float | None = None) -> pd.DataFrame:
    """Codes of one dimension with label, group and description, as CBS lists them."""
    with connect(table_id, timeout) as connection:
        meta = _meta(connection, table_id)
        key = check_selection(meta, {dimension: []}, None)[0]
        rows, groups = connection.map(
            lambda entity: _entity(connection, table_id, entity), [key, "CategoryGroups"]
        )
    check_codes(table_id, key, rows)
    titles = {str(g.get("ID")): g.get("Title") for g in groups}
    frame = pd.DataFrame(
        {
            "code": [str(r.get("Key", "")).strip() for r in rows],
            "label": [r.get("Title") for r in rows],
            "group": [titles.get(str(r.get("CategoryGroupID"))) for r in rows],
            "description": [(r.get("Description") or "").strip() or None for r in rows],
        },
        dtype="string",
    )
    meta.selection = {"codes": key}
    frame.attrs["meta"] = meta
    return frame


def fetch_catalogue(*, timeout: float | None = None) -> pd.DataFrame:
    """Every table in the CBS catalogue: id, title, period, modified, short description."""
    with connect("the CBS catalogue", timeout) as connection:
        url = f"{connection.server}/{CATALOG}/Tables"
        params = {"$format": "json", "$select": ",".join(CATALOGUE_FIELDS)}
        data = download(
            connection, url, params, Columns("the CBS catalogue", [], [], CATALOGUE_FIELDS)
        )
    if not data.num_rows:
        raise CbsDataError(
            "the CBS catalogue came back empty; nothing was cached and the cached copy is "
            "untouched. Try again later."
        )
    pairs = zip(
        data.column("Catalog").to_pylist(), data.column("Identifier").to_pylist(), strict=True
    )
    check_once("the CBS catalogue", [f"{catalog}/{table}" for catalog, table in pairs])
    frame = data.to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get)
    frame.attrs["origin"] = redact(url)
    return frame


def _tidy(table_id: str, rows: pd.DataFrame, meta: TableMeta, lists: dict) -> pd.DataFrame:
    labels = {k: {str(r["Key"]).strip(): r.get("Title") for r in v} for k, v in lists.items()}
    status = {str(r["Key"]).strip(): r.get("Status") for r in lists.get("Perioden", [])}
    try:
        return tidy_frame(rows, meta, labels, status)
    except ValueError as exc:  # a period code that is not one
        raise CbsDataError(
            f"{table_id}: the data CBS sent does not parse: {exc}; nothing was cached."
        ) from exc


def fetch_table(
    table_id: str,
    filters: Mapping[str, list[str]] | None = None,
    select: list[str] | None = None,
    *,
    timeout: float | None = None,
) -> pd.DataFrame:
    """Download (a selection of) a CBS table and return it tidy, with ``attrs["meta"]``.

    ``filters`` (dimension -> codes or labels) go to CBS as ``$filter``, so only the selected
    rows travel; every page is checked against the metadata before anything is returned, and
    a table CBS revised during the download is read once more, whole."""
    with connect(table_id, timeout) as connection:
        try:
            return _fetch(connection, table_id, filters, select)
        except TableRevised:
            log.info("%s: revised by CBS during the download; reading it again", table_id)
            return _fetch(connection, table_id, filters, select)


def _fetch(
    connection: Connection,
    table_id: str,
    filters: Mapping[str, list[str]] | None,
    select: list[str] | None,
) -> pd.DataFrame:
    meta, modified = _meta_and_modified(connection, table_id)
    if modified == UNKNOWN_DATE:
        raise CbsDataError(
            f"{table_id}: CBS's TableInfos came without the date the table was last changed, "
            "so a change during the download could not be seen; nothing was cached. Try again "
            "later."
        )
    keys = check_selection(meta, filters, select)
    filters = dict(zip(keys, (filters or {}).values(), strict=True))
    dim_keys = [d.key for d in meta.dimensions]
    lists = code_lists(connection, table_id, dim_keys)
    padded = {
        key: resolve_codes(table_id, key, wanted, [(r["Key"], r.get("Title")) for r in lists[key]])
        for key, wanted in filters.items()
    }
    if select is not None:
        meta.topics = [t for t in meta.topics if t.key in set(select)]
    params = {"$format": "json"}
    if select is not None:
        params["$select"] = ",".join(dim_keys + meta.topic_keys)
    if padded:
        params["$filter"] = " and ".join(
            "(" + " or ".join(f"{key} eq '{code}'" for code in codes) + ")"
            for key, codes in padded.items()
        )
    numbers = [t.key for t in meta.topics if t.datatype == "number"]
    texts = [t.key for t in meta.topics if t.datatype == "text"]
    data = download(
        connection, table_url(connection, table_id, "TypedDataSet"), params,
        Columns(table_id, dim_keys, numbers, texts, listed_only=True),
    )  # fmt: skip
    _check_unchanged(connection, table_id, modified)
    connection.check_deadline("the data")
    asked = {k: padded.get(k) or [r["Key"] for r in lists[k]] for k in dim_keys}
    meta.notes.append(check_cube(table_id, data, asked))
    rows = data.to_pandas(
        types_mapper={pa.string(): pd.StringDtype(), pa.float64(): pd.Float64Dtype()}.get
    )
    del data
    frame = _tidy(table_id, rows, meta, lists)
    connection.check_deadline("the data")
    meta.retrieved_at = datetime.now(UTC).isoformat(timespec="seconds")
    meta.selection = {
        "filters": {k: [c.strip() for c in v] for k, v in padded.items()},
        "select": params.get("$select", "").split(",") if select is not None else None,
    }
    meta.columns = list(frame.columns)
    frame.attrs["meta"] = meta
    log.info("%s: %d rows from %s", table_id, len(frame), meta.origin)
    return frame
