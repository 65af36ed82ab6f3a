"""The shape of stored metadata, checked on every read: a damaged or hand-edited record is
reported as such instead of surfacing later as a KeyError or AttributeError."""

from __future__ import annotations

from typing import Any

_TEXT, _INT, _ANY_DICT = str, int, dict
_OPTIONAL_INT = (int, type(None))

DIMENSION = {"key": _TEXT, "title": _TEXT, "column": _TEXT}
TOPIC = {
    "key": _TEXT,
    "title": _TEXT,
    "unit": _TEXT,
    "decimals": _OPTIONAL_INT,
    "description": _TEXT,
    "datatype": _TEXT,
}
META = {
    "table_id": _TEXT,
    "title": _TEXT,
    "dimensions": [DIMENSION],
    "topics": [TOPIC],
    "source": _TEXT,
    "origin": _TEXT,
    "retrieved_at": _TEXT,
    "period_range": _TEXT,
    "selection": _ANY_DICT,
    "layout": _TEXT,
    "licence": _TEXT,
    "notes": [_TEXT],
    "sources": [_ANY_DICT],
    "columns": [_TEXT],
}
RECORD = {"format": _INT, "rows": _INT, "meta": META}  # in the Parquet footer
SIDECAR = {"rows": _INT, "sha256": _TEXT, "meta": META}  # the snapshot's JSON beside it


class SchemaError(ValueError):
    pass


def check(value: Any, spec: Any, where: str = "record") -> None:
    """Raise SchemaError naming the first place where ``value`` does not have shape ``spec``:
    a dict of required keys (no others), a one-element list (every item), or a type."""
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            raise SchemaError(f"{where} is {_kind(value)}, not an object")
        missing = [k for k in spec if k not in value]
        extra = [k for k in value if k not in spec]
        if missing or extra:
            raise SchemaError(
                f"{where} lacks {missing}" if missing else f"{where} has unknown {extra}"
            )
        for key, item in spec.items():
            check(value[key], item, f"{where}.{key}")
    elif isinstance(spec, list):
        if not isinstance(value, list):
            raise SchemaError(f"{where} is {_kind(value)}, not a list")
        for number, item in enumerate(value):
            check(item, spec[0], f"{where}[{number}]")
    elif not isinstance(value, spec) or (isinstance(value, bool) and spec in (_INT, _OPTIONAL_INT)):
        raise SchemaError(f"{where} is {_kind(value)}")


def _kind(value: Any) -> str:
    return "null" if value is None else f"{type(value).__name__} {str(value)[:30]!r}"
