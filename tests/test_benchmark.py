"""Speed of load(): warm from the snapshot, against cbsodata.get_data through a local server,
and a 200,000-row live load against bare paging with requests.

`make bench` runs these with pytest-benchmark's tables and asserts the budgets: warm load()
of ~20,000 rows from the snapshot under 20 ms; a 200,000 x 10 table through a local OData
server (in a process of its own, as a real server is) in at most 1.1x the time of bare serial
paging with requests + json, at most 300 MiB peak; 1,000,000 x 10 in at most 1.1x, its peak
memory printed as a factor of the loaded frame. `make test` runs them once, the live case with
20,000 rows, and checks the figures and looser budgets; without pytest-benchmark, which only
`make bench` loads (pyproject.toml says why), the benchmark-table test is left out.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import cbsodata
import pytest

from eenzaamheid import load
from eenzaamheid.data import store

from .odata_server import entities_from_snapshot

ROOT = Path(__file__).resolve().parents[1]


def _best_seconds(func, repeat: int) -> float:
    """The fastest of ``repeat`` runs, as ``timeit`` advises: slower runs measure the machine's
    other work (``make test`` runs tests in parallel), not the code."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return min(times)


@pytest.fixture
def benchmarked(request):
    """pytest-benchmark's ``benchmark``, under `make bench` (the plugin is loaded only there)."""
    if not request.config.pluginmanager.hasplugin("benchmark"):
        pytest.skip("`make bench` only (pytest-benchmark)")
    return request.getfixturevalue("benchmark")


def test_load_snapshot_benchmark(benchmarked):
    frame = benchmarked(load, "71488ned", source="snapshot")
    assert len(frame) == 20_476


def test_load_is_fast_and_beats_cbsodata(stand_in, raw):
    snapshot = load("71488ned", source="snapshot")
    stand_in.page_size = 10_000  # CBS's own page size
    stand_in.add_table(
        "71488ned",
        entities_from_snapshot(snapshot, raw / "exports/71488ned_2000-2024_NL-provincies.csv"),
    )
    url = stand_in.url.removeprefix("http://")
    cbsodata.options.use_https = False
    try:
        rows = cbsodata.get_data("71488ned", catalog_url=url)
        client = _best_seconds(lambda: cbsodata.get_data("71488ned", catalog_url=url), 3)
    finally:
        cbsodata.options.use_https = True
    assert len(rows) == 20_475  # the export's rows (the snapshot adds 2025 from the page)
    warm = _best_seconds(lambda: load("71488ned", source="snapshot"), 7)
    cold = _best_seconds(lambda: (store._MEMO.clear(), load("71488ned", source="snapshot")), 7)
    print(
        f"\nload() warm: {warm * 1000:.1f} ms, cold (read + verify Parquet): {cold * 1000:.1f} ms; "
        f"cbsodata.get_data: {client * 1000:.0f} ms; {client / warm:.0f}x"
    )
    assert cold < 0.100
    assert warm < 0.050
    assert client / warm >= 20


def test_warm_load_within_20_ms():
    load("71488ned", source="snapshot")
    warm = _best_seconds(lambda: load("71488ned", source="snapshot"), 15)
    print(f"\nload() warm from the snapshot (20,476 rows): {warm * 1000:.1f} ms")
    assert warm < 0.020


def _child(mode: str, url: str, cache: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EENZAAMHEID_", "CBS_"))}
    env["EENZAAMHEID_CACHE"] = str(cache)
    done = subprocess.run(
        [sys.executable, "-m", "tests.paging_child", mode, url],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize("size", ["200k", "1M"])
def test_a_large_live_load_keeps_up_with_bare_paging(request, tmp_path, size):
    """200,000 and 1,000,000 rows x 10 topics in pages of 10,000 (20,000 rows in `make test`):
    load() with checks, tidying and the cache against bare paging, each in a fresh process, in
    turns. Peak memory: at most 300 MiB for 200,000 rows; for both, stated as a factor of the
    loaded frame's own memory."""
    bench = request.config.getoption("benchmark_enable", default=False)
    if not bench and size == "1M":
        pytest.skip("`make bench` only")
    rows, turns = {"200k": (200_000, 5), "1M": (1_000_000, 3)}[size] if bench else (20_000, 1)
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.odata_server", "--rows", str(rows), "--topics", "10"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = server.stdout.readline().strip()
        runs: dict[str, list[dict]] = {"bare": [], "load": []}
        for turn in range(turns):
            for mode in ("bare", "load") if turn % 2 == 0 else ("load", "bare"):
                runs[mode].append(_child(mode, url, tmp_path / f"cache{turn}"))
    finally:
        server.stdin.close()
        server.wait(timeout=60)
        server.stdout.close()
    bare, loaded = runs["bare"], runs["load"]
    assert {r["rows"] for r in bare + loaded} == {rows}
    assert {r["total"] for r in loaded} == {bare[0]["total"]}  # the same figures
    seconds = {m: statistics.median(r["seconds"] for r in runs[m]) for m in runs}
    cpu = {m: statistics.median(r["cpu"] for r in runs[m]) for m in runs}
    peak = max(r["peak_mib"] for r in loaded)
    frame = loaded[0]["frame_mib"]
    ratio = seconds["load"] / seconds["bare"]
    print(
        f"\n{rows:,} rows x 10 topics, median of {turns}: load(source='live') "
        f"{seconds['load']:.2f} s (CPU {cpu['load']:.2f} s), bare paging {seconds['bare']:.2f} s "
        f"(CPU {cpu['bare']:.2f} s): {ratio:.2f}x; peak memory of load() {peak:.0f} MiB "
        f"(imports {loaded[0]['imports_mib']:.0f} MiB; the frame {frame:.0f} MiB: peak above "
        f"the imports {(peak - loaded[0]['imports_mib']) / frame:.1f}x the frame), of bare paging "
        f"{max(r['peak_mib'] for r in bare):.0f} MiB; load average {os.getloadavg()[0]:.1f}"
    )
    if rows <= 200_000:
        assert peak <= 300
    assert ratio <= (1.1 if bench else 3.0)


@pytest.mark.parametrize("source", ["live"])
def test_live_load_through_the_server_matches_the_snapshot(stand_in, raw, source):
    snapshot = load("71488ned", source="snapshot")
    stand_in.add_table(
        "71488ned",
        entities_from_snapshot(snapshot, raw / "exports/71488ned_2000-2024_NL-provincies.csv"),
    )
    live = load(
        "71488ned",
        source=source,
        filters={"RegioS": "PV20", "Leeftijd": "10000"},
        select=["Alleenstaand_4"],
    )
    offline = load(
        "71488ned",
        source="snapshot",
        filters={"RegioS": "PV20", "Leeftijd": "10000"},
        select=["Alleenstaand_4"],
    )
    keys = ["geslacht_code", "periode_code"]
    assert len(live) == 3 * 25
    merged = live.merge(offline, on=keys, suffixes=("_live", "_snapshot"))
    assert len(merged) == len(live)
    assert (merged["Alleenstaand_4_live"] == merged["Alleenstaand_4_snapshot"]).all()
    assert live["regio"].unique().tolist() == ["Groningen"]
