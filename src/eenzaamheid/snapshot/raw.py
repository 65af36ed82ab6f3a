"""``data/raw/``: unmodified copies of the source files, listed in ``manifest.yaml``.

Every file the snapshot step reads is opened through :func:`raw_file`, which checks it
against its manifest entry, so provenance always names the file's original source.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import settings
from ..data.store import sha256
from ..errors import CorruptStoreError

MANIFEST = "manifest.yaml"


@dataclass(frozen=True)
class RawFile:
    """One raw file and what the manifest says of it."""

    path: Path
    name: str  # relative to data/raw, e.g. ``exports/37296ned_1950-2022_NL.csv``
    entry: dict[str, Any]

    @property
    def date(self) -> str:
        return self.entry.get("date") or "unknown"

    def provenance(self, rows: int | None = None, **extra: Any) -> dict[str, Any]:
        """The one shape of a provenance record in a snapshot sidecar."""
        record = {
            "file": f"data/raw/{self.name}",
            "sha256": self.entry["sha256"],
            "kind": self.entry["kind"],
            "source": self.entry["source"],
            "date": self.date,
            "licence": self.entry["licence"],
        }
        if rows is not None:
            record["rows"] = rows
        return record | extra

    def describe_source(self) -> str:
        """The original source in words: a URL, or repository, path and commit."""
        source = self.entry["source"]
        if "url" in source:
            return source["url"]
        if "urls" in source:
            count = len(source["urls"])
            return f"{count} web page{'' if count == 1 else 's'} (URL per row)"
        return f"{source['repository']}:{source['path']} @ {source['commit'][:12]}"


def raw_dir() -> Path:
    return settings.current().raw_dir


def manifest(folder: Path | None = None) -> dict[str, dict[str, Any]]:
    """The manifest as ``{file: entry}``."""
    path = (folder or raw_dir()) / MANIFEST
    if not path.exists():
        raise FileNotFoundError(
            f"no {MANIFEST} in {path.parent}: the raw files of the snapshot are missing. "
            "Restore them with `git checkout data/raw/`."
        )
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: read once per raw file
    entries = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return {entry["file"]: entry for entry in entries}


def raw_file(name: str, folder: Path | None = None) -> RawFile:
    """A raw file by its name in the manifest, checked against its SHA-256."""
    folder = folder or raw_dir()
    entries = manifest(folder)
    if name not in entries:
        raise KeyError(f"{name} is not listed in {folder / MANIFEST}; add an entry for it")
    path = folder / name
    if not path.exists() or sha256(path) != entries[name]["sha256"]:
        raise CorruptStoreError(
            f"{path} is missing or differs from its SHA-256 in {MANIFEST}: raw files are kept "
            "unmodified. Restore it with `git checkout data/raw/`."
        )
    return RawFile(path, name, entries[name])
