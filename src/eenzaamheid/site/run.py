"""The main job: run every notebook in a fresh kernel, export every chart, write ``build/``."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

from .. import settings
from .pages import write_index

NOTEBOOKS = settings.ROOT / "notebooks"
CELL_TIMEOUT = 120  # seconds


class NotebookFailed(RuntimeError):
    """A notebook cell raised; the message names the notebook and the cell."""


def notebooks(only: list[str] | None = None) -> list[Path]:
    """The story notebooks in reading order (``NN_name.ipynb``), or those matching ``only``."""
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if only:
        paths = [p for p in paths if any(fragment in p.name for fragment in only)]
    return paths


def run_notebook(path: Path, config: settings.Settings | None = None) -> nbformat.NotebookNode:
    """Execute a notebook top to bottom in a fresh kernel, from its own folder, with these
    settings (handed to the kernel as its environment)."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    env = os.environ | settings.as_environment(config or settings.current())
    try:
        client.execute(env=env)
    except CellExecutionError as exc:
        index = next(
            (
                i
                for i, c in enumerate(notebook.cells)
                if c.get("outputs") and any(o.get("output_type") == "error" for o in c.outputs)
            ),
            "?",
        )
        raise NotebookFailed(f"{path.name}, cell {index}: {exc.ename}: {exc.evalue}") from exc
    return notebook


def build(
    theme: str = "notebook",
    lang: str = "nl",
    source: str = "snapshot",
    only: list[str] | None = None,
) -> Path:
    """Run the notebooks with this theme, language and data source; return build/index.html."""
    config = replace(settings.current(), theme=theme, lang=lang, source=source)
    paths = notebooks(only)
    if not paths:
        raise NotebookFailed(f"no notebooks match {only} in {NOTEBOOKS}")
    config.build_dir.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter()
    for number, path in enumerate(paths, 1):
        started = time.perf_counter()
        print(f"[{number}/{len(paths)}] {path.name} ...", end=" ", flush=True)
        executed = run_notebook(path, config)
        body, _ = exporter.from_notebook_node(executed)
        (config.build_dir / path.with_suffix(".html").name).write_text(body, encoding="utf-8")
        print(f"{time.perf_counter() - started:.1f} s", flush=True)
    charts = config.figures_dir / theme / lang
    index = write_index(charts, notebooks(), config.build_dir)
    print(f"charts: {charts}\nindex:  {index}")
    return index
