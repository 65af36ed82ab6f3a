"""What the pytest-xdist workers of one test run share: a folder, and work done once. Kept
apart from ``conftest.py`` (which imports the package) so that a test can run pytest on these
alone, in a process of its own, quickly."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest


def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every pytest-xdist worker of this run sees (the run's own folder without
    xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once_per_run(folder: Path, name: str, make: Callable[[], str]) -> str:
    """``make()`` once per test run, whichever worker asks first; the others wait for it and
    get what it returned (a string, kept in ``folder``). The pattern pytest-xdist's manual
    gives for session fixtures ("making session-scoped fixtures execute only once")."""
    from filelock import FileLock

    done, failed = folder / f"{name}.done", folder / f"{name}.failed"
    with FileLock(folder / f"{name}.lock"):
        if failed.exists():
            pytest.fail(f"{name} failed in another worker: {failed.read_text('utf-8')}")
        if not done.exists():
            try:
                done.write_text(make(), "utf-8")
            except Exception as error:
                failed.write_text(f"{type(error).__name__}: {error}", "utf-8")
                raise
    return done.read_text("utf-8")
