"""A page of a table's data set, checked and read straight into Arrow columns.

Every page is checked against the table's metadata before it is kept: each listed dimension
and topic present in every row (null allowed, absent not), nothing beyond them in a table's
data set, dimension codes present, topic values finite numbers (or CBS's symbols for "no
figure"). A page Arrow cannot read that way is read again with Python's ``json`` for a precise
error, if it is at most :data:`SLOW_LIMIT` bytes; a page that ends mid-document is asked again
(:class:`~eenzaamheid.data.http.NotOData`); any other failure to parse is a
:class:`~eenzaamheid.errors.CbsDataError`.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable, Sequence

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

from ..errors import CbsDataError
from .http import NotOData, odata_document
from .tidy import MISSING_SYMBOLS

SLOW_LIMIT = 8 << 20  # bytes: larger pages Arrow cannot read are refused, not read by Python
_PARSE_ERRORS = (pa.ArrowException, ValueError, TypeError, OverflowError, RecursionError)


class Columns:
    """What every row must have: dimension codes (text), topics (numbers or text). With
    ``listed_only`` (a table's data set), a row may hold nothing else but its ``ID``: a field
    beyond them is a topic the metadata failed to list, which would be lost without a word."""

    def __init__(
        self,
        table: str,
        dimensions: Sequence[str],
        numbers: Sequence[str],
        texts: Sequence[str],
        *,
        listed_only: bool = False,
    ):
        self.table = table
        self.dimensions, self.numbers, self.texts = list(dimensions), list(numbers), list(texts)
        self.keys = self.dimensions + self.numbers + self.texts
        self.listed_only = listed_only
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
        self._check_unlisted(rows.type.names, page, body)
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
        if not _ends_whole(body):  # the transport may not notice: ask again
            raise NotOData("an answer cut short (it ends mid-document)")
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

    def _check_unlisted(
        self, fields: Iterable[str], page: int, body: bytes | bytearray | None = None
    ) -> None:
        """With ``listed_only``: refuse fields beyond the metadata's, naming the listed ones
        absent too (together most likely a renamed topic); ``body``: the page, to find those
        when ``fields`` holds every field of the schema."""
        fields = set(fields)
        unlisted = sorted(fields - set(self.keys) - {"ID"}) if self.listed_only else []
        if not unlisted:
            return
        missing = [k for k in self.keys if (not _count(body, k) if body else k not in fields)]
        kind = "topics" if not set(missing) & set(self.dimensions) else "fields"
        lacks = f"lacks {missing[:5]} that the metadata lists and " if missing else ""
        raise CbsDataError(
            f"{self.table}: page {page} from CBS {lacks}has {kind} the table's metadata does "
            f"not list ({len(unlisted)}: {', '.join(unlisted[:5])}); "
            f"{'renamed? ' if missing else ''}its DataProperties came back incomplete or the "
            "table changed. Nothing was cached and the cached copy is untouched. Try again "
            "later or use the cache or snapshot."
        )

    def batch(self, rows: list, page: int) -> pa.RecordBatch:
        """One page as an Arrow batch; a clear error when it does not fit the metadata."""
        self._check_unlisted({k for row in rows if isinstance(row, dict) for k in row}, page)
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


def _every_field_in_every_row(body: bytes | bytearray, table: pa.Table, rows: pa.Array) -> bool:
    """Whether the page has exactly one pair per field in every row: its ``":`` outside strings
    (inside one, a quote is escaped) number rows x fields plus the top-level fields. Two scans of
    the page instead of one per key; False (and so a count per key) when it cannot tell."""
    nested = [f for f in (*rows.type, *table.schema) if f.name != "value"]
    if any(pa.types.is_nested(f.type) for f in nested):
        return False
    pairs = body.count(b'":') - body.count(b'\\":')
    return pairs == len(rows) * rows.type.num_fields + table.num_columns


_WHOLE_END = re.compile(  # a page's rows closed (``]``), then only plain fields: ``}``
    rb'\]\s*(?:,\s*"[^"\\]*"\s*:\s*(?:"(?:[^"\\]|\\.)*"|[-+.\w]+)\s*)*\}\s*$'
)


def _ends_whole(body: bytes | bytearray) -> bool:
    """False for a page that starts as a JSON object (``{``) and does not end as an OData page
    does: its list of rows closed, then at most plain fields (``odata.nextLink``), then ``}``.
    A page cut off right after a row ends in ``}`` too, but not in that."""
    if not body[:4096].lstrip().startswith(b"{"):
        return True  # not JSON at all: odata_document says so
    return _WHOLE_END.search(bytes(body[-4096:])) is not None


def _count(body: bytes | bytearray, key: str) -> int:
    """How often the page names ``key`` as a field (``"key":``, whitespace allowed)."""
    exact = body.count(f'"{key}":'.encode())
    if exact or not re.search(rf'"{re.escape(key)}"\s'.encode(), body):
        return exact
    return len(re.findall(rf'"{re.escape(key)}"\s*:'.encode(), body))
