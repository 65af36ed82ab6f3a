"""Tables on disk: Parquet + a JSON sidecar (metadata, row count, SHA-256), written atomically."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from ..errors import CorruptStoreError
from .meta import TableMeta


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


def write_table(stem: Path, frame: pd.DataFrame, meta: TableMeta) -> None:
    """Write ``<stem>.parquet`` and ``<stem>.json``; what was there survives a failure."""
    stem = Path(stem)
    data_path, sidecar_path = stem.with_suffix(".parquet"), stem.with_suffix(".json")
    frame = frame.copy()
    frame.attrs = {}
    _atomic_write(data_path, lambda p: frame.to_parquet(p, index=False, compression="zstd"))
    sidecar = {"rows": len(frame), "sha256": sha256(data_path), "meta": meta.to_dict()}
    text = json.dumps(sidecar, ensure_ascii=False, indent=1, default=str)
    _atomic_write(sidecar_path, lambda p: p.write_text(text + "\n", encoding="utf-8"))


def read_sidecar(stem: Path) -> dict:
    path = Path(stem).with_suffix(".json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CorruptStoreError(
            f"{path} is missing or not valid JSON ({exc}). A cache entry: delete it and load "
            "again. The snapshot: `git checkout data/snapshot/` or `make snapshot`."
        ) from exc


# Tables already read and verified in this process, keyed by path and file stat: a warm
# load() is a copy in memory; a file that changes on disk is read and verified again.
_MEMO: dict[Path, tuple[tuple, pd.DataFrame]] = {}
_MEMO_SIZE = 16


def _stat_key(*paths: Path) -> tuple:
    return tuple((p.stat().st_mtime_ns, p.stat().st_size) for p in paths)


def read_table(stem: Path) -> pd.DataFrame:
    """Read a stored table, checking its checksum; raise CorruptStoreError if it does not match."""
    stem = Path(stem)
    data_path, sidecar_path = stem.with_suffix(".parquet"), stem.with_suffix(".json")
    try:
        key = _stat_key(data_path, sidecar_path)
    except OSError:
        key = None
    if key is not None and stem in _MEMO and _MEMO[stem][0] == key:
        return _copy(_MEMO[stem][1])
    frame = _read_verified(stem)
    if key is not None:
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[stem] = (key, frame)
    return _copy(frame)


def _copy(frame: pd.DataFrame) -> pd.DataFrame:
    copy = frame.copy()
    copy.attrs = {"meta": TableMeta.from_dict(frame.attrs["meta"].to_dict())}
    return copy


def _read_verified(stem: Path) -> pd.DataFrame:
    sidecar = read_sidecar(stem)
    data_path = stem.with_suffix(".parquet")
    if not data_path.exists() or sha256(data_path) != sidecar.get("sha256"):
        raise CorruptStoreError(
            f"{data_path} does not match its checksum in {stem.with_suffix('.json').name} "
            "(damaged or truncated). Delete both files and load again to re-fetch."
        )
    frame = pd.read_parquet(data_path)
    if len(frame) != sidecar["rows"]:
        raise CorruptStoreError(f"{data_path}: {len(frame)} rows, sidecar says {sidecar['rows']}")
    frame.attrs["meta"] = TableMeta.from_dict(sidecar["meta"])
    return frame
