"""The data set of a table, page by page (each read by :class:`~.rows.Columns`).

``odata.nextLink`` is followed only on the server asked. When the server pages with ``$skip``
(CBS does), the next pages are fetched a few at a time
(:data:`~eenzaamheid.data.http.MAX_PARALLEL`); otherwise one after another. Whether the pages
together are the whole table is :mod:`.cube`'s check.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pyarrow as pa

from ..errors import CbsDataError
from .http import MAX_PARALLEL, Connection
from .rows import Columns

MAX_PAGES = 100_000  # a guard against a server that links pages in a circle


def download(connection: Connection, url: str, params: dict, columns: Columns) -> pa.Table:
    """Every page of ``url`` (a TypedDataSet) as one Arrow table, in the server's order."""
    batch, page_size, link = connection.get_json(
        url, params, what="the data (page 1)", then=_converter(connection, columns, url, 1)
    )
    batches = [batch]
    if link:
        if _skip(link) == page_size > 0:
            # our own query with $top/$skip, not the link: $filter and $select as we sent them
            query = f"{url}?{urlencode(params)}"
            batches += _parallel(connection, query, batch, columns)
        else:
            batches += _serial(connection, link, columns, start=2)
    return pa.Table.from_batches(batches, schema=batches[0].schema)


def _converter(connection: Connection, columns: Columns, url: str, page: int):
    """What is kept of a page: its rows as a batch, their number and the checked next link."""

    def convert(body: bytearray) -> tuple[pa.RecordBatch, int, str | None]:
        batch, rows, link = columns.parse(body, page)
        return batch, rows, connection.same_origin(link, url) if link else None

    return convert


def _skip(link: str) -> int | None:
    query = dict(parse_qsl(urlsplit(link).query))
    try:
        return int(query["$skip"])
    except (KeyError, ValueError):
        return None


def _with_skip(link: str, skip: int, top: int) -> str:
    parts = urlsplit(link)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("$skip", "$top")]
    query += [("$top", str(top)), ("$skip", str(skip))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _serial(
    connection: Connection, link: str | None, columns: Columns, start: int
) -> list[pa.RecordBatch]:
    batches, seen, page = [], set(), start
    while link:
        if page > MAX_PAGES:
            raise CbsDataError(
                f"{columns.table}: CBS's answer runs to more than {MAX_PAGES} pages without a "
                "last one; nothing was cached. Try again later."
            )
        if link in seen:
            raise CbsDataError(
                f"{columns.table}: CBS's pages link back to a page already read ({link}); "
                "nothing was cached. Try again later."
            )
        seen.add(link)
        batch, _, link = connection.get_json(
            link, what=f"the data (page {page})", then=_converter(connection, columns, link, page)
        )
        batches.append(batch)
        page += 1
    return batches


def _parallel(
    connection: Connection, query: str, first: pa.RecordBatch, columns: Columns
) -> list[pa.RecordBatch]:
    """Pages 2, 3, ... fetched a few at a time with ``$top``/``$skip``, kept in order. A page
    shorter than the first is the last (with ``$top`` an OData server sends no next link);
    pages asked beyond it are dropped. A short page that still links on is followed. A full
    page with the first page's rows (a server that ignores ``$skip``), or more pages than
    :data:`MAX_PAGES`, is a CbsDataError."""
    size = first.num_rows

    def fetch(page: int) -> tuple[pa.RecordBatch, int, str | None]:
        url = _with_skip(query, (page - 1) * size, size)
        convert = _converter(connection, columns, url, page)
        return connection.get_json(url, what=f"the data (page {page})", then=convert)

    batches: list[pa.RecordBatch] = []
    pending: deque[tuple[int, Future]] = deque()
    with ThreadPoolExecutor(MAX_PARALLEL) as pool:
        page = 2
        try:
            while True:
                while len(pending) < MAX_PARALLEL and page <= MAX_PAGES:
                    pending.append((page, pool.submit(fetch, page)))
                    page += 1
                if not pending:
                    raise CbsDataError(
                        f"{columns.table}: CBS's answer runs to more than {MAX_PAGES} pages "
                        "without a last one; nothing was cached. Try again later."
                    )
                number, future = pending.popleft()
                batch, rows, next_link = future.result()
                if rows == size and batch.equals(first):
                    raise CbsDataError(
                        f"{columns.table}: CBS answered page {number} with the same rows as "
                        "page 1 (a server that ignores $skip does); nothing was cached. Try "
                        "again later."
                    )
                if rows:
                    batches.append(batch)
                if rows == size:
                    continue
                for _, later in pending:
                    later.cancel()
                if next_link:  # the server pages differently after all: go on one by one
                    batches += _serial(connection, next_link, columns, start=number + 1)
                return batches
        except BaseException:
            connection.abort(future for _, future in pending)
            raise
