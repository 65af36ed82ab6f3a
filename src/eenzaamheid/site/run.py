"""The main job: run the notebooks in fresh kernels, in parallel and only when something they
depend on changed, export every chart, and write the website in ``build/``."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path

from .. import settings
from . import listing
from .cache import MARK, RECORD_END, RECORD_START, Cache, Entry, data_files, run_key
from .listing import charts_in, notebooks

CELL_TIMEOUT = 120  # seconds


class NotebookFailed(RuntimeError):
    """A notebook cell raised; the message names the notebook and the cell."""


def _record_cell(source: str, part: str) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": f"{MARK}-{part}",
        "metadata": {MARK: True},
        "outputs": [],
        "source": source,
    }


def _kernel_config(folder: str):
    """A kernel (on Linux forked from a server that imported the heavy libraries once:
    :mod:`.forked`) reached through local sockets (IPC) in a private folder: nothing on TCP,
    so no warning about unencrypted TCP, and nothing another user of the machine can connect
    to; its messages read in short polls (:mod:`.kernel`)."""
    from traitlets.config import Config

    config = Config()
    if sys.platform == "linux":  # fork after numpy's imports is safe there, not on macOS
        config.NotebookClient.kernel_manager_class = "eenzaamheid.site.forked.ForkedKernelManager"
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = f"{folder}/kernel"
    config.AsyncKernelManager.client_class = "eenzaamheid.site.kernel.ShortPollClient"
    return config


def _execute(path: Path, config: settings.Settings):
    """Run a notebook; returns it with its outputs, and what its kernel read and imported.
    (nbformat and nbclient are imported here: a build with nothing to run does without them.)"""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(path, as_version=4)
    cells = [_record_cell(RECORD_START, "start"), *notebook.cells, _record_cell(RECORD_END, "end")]
    notebook.cells = [nbformat.from_dict(cell) for cell in cells]
    env = os.environ | settings.as_environment(config) | {"PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    env["JPY_SESSION_NAME"] = str(path.resolve())  # as JupyterLab: charts name their notebook
    with tempfile.TemporaryDirectory(prefix="eenz-kernel-") as folder:
        client = NotebookClient(
            notebook,
            config=_kernel_config(folder),
            kernel_name="python3",
            shutdown_kernel="immediate",
            timeout=CELL_TIMEOUT,
            resources={"metadata": {"path": str(path.parent)}},
        )
        try:
            client.execute(env=env)
        except CellExecutionError as exc:
            index = next(
                (
                    i - 1
                    for i, c in enumerate(notebook.cells)
                    if c.get("outputs") and any(o.get("output_type") == "error" for o in c.outputs)
                ),
                "?",
            )
            raise NotebookFailed(f"{path.name}, cell {index}: {exc.ename}: {exc.evalue}") from exc
    record = json.loads("".join(o.get("text", "") for o in notebook.cells[-1].outputs))
    notebook.cells = notebook.cells[1:-1]
    return notebook, record


def run_notebook(path: Path, config: settings.Settings | None = None):
    """Execute a notebook top to bottom in a fresh kernel, from its own folder, with these
    settings (handed to the kernel as its environment)."""
    return _execute(path, config or settings.current())[0]


def _outputs(folder: Path, names: list[str]) -> list[str]:
    files = []
    for name in names:
        record = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        files += [f"{name}.json", *record["files"].values()]
    return sorted(set(files))


def _in_worker(path: Path, config: settings.Settings, cache: Cache) -> Entry:
    """:func:`_run_one` in a worker thread, closing the event loop that nbclient opened for
    this thread (jupyter_core keeps one per thread and never closes it)."""
    from jupyter_core.utils import ensure_event_loop

    try:
        return _run_one(path, config, cache)
    finally:
        ensure_event_loop().close()


def _run_one(path: Path, config: settings.Settings, cache: Cache) -> Entry:
    started = time.perf_counter()
    cache.forget(path)
    notebook, record = _execute(path, config)
    charts_folder = config.figures_dir / config.theme / config.lang
    names = [name for _, name in charts_in(notebook, charts_folder)]
    used = [*map(str, data_files(record["files"], config)), *record["modules"]]
    entry = Entry(
        notebook=path.name,
        key=run_key(path, config),
        files=dict.fromkeys(used, ""),
        charts=names,
        outputs=_outputs(charts_folder, names),
        seconds=round(time.perf_counter() - started, 2),
    )
    cache.store(path, notebook, entry)
    return entry


def run_all(
    paths: list[Path], config: settings.Settings, *, force: bool = False, jobs: int | None = None
) -> dict[Path, Entry]:
    """Run every notebook whose inputs changed, the slowest first, ``jobs`` at a time (one per
    core by default); report one line per notebook as it finishes (``[3/11] <stem> 4.1 s``).
    Returns the entries in reading order."""
    cache = Cache(config)
    entries: dict[Path, Entry] = {}
    todo = []
    for path in paths:
        entry = None if force else cache.fresh(path)
        if entry is None:
            todo.append(path)
        else:
            entries[path] = entry
    if len(todo) < len(paths):
        print(f"{len(paths) - len(todo)} notebook(s) unchanged, taken from build/.cache")

    def last_time(path: Path) -> float:
        """Seconds the last run took; never run: guessed from the notebook's size."""
        old = cache.entry(path)
        return old.seconds if old else path.stat().st_size / 4_000

    todo.sort(key=last_time, reverse=True)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    if todo:
        print(f"running {len(todo)} notebook(s), {workers} at a time…", flush=True)
    with ThreadPoolExecutor(workers) as pool:
        futures = {pool.submit(_in_worker, path, config, cache): path for path in todo}
        for done, future in enumerate(as_completed(futures), 1):
            path = futures[future]
            entries[path] = future.result()  # raises NotebookFailed
            seconds = entries[path].seconds
            print(f"[{done}/{len(todo)}] {path.stem} {seconds:.1f} s", flush=True)
    return {path: entries[path] for path in paths}


def collisions(names: list[str], folder: Path) -> list[str]:
    """A line per chart and size whose texts overlap or are cut off, as its record keeps
    them: every build says so, in whichever theme and language it drew."""
    lines = []
    for name in names:
        record = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        for size, found in record.get("collisions", {}).items():
            if found:
                where = f"{name} ({size})" if size else name
                lines.append(f"check {where}: {'; '.join(found[:3])}")
    return lines


def build(
    theme: str = "notebook",
    lang: str = "nl",
    source: str = "snapshot",
    only: list[str] | None = None,
    *,
    force: bool = False,
    jobs: int | None = None,
) -> Path:
    """Run the notebooks with this theme, language and data source and write the website;
    return ``build/index.html`` (the index of this language)."""
    from .pages import write_site

    started = time.perf_counter()
    config = replace(settings.current(), theme=theme, lang=lang, source=source)
    paths = notebooks(only)
    if not paths:
        raise NotebookFailed(f"no notebooks match {only} in {listing.NOTEBOOKS}")
    config.build_dir.mkdir(parents=True, exist_ok=True)
    entries = run_all(paths, config, force=force, jobs=jobs)
    charts = [name for entry in entries.values() for name in entry.charts]
    for line in collisions(charts, config.figures_dir / theme / lang):
        print(line, flush=True)
    index = write_site(config)
    print(f"charts: {config.figures_dir / theme / lang}\nsite:   {index}")
    print(f"done in {time.perf_counter() - started:.1f} s")
    return index
