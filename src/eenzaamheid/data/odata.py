"""Live CBS data through the OData v3 API, read with ``cbsodata`` (pinned to 1.3.5).

The server is the ``odata_url`` setting (``$CBS_ODATA_URL``, default ``https://opendata.cbs.nl``),
so tests and offline mirrors can point the real client at a local server.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from urllib.parse import urlsplit

import cbsodata
import pandas as pd
import requests

from .. import settings
from ..errors import CbsUnavailableError, UnknownFieldError, UnknownTableError
from .meta import Dimension, TableMeta, Topic, column_name
from .tidy import check_selection, tidy_frame

log = logging.getLogger(__name__)

TIMEOUT = 30  # seconds per request; cbsodata has none by default and can hang forever
RETRIES = 3
BACKOFF = 0.5  # seconds before the first retry; doubles each time
_DIMENSION_TYPES = {"Dimension", "TimeDimension", "GeoDimension", "GeoDetail"}
_RETRYABLE = (
    requests.ConnectionError,
    requests.Timeout,
    json.JSONDecodeError,
    KeyError,  # a body without "value": a proxy or error page instead of OData
)


def server_url() -> str:
    return settings.current().odata_url.rstrip("/")


@contextmanager
def _client():
    """cbsodata settings for this call: scheme, host and proxies; restored afterwards."""
    url = urlsplit(server_url())
    saved = (cbsodata.options.use_https, dict(cbsodata.options.requests))
    cbsodata.options.use_https = url.scheme == "https"
    # cbsodata copies http_proxy at import and so ignores NO_PROXY; ask requests instead.
    cbsodata.options.requests["proxies"] = requests.utils.get_environ_proxies(server_url()) or {
        "http": None,
        "https": None,
    }
    try:
        yield {"catalog_url": url.netloc, "timeout": TIMEOUT}
    finally:
        cbsodata.options.use_https, cbsodata.options.requests = saved[0], saved[1]


def _call(what: str, func, *args, **kwargs):
    """Run a cbsodata call with retries and back-off; turn failures into clear errors."""
    for attempt in range(1, RETRIES + 1):
        try:
            return func(*args, **kwargs)
        except requests.HTTPError as exc:
            # cbsodata re-raises without the response; the original error is the cause
            response = (
                exc.response
                if exc.response is not None
                else getattr(exc.__cause__, "response", None)
            )
            status = response.status_code if response is not None else None
            if status == 404:
                raise UnknownTableError(
                    f"CBS does not know {what} (404 from {server_url()}). Find valid table ids "
                    "with `python -m eenzaamheid tables --live` or on https://opendata.cbs.nl/statline"
                ) from exc
            error: Exception = exc
            if status is not None and status < 500:
                break
        except _RETRYABLE as exc:
            error = exc
        if attempt < RETRIES:
            delay = BACKOFF * 2 ** (attempt - 1)
            log.warning(
                "CBS request for %s failed (%s); retry in %.1f s", what, _short(error), delay
            )
            time.sleep(delay)
    raise CbsUnavailableError(
        f"CBS OData at {server_url()} could not deliver {what} after {RETRIES} tries: "
        f"{type(error).__name__}: {error}. Saved data in the cache and data/snapshot/ is untouched; "
        "use source='snapshot' or source='auto' to work offline."
    ) from error


def _short(error: Exception) -> str:
    """One line for a log: the HTTP status text, or else the kind of error."""
    if isinstance(error, requests.HTTPError):
        return str(error).split(" for url")[0][:80]
    return type(error).__name__


def fetch_meta(table_id: str) -> TableMeta:
    """Title, dimensions and topics of a CBS table (TableInfos + DataProperties)."""
    with _client() as kw:
        info = _call(f"table {table_id!r}", cbsodata.get_info, table_id, **kw) or {}
        props = _call(
            f"{table_id}/DataProperties", cbsodata.get_meta, table_id, "DataProperties", **kw
        )
    return TableMeta(
        table_id=table_id,
        title=info.get("Title", ""),
        dimensions=[
            Dimension(p["Key"], p["Title"], column_name(p["Key"]))
            for p in props
            if p.get("Type") in _DIMENSION_TYPES
        ],
        topics=[
            Topic(
                p["Key"],
                p["Title"],
                (p.get("Unit") or "").strip(),
                int(p["Decimals"]) if str(p.get("Decimals") or "").isdigit() else None,
                (p.get("Description") or "").strip(),
                "text" if p.get("Datatype") == "String" else "number",
            )
            for p in props
            if p.get("Type") == "Topic"
        ],
        source="live",
        origin=f"{server_url()}/ODataFeed/odata/{table_id}",
        period_range=info.get("Period", ""),
        notes=[f"CBS last modified the table on {info.get('Modified', '?')}"],
    )


def _odata_filter(filters: Mapping[str, Iterable[str]], codes: Mapping[str, list[str]]) -> str:
    """``{"RegioS": ["NL01"]}`` -> ``(RegioS eq 'NL01  ')``, with CBS's own padding."""
    clauses = []
    for key, wanted in filters.items():
        padded = {c.strip(): c for c in codes[key]}
        values = [wanted] if isinstance(wanted, str) else list(wanted)
        unknown = [v for v in values if v.strip() not in padded]
        if unknown:
            raise UnknownFieldError(
                f"no code {unknown} in {key}; codes there: {sorted(padded)[:30]}"
            )
        clauses.append(" or ".join(f"{key} eq '{padded[v.strip()]}'" for v in values))
    return " and ".join(f"({c})" for c in clauses)


def fetch_table(
    table_id: str,
    filters: Mapping[str, str | Iterable[str]] | None = None,
    select: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Download (a selection of) a CBS table and return it tidy, with ``attrs["meta"]``."""
    meta = fetch_meta(table_id)
    check_selection(meta, filters, select)
    dim_keys = [d.key for d in meta.dimensions]
    filters = {
        next(d.key for d in meta.dimensions if k in (d.key, d.column)): v
        for k, v in (filters or {}).items()
    }
    with _client() as kw:
        code_lists = {
            key: _call(f"{table_id}/{key}", cbsodata.get_meta, table_id, key, **kw)
            for key in dim_keys
        }
        query = _odata_filter(filters, {k: [r["Key"] for r in v] for k, v in code_lists.items()})
        columns = None if select is None else dim_keys + list(select)
        rows = _call(
            f"{table_id}/TypedDataSet",
            cbsodata.cbsodata3._download_metadata,  # the paged download behind get_data
            table_id,
            "TypedDataSet",
            select=columns,
            filters=query or None,
            **kw,
        )
    if select is not None:
        meta.topics = [t for t in meta.topics if t.key in set(select)]
    labels = {k: {r["Key"].strip(): r["Title"] for r in v} for k, v in code_lists.items()}
    status = {r["Key"].strip(): r.get("Status") for r in code_lists.get("Perioden", [])}
    frame = tidy_frame(pd.DataFrame(rows, columns=dim_keys + meta.topic_keys), meta, labels, status)
    meta.retrieved_at = datetime.now(UTC).isoformat(timespec="seconds")
    meta.selection = {
        "filters": {k: list(v) if not isinstance(v, str) else [v] for k, v in filters.items()},
        "select": columns,
    }
    frame.attrs["meta"] = meta
    return frame
