"""Tables on disk: one Parquet file per table, its metadata in the file's key-value footer.

A table is written to a temporary file and renamed over the old one, so a reader sees the
old table or the new one, never a mix and never half a file. The footer holds the metadata
(checked against :mod:`.schema`) with its own SHA-256, and every data page has a checksum
that is verified on read. The committed snapshot also gets a JSON sidecar beside each file
(``<stem>.json``: rows, the file's SHA-256, the metadata with its provenance) for readers of
the repository; when it is there, the file must match it. A download replaces a cached
table only when it holds as much (:func:`check_not_smaller`).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from pandas.api.types import is_numeric_dtype

from .. import settings
from ..errors import CbsDataError, CorruptStoreError
from .meta import TableMeta
from .schema import RECORD, SIDECAR, SchemaError, check

FORMAT = 2  # 1: Parquet + JSON sidecar holding the metadata (before the footer)
_KEY, _KEY_SHA = "eenzaamheid", "eenzaamheid_sha256"


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _atomic_write(path: Path, write) -> None:
    """Write through a temporary file in the same folder, then rename: never a half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _record_text(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_table(stem: Path, frame: pd.DataFrame, meta: TableMeta, *, sidecar: bool = True) -> None:
    """Write ``<stem>.parquet`` (data and metadata in one file) and, with ``sidecar``, the
    ``<stem>.json`` a reader of the repository sees; what was there survives a failure."""
    stem = Path(stem)
    meta = TableMeta.from_dict(meta.to_dict())
    meta.columns = [str(c) for c in frame.columns]
    plain = json.loads(json.dumps(meta.to_dict(), ensure_ascii=False, default=str))
    record = {"format": FORMAT, "rows": len(frame), "meta": plain}
    check(record, RECORD)  # never write what could not be read back
    text = _record_text(record)
    out = frame.copy(deep=False)
    out.attrs = {_KEY: text, _KEY_SHA: hashlib.sha256(text.encode()).hexdigest()}
    data_path, sidecar_path = stem.with_suffix(".parquet"), stem.with_suffix(".json")
    # dictionary pages for codes, labels and dates; not for the numbers (slow, rarely smaller)
    dictionary = [str(c) for c, t in out.dtypes.items() if t.kind not in "fiu"]
    _atomic_write(
        data_path,
        lambda p: out.to_parquet(
            p, index=False, compression="zstd", use_dictionary=dictionary, write_page_checksum=True
        ),
    )
    if sidecar:
        side = {"rows": len(frame), "sha256": sha256(data_path), "meta": plain}
        side_text = json.dumps(side, ensure_ascii=False, indent=1)
        _atomic_write(sidecar_path, lambda p: p.write_text(side_text + "\n", encoding="utf-8"))
    elif sidecar_path.exists():  # the metadata of format 1, now in the footer
        sidecar_path.unlink()


def _advice(path: Path) -> str:
    try:
        snapshot = settings.current().snapshot_dir.resolve()
        in_snapshot = snapshot in Path(path).resolve().parents
    except (OSError, ValueError):
        in_snapshot = False
    if in_snapshot:
        return "Restore the snapshot with `git checkout data/snapshot/` (or rebuild it with `make snapshot`)."
    return "It is a cache entry: loading the table again re-fetches it (or delete the file)."


def _damaged(path: Path, problem: str) -> CorruptStoreError:
    return CorruptStoreError(f"{path} is damaged: {problem}. {_advice(path)}")


def read_sidecar(stem: Path) -> dict:
    """The snapshot's JSON sidecar of a table, checked against its schema."""
    path = Path(stem).with_suffix(".json")
    try:
        sidecar = json.loads(path.read_text(encoding="utf-8"))
        check(sidecar, SIDECAR, path.name)
    except FileNotFoundError as exc:
        raise _damaged(path, "the file is missing") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _damaged(path, f"not valid JSON in UTF-8 ({type(exc).__name__})") from exc
    except SchemaError as exc:
        raise _damaged(path, f"not a table's sidecar ({exc})") from exc
    return sidecar


def _parse(data: bytes, path: Path) -> pd.DataFrame:
    """A table from the bytes of its Parquet file, every checksum and the metadata checked."""
    try:
        frame = pd.read_parquet(io.BytesIO(data), page_checksum_verification=True)
    except Exception as exc:  # pyarrow reports damage with many exception types
        raise _damaged(path, f"not a readable Parquet file ({str(exc)[:80]})") from exc
    text, digest = frame.attrs.get(_KEY), frame.attrs.get(_KEY_SHA)
    if not isinstance(text, str):
        raise _damaged(path, "no metadata in its footer (written by an older version?)")
    if hashlib.sha256(text.encode()).hexdigest() != digest:
        raise _damaged(path, "its metadata does not match the checksum beside it")
    try:
        record = json.loads(text)
        check(record, RECORD, "metadata")
    except (ValueError, SchemaError) as exc:
        raise _damaged(path, f"unreadable metadata ({exc})") from exc
    if record["format"] != FORMAT:
        raise _damaged(path, f"format {record['format']}, this version reads {FORMAT}")
    if len(frame) != record["rows"] or list(frame.columns) != record["meta"]["columns"]:
        raise _damaged(path, f"{len(frame)} rows, its metadata says {record['rows']}")
    frame.attrs = {"meta": TableMeta.from_dict(record["meta"]), _KEY: record}
    return frame


def _read(stem: Path) -> tuple[tuple, pd.DataFrame]:
    data_path, sidecar_path = stem.with_suffix(".parquet"), stem.with_suffix(".json")
    try:
        with data_path.open("rb") as handle:
            stat = os.fstat(handle.fileno())
            data = handle.read()
    except FileNotFoundError as exc:
        raise _damaged(data_path, "the file is missing") from exc
    except OSError as exc:
        raise CorruptStoreError(
            f"{data_path} cannot be read ({exc.strerror}); check its permissions"
        ) from exc
    key = (stat.st_ino, stat.st_mtime_ns, stat.st_size, _stat(sidecar_path))
    frame = _parse(data, data_path)
    if key[3] is not None:
        sidecar = read_sidecar(stem)
        if sidecar["sha256"] != hashlib.sha256(data).hexdigest():
            raise _damaged(data_path, f"it does not match its checksum in {sidecar_path.name}")
        if sidecar["meta"] != frame.attrs[_KEY]["meta"] or sidecar["rows"] != len(frame):
            raise _damaged(sidecar_path, f"it and {data_path.name} disagree")
    del frame.attrs[_KEY]
    return key, frame


def _stat(path: Path) -> tuple | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


# Tables already read and verified in this process, keyed by path and file stat: a warm
# load() is a copy in memory; a file that changes on disk is read and verified again.
_MEMO: dict[Path, tuple[tuple, pd.DataFrame]] = {}
_MEMO_SIZE = 16


def read_table(stem: Path, *, memo: bool = True, copy: bool = True) -> pd.DataFrame:
    """Read a stored table, checking it; CorruptStoreError (with the fix) when it is damaged.
    ``copy=False`` returns the table kept in memory itself: only for callers that derive a
    new frame from it (and so never change it)."""
    stem = Path(stem)
    if memo and stem in _MEMO:
        data, side = _stat(stem.with_suffix(".parquet")), _stat(stem.with_suffix(".json"))
        if data is not None and (*data, side) == _MEMO[stem][0]:
            return _copy(_MEMO[stem][1]) if copy else _MEMO[stem][1]
    for attempt in range(3):
        try:
            key, frame = _read(stem)
            break
        except CorruptStoreError:
            # the snapshot's file and sidecar are two renames: a refresh may be half-way
            if attempt == 2 or not stem.with_suffix(".json").exists():
                raise
            time.sleep(0.05)
    if memo:
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[stem] = (key, frame)
    return _copy(frame) if copy or not memo else frame


def read_meta(stem: Path) -> TableMeta:
    """A stored table's metadata: from memory when the table was read, else the file's footer
    (no data pages read; the full check happens when the table is loaded)."""
    stem = Path(stem)
    if stem in _MEMO:
        return TableMeta.from_dict(_MEMO[stem][1].attrs["meta"].to_dict())
    path = stem.with_suffix(".parquet")
    try:
        attrs = json.loads(pq.read_schema(path).metadata[b"PANDAS_ATTRS"])
        record = json.loads(attrs[_KEY])
        check(record, RECORD, "metadata")
    except Exception as exc:  # any damage: missing key, bad JSON, not Parquet
        raise _damaged(path, f"unreadable metadata ({str(exc)[:80]})") from exc
    return TableMeta.from_dict(record["meta"])


def _copy(frame: pd.DataFrame) -> pd.DataFrame:
    copy = frame.copy()
    copy.attrs = {"meta": TableMeta.from_dict(frame.attrs["meta"].to_dict())}
    return copy


def check_not_smaller(stem: Path, frame: pd.DataFrame, what: str) -> None:
    """CbsDataError when a download has fewer rows, codes, columns or filled cells (figures,
    labels, statuses) than the cached copy of the same query, or lost its title: a refresh
    never loses data unless asked to (``force=True``)."""
    try:
        old = read_table(stem) if stem.with_suffix(".parquet").exists() else None
    except CorruptStoreError:
        old = None  # a damaged entry may be replaced
    if old is None:
        return
    codes = [f"{d.column}_code" for d in frame.attrs["meta"].dimensions]
    fewer = [
        f"{c.removesuffix('_code')}: {new} codes, cached {had}"
        for c in codes
        if c in old and (new := frame[c].nunique()) < (had := old[c].nunique())
    ]
    if lost := [c for c in old.columns if c not in frame.columns]:
        fewer.append(f"it lacks {len(lost)} columns the cached copy has ({', '.join(lost[:5])})")
    fewer += [
        f"{c}: {new} {'figures' if is_numeric_dtype(frame[c]) else 'filled cells'}, cached {had}"
        for c in old.columns
        if c in frame.columns and (new := frame[c].count()) < (had := old[c].count())
    ][:5]
    if old.attrs["meta"].title and not frame.attrs["meta"].title:
        fewer.append("it has no title")
    if len(frame) >= len(old) and not fewer:
        return
    error = CbsDataError(
        f"{what}: CBS's answer has {len(frame)} rows, the cached copy (retrieved "
        f"{old.attrs['meta'].retrieved_at[:10]}) {len(old)}; {'; '.join(fewer) or 'same codes'}. "
        "Nothing was replaced. If the table really shrank, call again with force=True to "
        "replace the cached copy."
    )
    error.reason = (
        f"its answer has fewer rows, codes, columns or figures than the cached copy: "
        f"{'; '.join(fewer) or f'{len(frame)} rows, cached {len(old)}'}; force=True takes it"
    )
    raise error
