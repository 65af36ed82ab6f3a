"""The data set of a table, page by page, straight into Arrow columns.

Every page is checked against the table's metadata before it is kept: each listed dimension
and topic present in every row (null allowed, absent not), dimension codes present, topic values
finite numbers (or CBS's symbols for "no figure"). A page Arrow cannot read that way is read
again with Python's ``json`` for a precise error, if it is at most :data:`SLOW_LIMIT` bytes;
any failure to parse is a :class:`~eenzaamheid.errors.CbsDataError`. ``odata.nextLink`` is
followed only on the server asked. When the server pages with ``$skip`` (CBS does), the next
pages are fetched a few at a time (:data:`~eenzaamheid.data.http.MAX_PARALLEL`); otherwise one
after another. Whether the pages together are the whole table is :mod:`.cube`'s check.
"""

from __future__ import annotations

import math
import re
import threading
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

from ..errors import CbsDataError
from .http import MAX_PARALLEL, Connection, NotOData, odata_document
from .tidy import MISSING_SYMBOLS

MAX_PAGES = 100_000  # a guard against a server that links pages in a circle
SLOW_LIMIT = 8 << 20  # bytes: larger pages Arrow cannot read are refused, not read by Python
_PARSE_ERRORS = (pa.ArrowException, ValueError, TypeError, OverflowError, RecursionError)


class Columns:
    """What every row must have: dimension codes (text), topics (numbers or text)."""

    def __init__(
        self, table: str, dimensions: Sequence[str], numbers: Sequence[str], texts: Sequence[str]
    ):
        self.table = table
        self.dimensions, self.numbers, self.texts = list(dimensions), list(numbers), list(texts)
        self.keys = self.dimensions + self.numbers + self.texts
        self._schema_types = {
            k: pa.float64() if k in self.numbers else pa.string() for k in self.keys
        }
        fields = pa.struct(list(self._schema_types.items()))
        self._schema = pa.schema([("value", pa.list_(fields))])
        self._parsing = threading.Lock()

    def parse(self, body: bytes | bytearray, page: int) -> tuple[pa.RecordBatch, int, str | None]:
        """A page's rows as an Arrow batch, their number and its next link. Arrow's JSON
        reader (C++, without Python's lock, so pages parse while others download); a page
        it cannot read the way the metadata says goes through :meth:`batch` row by row."""
        try:
            batch, rows, link = self._parse_fast(body, page)
        except (CbsDataError, NotOData):  # NotOData: asked again
            raise
        except _PARSE_ERRORS as exc:
            raise self._unreadable(page, exc) from exc
        for key in self.numbers:
            self._check_finite(key, batch.column(key), page)
        return batch, rows, link

    def _parse_fast(
        self, body: bytes | bytearray, page: int
    ) -> tuple[pa.RecordBatch, int, str | None]:
        if self.keys and body.count(b"{") - 1 > _count(body, self.keys[0]):
            return self._parse_slowly(body, page)  # objects beyond the rows: look closer
        try:
            table = pj.read_json(
                pa.BufferReader(pa.py_buffer(body)),
                read_options=pj.ReadOptions(use_threads=False, block_size=len(body) + 1),
                parse_options=pj.ParseOptions(
                    explicit_schema=self._schema,
                    unexpected_field_behavior="infer",
                    newlines_in_values=b"\n" in body,
                ),
            )
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            table = None
        if table is None or table.num_rows != 1 or table.column("value").null_count:
            return self._parse_slowly(body, page)
        rows = table.column("value").combine_chunks().values
        if not _every_field_in_every_row(body, table, rows) and any(
            _count(body, k) != len(rows) for k in self.keys
        ):  # a key absent from some rows
            return self._parse_slowly(body, page)
        arrays = dict(zip(rows.type.names, rows.flatten(), strict=True)) if len(rows) else {}
        for key in self.dimensions:
            if key in arrays and arrays[key].null_count:
                raise self._no_code(key, arrays[key].null_count, page)
        batch = pa.RecordBatch.from_arrays(
            [arrays.get(k, pa.nulls(0, self._schema_types[k])) for k in self.keys], names=self.keys
        )
        link = (
            table.column("odata.nextLink")[0].as_py()
            if "odata.nextLink" in table.column_names
            else None
        )
        return batch, len(rows), link if isinstance(link, str) else None

    def _parse_slowly(
        self, body: bytes | bytearray, page: int
    ) -> tuple[pa.RecordBatch, int, str | None]:
        if len(body) > SLOW_LIMIT:
            raise CbsDataError(
                f"{self.table}: page {page} from CBS ({len(body) >> 20} MiB) does not have "
                "the table's fields, as numbers or text, in every row; nothing was cached. "
                "Try again later or use the cache or snapshot."
            )
        with self._parsing:  # one page of Python objects at a time
            document = odata_document(body)
            del body
            link = document.get("odata.nextLink")
            return (
                self.batch(document["value"], page),
                len(document["value"]),
                link if isinstance(link, str) else None,
            )

    def _unreadable(self, page: int, exc: BaseException) -> CbsDataError:
        return CbsDataError(
            f"{self.table}: page {page} from CBS cannot be read ({type(exc).__name__}: "
            f"{str(exc)[:80]}); nothing was cached. Try again later or use the cache or snapshot."
        )

    def _check_finite(self, key: str, values: pa.Array, page: int) -> None:
        bad = pc.sum(pc.invert(pc.is_finite(values))).as_py()
        if bad:
            raise CbsDataError(
                f"{self.table}: page {page} from CBS has {bad} values in topic {key} that are "
                "infinite or not-a-number; nothing was cached. Try again later or use the "
                "cache or snapshot."
            )

    def batch(self, rows: list, page: int) -> pa.RecordBatch:
        """One page as an Arrow batch; a clear error when it does not fit the metadata."""
        arrays = []
        try:
            for key in self.keys:
                values = [row[key] for row in rows]
                arrays.append(self._array(key, values, page))
        except (KeyError, TypeError) as exc:
            raise self._missing(rows, page) from exc
        return pa.RecordBatch.from_arrays(arrays, names=self.keys)

    def _array(self, key: str, values: list, page: int) -> pa.Array:
        if key in self.numbers:
            if not any(isinstance(v, bool) for v in values):  # Arrow would take True as 1
                try:
                    return pa.array(values, type=pa.float64())
                except (pa.ArrowInvalid, pa.ArrowTypeError):
                    pass
            return pa.array(self._numbers(key, values, page), type=pa.float64())
        try:
            array = pa.array(values, type=pa.string())
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise CbsDataError(
                f"{self.table}: page {page} from CBS has values in {key} that are not text "
                f"(e.g. {next(v for v in values if not isinstance(v, str | None))!r}); nothing "
                "was cached. Try again later or use the cache or snapshot."
            ) from exc
        if key in self.dimensions and array.null_count:
            raise self._no_code(key, array.null_count, page)
        return array

    def _no_code(self, key: str, count: int, page: int) -> CbsDataError:
        return CbsDataError(
            f"{self.table}: page {page} from CBS has {count} rows without a code in dimension "
            f"{key}; nothing was cached. Try again later or use the cache or snapshot."
        )

    def _numbers(self, key: str, values: list, page: int) -> list[float | None]:
        """Numbers sent as text, as some servers do; CBS's symbols for "no figure" become NA."""
        out = []
        for value in values:
            if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
                out.append(value)
                continue
            text = str(value).strip() if isinstance(value, str) else None
            if text in MISSING_SYMBOLS:
                out.append(None)
                continue
            try:
                number = float(text)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                number = math.nan
            if not math.isfinite(number):
                raise CbsDataError(
                    f"{self.table}: page {page} from CBS has {value!r} in topic {key}, which is "
                    "neither a finite number nor a CBS symbol for 'no figure'; nothing was cached."
                )
            out.append(number)
        return out

    def _missing(self, rows: list, page: int) -> CbsDataError:
        if not all(isinstance(row, dict) for row in rows):
            return CbsDataError(
                f"{self.table}: page {page} from CBS holds rows that are not objects; nothing was cached."
            )
        missing = [k for k in self.keys if any(k not in row for row in rows)]
        present = {k: sum(k in row for row in rows) for k in missing}
        partly = [k for k in missing if present[k]]
        if partly:
            kind = "dimension" if partly[0] in self.dimensions else "topic"
            return CbsDataError(
                f"{self.table}: page {page} from CBS has {kind} {partly[0]} in {present[partly[0]]} "
                f"of its {len(rows)} rows (absent, not null, in the others); nothing was cached "
                "and the cached copy is untouched. Try again later or use the cache or snapshot."
            )
        kinds = [
            f"{kind} {[k for k in missing if k in group]}"
            for kind, group in (
                ("dimension", self.dimensions),
                ("topic", self.numbers + self.texts),
            )
            if any(k in group for k in missing)
        ]
        return CbsDataError(
            f"{self.table}: the data CBS sent lacks {' and '.join(kinds)} that the table's "
            f"metadata lists (page {page}; renamed or withdrawn?); nothing was cached and "
            "the cached copy is untouched. Try again later, or load with select= the topics "
            "that exist, or use source='cache' or 'snapshot'."
        )


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
            batches += _parallel(connection, query, page_size, columns)
        else:
            batches += _serial(connection, link, columns, start=2)
    return pa.Table.from_batches(batches, schema=batches[0].schema)


def _every_field_in_every_row(body: bytes | bytearray, table: pa.Table, rows: pa.Array) -> bool:
    """Whether the page has exactly one pair per field in every row: its ``":`` outside strings
    (inside one, a quote is escaped) number rows x fields plus the top-level fields. Two scans of
    the page instead of one per key; False (and so a count per key) when it cannot tell."""
    nested = [f for f in (*rows.type, *table.schema) if f.name != "value"]
    if any(pa.types.is_nested(f.type) for f in nested):
        return False
    pairs = body.count(b'":') - body.count(b'\\":')
    return pairs == len(rows) * rows.type.num_fields + table.num_columns


def _count(body: bytes | bytearray, key: str) -> int:
    """How often the page names ``key`` as a field (``"key":``, whitespace allowed)."""
    exact = body.count(f'"{key}":'.encode())
    if exact or not re.search(rf'"{re.escape(key)}"\s'.encode(), body):
        return exact
    return len(re.findall(rf'"{re.escape(key)}"\s*:'.encode(), body))


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
        if link in seen or page > MAX_PAGES:
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
    connection: Connection, query: str, size: int, columns: Columns
) -> list[pa.RecordBatch]:
    """Pages 2, 3, ... fetched a few at a time with ``$top``/``$skip``, kept in order. A page
    shorter than the first is the last (with ``$top`` an OData server sends no next link);
    pages asked beyond it are dropped. A short page that still links on is followed."""

    def fetch(page: int) -> tuple[pa.RecordBatch, int, str | None]:
        url = _with_skip(query, (page - 1) * size, size)
        convert = _converter(connection, columns, url, page)
        return connection.get_json(url, what=f"the data (page {page})", then=convert)

    batches: list[pa.RecordBatch] = []
    pending: deque[Future] = deque()
    with ThreadPoolExecutor(MAX_PARALLEL) as pool:
        page = 2
        try:
            while True:
                while len(pending) < MAX_PARALLEL and page <= MAX_PAGES:
                    pending.append(pool.submit(fetch, page))
                    page += 1
                batch, rows, next_link = pending.popleft().result()
                if rows:
                    batches.append(batch)
                if rows == size:
                    continue
                for future in pending:
                    future.cancel()
                if next_link:  # the server pages differently after all: go on one by one
                    batches += _serial(connection, next_link, columns, start=page - len(pending))
                return batches
        except BaseException:
            connection.abort(pending)
            raise
