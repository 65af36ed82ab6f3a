"""Speed of load(): warm from the snapshot, and against cbsodata.get_data through a local server.

`make bench` runs these with pytest-benchmark's tables; in `make test` they run once and assert
the budgets: under 50 ms warm for ~20,000 rows, at least 20x faster than cbsodata.get_data.
"""

import statistics
import time

import cbsodata
import pytest

from eenzaamheid import load
from eenzaamheid.data import store

from .odata_server import entities_from_snapshot


def _median_seconds(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def test_load_snapshot_benchmark(benchmark):
    frame = benchmark(load, "71488ned", source="snapshot")
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
        client = _median_seconds(lambda: cbsodata.get_data("71488ned", catalog_url=url), 3)
    finally:
        cbsodata.options.use_https = True
    assert len(rows) == 20_475  # the export's rows (the snapshot adds 2025 from the page)
    warm = _median_seconds(lambda: load("71488ned", source="snapshot"), 7)
    cold = _median_seconds(lambda: (store._MEMO.clear(), load("71488ned", source="snapshot")), 7)
    print(
        f"\nload() warm: {warm * 1000:.1f} ms, cold (read + verify Parquet): {cold * 1000:.1f} ms; "
        f"cbsodata.get_data: {client * 1000:.0f} ms; {client / warm:.0f}x"
    )
    assert cold < 0.100
    assert warm < 0.050
    assert client / warm >= 20


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
