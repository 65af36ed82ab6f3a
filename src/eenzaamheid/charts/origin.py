"""Which notebook and cell drew a chart, so that a reader of a PNG finds its code at once.

JupyterLab starts a kernel with ``JPY_SESSION_NAME`` set to the notebook's path, which
ipykernel puts in the kernel's ``__session__``; the main job (``site/run.py``) sets the same.
The cell is the saved notebook's cell whose source is the code being run, counted from the
top with the text cells (1, 2, ...), with its cell id. A cell that is not in the saved notebook
(changed in JupyterLab since the last save) is named by its execution count, ``In [7]``.
Outside a notebook nothing is known, and the files say so.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .words import say


@dataclass(frozen=True)
class Origin:
    notebook: str | None = None  # the notebook's file name
    cell: int | None = None  # counted from the top, text cells included
    cell_id: str | None = None
    execution_count: int | None = None

    def record(self) -> dict[str, object]:
        return asdict(self)

    def words(self) -> str:
        """Where the chart was drawn, for the about-sheet."""
        if self.notebook is None:
            return say(
                nl="niet vastgelegd (buiten een notebook getekend)",
                en="not recorded (drawn outside a notebook)",
            )
        if self.cell is None:
            return say(
                nl=f"{self.notebook}, In [{self.execution_count}] (cel niet in het opgeslagen "
                "notebook)",
                en=f"{self.notebook}, In [{self.execution_count}] (cell not in the saved notebook)",
            )
        return say(
            nl=f"{self.notebook}, cel {self.cell} (van boven geteld, tekstcellen meegeteld; "
            f"cel-id {self.cell_id})",
            en=f"{self.notebook}, cell {self.cell} (counted from the top, text cells included; "
            f"cell id {self.cell_id})",
        )


def _saved_cells(path: Path) -> list[dict]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return []


def origin() -> Origin:
    """The notebook and cell running now (see the module's description)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return Origin()
    shell = get_ipython()
    session = shell.user_ns.get("__session__") if shell is not None else None
    if not session:
        return Origin()
    path = Path(session)
    path = path if path.is_absolute() else Path.cwd() / path.name
    count = shell.execution_count
    code = shell.history_manager.input_hist_raw[-1].strip()
    for number, cell in enumerate(_saved_cells(path), start=1):
        if cell.get("cell_type") == "code" and "".join(cell["source"]).strip() == code:
            return Origin(path.name, number, cell.get("id"), count)
    return Origin(path.name, None, None, count)
