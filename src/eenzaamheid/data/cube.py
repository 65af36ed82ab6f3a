"""A StatLine table is a cube: one row per combination of its dimensions' codes (of the codes
asked for, when filtered). :func:`check_cube` holds a live answer to that before anything is
kept, and returns a note for the metadata saying what it checked (or why it could not). The
lists the cube is made of are checked too: each entry once (:func:`check_once`), each code
with its label (:func:`check_codes`)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import pyarrow as pa
import pyarrow.compute as pc

from ..errors import CbsDataError

_KEEP = "nothing was cached and the cached copy is untouched. Try again later, or use the cache or snapshot."


def check_cube(table_id: str, data: pa.Table, codes: Mapping[str, Sequence[str]]) -> str:
    """Raise CbsDataError unless ``data`` has exactly one row per combination of ``codes``
    (dimension key -> the codes asked or listed, as CBS spells them); a note on what was checked."""
    codes = {key: list(dict.fromkeys(listed)) for key, listed in codes.items()}
    sizes = [len(listed) for listed in codes.values()]
    shape = " x ".join(map(str, sizes))
    if not codes:
        return "not checked for completeness: the table has no dimensions"
    empty = [key for key, listed in codes.items() if not listed]
    if empty:  # every dimension of a StatLine table has codes: the code list came back empty
        raise CbsDataError(
            f"{table_id}: CBS lists no codes for {', '.join(empty)} (its answer has "
            f"{data.num_rows} rows); {_KEEP}"
        )
    expected = math.prod(sizes)
    if data.num_rows != expected:
        what = "an incomplete answer" if data.num_rows < expected else "rows beyond them"
        raise CbsDataError(
            f"{table_id}: CBS's answer has {data.num_rows} rows; its codes make {expected} "
            f"({shape}): {what}; {_KEEP}"
        )
    key = pa.array([0] * expected, pa.int64())
    for (dimension, listed), size in zip(codes.items(), sizes, strict=True):
        index = pc.index_in(data.column(dimension), value_set=pa.array(listed, pa.string()))
        if index.null_count:
            stray = data.column(dimension).filter(index.is_null()).unique()[:3].to_pylist()
            raise CbsDataError(
                f"{table_id}: CBS's answer has {index.null_count} rows with a code in "
                f"{dimension} that is not among its codes (e.g. {stray}); {_KEEP}"
            )
        key = pc.add(pc.multiply(key, size), index.cast(pa.int64()))
    repeats = expected - pc.count_distinct(key).as_py()
    if repeats:
        raise CbsDataError(
            f"{table_id}: CBS's answer repeats {repeats} combinations of codes (and lacks as "
            f"many); {_KEEP}"
        )
    return (
        f"checked: {expected} rows = {shape} codes ({', '.join(codes)}), each combination "
        "once; every topic in every row, numbers finite or empty"
    )


def check_once(what: str, keys: list) -> None:
    """CbsDataError when an entry's key (its ``ID``, else its ``Key``) comes twice: a page
    sent twice, in place of one that is then missing. An empty key counts as none (the
    TopicGroups of DataProperties share the empty ``Key``)."""
    counts = Counter(str(key) for key in keys if key not in (None, ""))
    if twice := sorted(key for key, times in counts.items() if times > 1):
        raise CbsDataError(
            f"{what}: CBS listed {len(twice)} entries twice ({', '.join(twice[:5])}), as when a "
            f"page comes twice in place of another; {_KEEP}"
        )


CODE_FIELDS = ("Key", "Title")  # in every code list
PERIOD_FIELDS = (*CODE_FIELDS, "Status")  # the periods': each one's status (provisional, final)


def check_codes(table_id: str, key: str, rows: list[dict]) -> None:
    """A code list is refused when it is empty, or an entry lacks its code, its label (the
    field, not a value: a label may be empty) or, for periods, its status."""
    fields = PERIOD_FIELDS if key == "Perioden" else CODE_FIELDS
    if not rows:
        what = "no codes"
    elif any(not isinstance(row.get("Key"), str) for row in rows):
        what = "entries without a code"
    elif lacking := [field for field in fields if any(field not in row for row in rows)]:
        what = f"entries without {' or '.join(lacking)}"
    else:
        return
    raise CbsDataError(f"{table_id}: CBS's code list of {key} has {what}; {_KEEP}")
