"""``make bench`` (part two): how long the main job takes from nothing, with nothing changed,
and with one notebook changed, each as ``python -m eenzaamheid build`` in a fresh process,
into private folders (your ``build/`` and ``figures/`` are left alone)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .. import settings
from .cache import Cache
from .listing import notebooks

TARGETS = {"full": 30.0, "nothing changed": 3.0}


CPU: dict[str, float] = {}  # what -> processor seconds used (all processes of the build)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _build(env: dict[str, str], theme: str) -> tuple[float, float]:
    started, cpu = time.perf_counter(), _cpu()
    subprocess.run(
        [sys.executable, "-m", "eenzaamheid", "build", "--theme", theme],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started, _cpu() - cpu


def measure(theme: str = "notebook", changed: str = "01_") -> dict[str, tuple[float, float]]:
    """(Seconds, processor seconds) for a full build, a build with nothing changed and one with
    ``changed`` changed (its cache entry dropped, as an edit of the notebook would)."""
    with tempfile.TemporaryDirectory(prefix="eenz-bench-") as folder:
        env = os.environ | {
            "EENZAAMHEID_FIGURES": f"{folder}/figures",
            "EENZAAMHEID_BUILD": f"{folder}/build",
        }
        times = {"full": _build(env, theme), "nothing changed": _build(env, theme)}
        config = settings.Settings(
            theme=theme,
            source="snapshot",
            figures_dir=Path(folder, "figures"),
            build_dir=Path(folder, "build"),
        )
        path = notebooks([changed])[0]
        own = Cache(config).entry(path).seconds
        Cache(config).forget(path)
        times[f"{path.name} changed"] = _build(env, theme)
        times[f"{path.name} alone (its own run)"] = (own, float("nan"))
    return times


def main() -> int:
    cores = os.cpu_count()
    count = len(notebooks())
    print(f"main job, {count} notebooks, {cores} cores (python -m eenzaamheid build):")
    print(f"  {'':<45} {'wall':>8} {'cpu':>8}   load average {os.getloadavg()[0]:.1f}")
    for what, (seconds, cpu) in measure().items():
        target = TARGETS.get(what)
        verdict = "" if target is None else (" ok" if seconds <= target else f" > {target:.0f} s")
        used = f"{cpu:6.1f} s" if cpu == cpu else "       -"  # nan: not measured
        print(f"  {what:<45} {seconds:6.1f} s {used}{verdict}")
    print("  (cpu: processor time of the build and its kernels; other work on the machine")
    print("   slows the wall time, not the cpu time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
