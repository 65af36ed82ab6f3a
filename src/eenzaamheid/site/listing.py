"""Which notebooks the main job runs, and which charts a run of one saved."""

from __future__ import annotations

import re
from pathlib import Path

from .. import settings

NOTEBOOKS = settings.ROOT / "notebooks"


def notebooks(only: list[str] | None = None) -> list[Path]:
    """The notebooks in reading order (``NN_name.ipynb``), or those matching ``only``."""
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if only:
        paths = [p for p in paths if any(fragment in p.name for fragment in only)]
    return paths


_SAVED = re.compile(r"([\w-]+)\.(?:json|png|svg|pdf|csv|xlsx)\b")


def saved_names(output: dict) -> list[str]:
    """Chart names an output mentions as saved files (``01_x.png, 01_x.json, ...``)."""
    text = output.get("data", {}).get("text/plain", "")
    return list(dict.fromkeys(_SAVED.findall(text if isinstance(text, str) else "".join(text))))


def charts_in(notebook: dict, folder: Path) -> list[tuple[int, str]]:
    """(cell index, chart name) for every chart a cell saved (``chart.save``), in order: the
    output that shows a saved chart names its files, and the JSON sidecar is in ``folder``."""
    found = []
    for index, cell in enumerate(notebook["cells"]):
        for output in cell.get("outputs", []):
            for name in saved_names(output):
                if (folder / f"{name}.json").exists() and (index, name) not in found:
                    found.append((index, name))
    return found
