"""One measured download in a process of its own (for tests/test_benchmark.py).

``python -m tests.paging_child bare URL``: bare serial paging with ``requests`` + ``json``
(follow ``odata.nextLink``, keep the rows). ``python -m tests.paging_child load URL``:
``eenzaamheid.load(source="live")``, cache and all. Prints JSON: rows, seconds, CPU seconds,
peak resident memory (MiB) and that after the imports, the loaded frame's memory (MiB), and a
fingerprint of the figures.
"""

from __future__ import annotations

import json
import math
import os
import re
import resource
import sys
import time
from pathlib import Path

TABLE = "bench01"
FRAME_MIB: list[float] = []  # memory of the loaded frame (load mode)


def _peak_mib() -> float:
    """Peak resident memory of this process. VmHWM, not ru_maxrss: on Linux ru_maxrss keeps the
    high-water mark of the parent this process was forked from (here: pytest)."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)[1]) / 1024
    except (OSError, TypeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def bare(url: str) -> tuple[int, float]:
    import requests

    rows: list[dict] = []
    link = f"{url}/ODataFeed/odata/{TABLE}/TypedDataSet?$format=json"
    while link:
        response = requests.get(link, timeout=600)
        response.raise_for_status()
        page = json.loads(response.text)
        rows.extend(page["value"])
        link = page.get("odata.nextLink")
    total = math.fsum(v for r in rows for k, v in r.items() if k.startswith("Onderwerp") and v)
    return len(rows), total


def load(url: str) -> tuple[int, float]:
    os.environ["CBS_ODATA_URL"] = url
    from eenzaamheid import load as load_table

    frame = load_table(TABLE, source="live", timeout=600)
    topics = [c for c in frame.columns if c.startswith("Onderwerp")]
    total = math.fsum(frame[topics].sum(skipna=True))
    FRAME_MIB.append(frame.memory_usage(deep=True).sum() / 2**20)
    return len(frame), total


def main() -> None:
    mode, url = sys.argv[1], sys.argv[2]
    job = {"bare": bare, "load": load}[mode]
    if mode == "load":
        import eenzaamheid  # noqa: F401 (imports are not what is measured)
    after_imports = _peak_mib()
    started, cpu = time.perf_counter(), time.process_time()
    rows, total = job(url)
    result = {
        "mode": mode,
        "rows": rows,
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "peak_mib": _peak_mib(),
        "imports_mib": after_imports,
        "frame_mib": FRAME_MIB[0] if FRAME_MIB else None,
        "total": round(total, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
