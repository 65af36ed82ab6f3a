"""The main job's memory: what each notebook read, so it runs again only when that changed.

A notebook's entry (``build/.cache/<theme>-<lang>/<notebook>.json``, beside the executed
notebook) holds the fingerprints of everything its run depended on: the notebook itself
(sources and metadata, not outputs), the settings handed to its kernel, the package modules
its kernel imported and the data files it opened (recorded inside the kernel by an audit
hook), and the chart files it wrote. The entry is valid while all of these are unchanged
and the charts are still on disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .. import settings

# Injected before and after a notebook's own cells; removed before anything is written.
RECORD_START = """\
import os as _eenz_os, sys as _eenz_sys
_eenz_read = set()
def _eenz_audit(event, args):
    if event == "open" and isinstance(args[0], (str, _eenz_os.PathLike)):
        if len(args) < 2 or args[1] is None or "r" in str(args[1]):
            _eenz_read.add(_eenz_os.path.abspath(_eenz_os.fspath(args[0])))
_eenz_sys.addaudithook(_eenz_audit)
del _eenz_audit
"""
RECORD_END = """\
import json as _eenz_json
print(_eenz_json.dumps({"files": sorted(_eenz_read), "modules": sorted(
    m.__file__ for m in list(_eenz_sys.modules.values())
    if getattr(m, "__name__", "").startswith("eenzaamheid") and getattr(m, "__file__", None)
)}))
"""
MARK = "eenzaamheid-record"


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def notebook_digest(notebook: dict) -> str:
    """Sources, cell types and metadata; outputs and execution counts do not count."""
    cells = [
        {"type": c["cell_type"], "source": "".join(c["source"]), "meta": c.get("metadata", {})}
        for c in notebook["cells"]
    ]
    text = json.dumps([cells, notebook.get("metadata", {})], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def data_files(read: list[str], config: settings.Settings) -> list[Path]:
    """Of the files a kernel opened, those that are the project's data: under the snapshot,
    raw and seeds folders (or anywhere in the repository except code, venv and outputs).
    A table's JSON sidecar brings its Parquet file along."""
    skip = [config.figures_dir, config.build_dir, settings.ROOT / ".venv", settings.ROOT / "src"]
    keep = [config.snapshot_dir, config.raw_dir, settings.ROOT]
    found: set[Path] = set()
    for name in read:
        path = Path(name)
        if not path.is_file() or any(path.is_relative_to(s) for s in skip):
            continue
        if any(path.is_relative_to(k) for k in keep) and ".git" not in path.parts:
            found.add(path)
            if path.suffix == ".json" and path.with_suffix(".parquet").exists():
                found.add(path.with_suffix(".parquet"))
    return sorted(found)


@dataclass
class Entry:
    """What one run of one notebook depended on and produced."""

    notebook: str
    key: dict[str, str]
    files: dict[str, str] = field(default_factory=dict)  # path -> sha256
    charts: list[str] = field(default_factory=list)  # chart names, in notebook order
    outputs: list[str] = field(default_factory=list)  # every file the charts wrote
    seconds: float = 0.0

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=1, ensure_ascii=False)


def run_key(path: Path, config: settings.Settings) -> dict[str, str]:
    """The part of a notebook's fingerprint known before it runs."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return {
        "notebook": notebook_digest(notebook),
        "theme": config.theme,
        "lang": config.lang,
        "source": config.source,
        "python": sys.version.split()[0],
    }


class Cache:
    """Executed notebooks and their entries for one theme and language."""

    def __init__(self, config: settings.Settings):
        self.config = config
        self.folder = config.build_dir / ".cache" / f"{config.theme}-{config.lang}"
        self._digests: dict[Path, str] = {}

    def _digest(self, path: Path) -> str:
        if path not in self._digests:
            self._digests[path] = digest(path)
        return self._digests[path]

    def entry(self, path: Path) -> Entry | None:
        file = self.folder / f"{path.stem}.json"
        if not file.exists() or not (self.folder / path.name).exists():
            return None
        try:
            return Entry(**json.loads(file.read_text(encoding="utf-8")))
        except (ValueError, TypeError):
            return None

    def fresh(self, path: Path) -> Entry | None:
        """The entry, if nothing the notebook depends on changed since it ran."""
        if self.config.source != "snapshot":  # live data can change without a file changing
            return None
        entry = self.entry(path)
        if entry is None or entry.key != run_key(path, self.config):
            return None
        for name, sha in entry.files.items():
            file = Path(name)
            if not file.is_file() or self._digest(file) != sha:
                return None
        charts = self.config.figures_dir / self.config.theme / self.config.lang
        if not all((charts / name).exists() for name in entry.outputs):
            return None
        return entry

    def executed(self, path: Path) -> dict:
        """The notebook as it ran (plain JSON: reading it needs no nbformat)."""
        return json.loads((self.folder / path.name).read_text(encoding="utf-8"))

    def store(self, path: Path, notebook: dict, entry: Entry) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{path.name}.tmp"
        tmp.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.folder / path.name)
        entry.files = {str(p): self._digest(p) for p in map(Path, entry.files)}
        (self.folder / f"{path.stem}.json").write_text(entry.to_json(), encoding="utf-8")

    def forget(self, path: Path) -> None:
        for file in (self.folder / f"{path.stem}.json", self.folder / path.name):
            file.unlink(missing_ok=True)
