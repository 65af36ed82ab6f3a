"""The committed snapshot is what the snapshot step writes from the real CBS material."""

import json

import pandas as pd
import pytest

from eenzaamheid import load
from eenzaamheid.loader import snapshot_dir
from eenzaamheid.snapshot import SPECS, build_export_table, build_snapshot, refresh_snapshot_live
from eenzaamheid.store import sha256

from .odata_server import entities_from_snapshot


@pytest.fixture(scope="module")
def rebuilt(shared, tmp_path_factory):
    out = tmp_path_factory.mktemp("snapshot")
    counts = build_snapshot(shared, out)
    return out, counts


def test_committed_snapshot_is_reproducible(rebuilt):
    out, counts = rebuilt
    for table in counts:
        fresh = json.loads((out / f"{table}.json").read_text())
        committed = json.loads((snapshot_dir() / f"{table}.json").read_text())
        assert fresh == committed, f"data/snapshot/{table} is stale: run `make snapshot`"


def test_snapshot_round_trips(shared, rebuilt, monkeypatch):
    out, _ = rebuilt
    monkeypatch.setenv("EENZAAMHEID_SNAPSHOT", str(out))
    spec = next(s for s in SPECS if s.table_id == "37296ned")
    expected = build_export_table(spec, shared)
    loaded = load("37296ned", source="snapshot")
    pd.testing.assert_frame_equal(loaded, expected)


def test_snapshot_figures_equal_the_sources(shared):
    persons = load(
        "71488ned",
        source="snapshot",
        select=["Alleenstaand_4"],
        filters={"RegioS": "NL01", "Geslacht": "T001038", "Leeftijd": "10000"},
    )
    by_year = persons.set_index("periode")["Alleenstaand_4"]
    assert by_year["2017"] == 2_961_228
    assert by_year["2025"] == 3_380_900  # from the StatLine page transcription
    households = load("37296ned", source="snapshot").set_index("periode")
    assert households.loc["2017", "Eenpersoonshuishoudens_63"] == 2961
    assert households.attrs["meta"].topic("Eenpersoonshuishoudens_63").unit == "x 1 000"
    lonely = load(
        "85766NED",
        source="snapshot",
        filters={
            "periode": "2022JJ00",
            "groep": "35 tot 45 jaar",
            "maat": "Eenzaamheid",
            "niveau": "Sterk",
        },
    )
    assert lonely["percentage"].tolist() == [14.1]
    assert lonely["precisie"].tolist() == ["exact"]


def test_labels_from_cbs_sources():
    frame = load("71488ned", source="snapshot", filters={"Perioden": "2024JJ00"})
    labels = dict(zip(frame["regio_code"], frame["regio"], strict=False))
    assert labels["PV21"] == "Fryslân" and labels["NL01"] == "Nederland"
    ages = dict(zip(frame["leeftijd_code"], frame["leeftijd"], strict=False))
    assert ages["70100"] == "0 tot 5 jaar" and ages["71900"] == "90 tot 95 jaar"
    assert frame["geslacht"].notna().all() and frame["regio"].notna().all()
    municipalities = load("70072ned", source="snapshot", filters={"Perioden": "2015JJ00"})
    names = dict(zip(municipalities["regio_code"], municipalities["regio"], strict=False))
    assert names["GM0363"] == "Amsterdam"


def test_every_table_carries_provenance(shared):
    for sidecar in snapshot_dir().glob("*.json"):
        meta = json.loads(sidecar.read_text())["meta"]
        assert meta["title"] and meta["period_range"] and meta["licence"], sidecar.name
        assert meta["sources"], sidecar.name
        for source in meta["sources"]:
            path = shared.parents[1] / source["file"]
            assert sha256(path) == source["sha256"], f"{sidecar.name}: {path} changed"


def test_live_refresh_writes_the_same_figures(stand_in, shared, tmp_path, monkeypatch):
    """Online, `snapshot --live` fetches the OData tables with the real client (here: a local
    server serving the exports) and writes a snapshot with the same numbers."""
    stand_in.page_size = 10_000  # CBS's page size; paging itself is tested in test_odata
    for spec in SPECS:
        served = load(spec.table_id, source="snapshot")
        stand_in.add_table(
            spec.table_id,
            entities_from_snapshot(served, *(shared / "exports" / name for name in spec.files)),
        )
    counts = refresh_snapshot_live(tmp_path)
    assert counts["71488ned"] == 20_475
    monkeypatch.setenv("EENZAAMHEID_SNAPSHOT", str(tmp_path))
    persons = load(
        "71488ned",
        source="snapshot",
        select=["Alleenstaand_4"],
        filters={
            "RegioS": "NL01",
            "Geslacht": "T001038",
            "Leeftijd": "10000",
            "Perioden": "2017JJ00",
        },
    )
    assert persons["Alleenstaand_4"].item() == 2_961_228
    meta = persons.attrs["meta"]
    assert meta.origin.startswith(stand_in.url) and meta.retrieved_at.startswith("20")
    households = load("37296ned", source="snapshot", filters={"Perioden": "2017JJ00"})
    assert households["Eenpersoonshuishoudens_63"].item() == 2961
    municipalities = load("70072ned", source="snapshot", filters={"RegioS": "GM0363"})
    assert set(municipalities["regio"]) == {"Amsterdam"}
