"""The committed snapshot is what the snapshot step writes from the raw files in data/raw."""

import json

import pandas as pd
import pytest

from eenzaamheid import CorruptStoreError, load, settings
from eenzaamheid.data.store import sha256
from eenzaamheid.snapshot import build_snapshot, build_tables, refresh_snapshot_live, spec
from eenzaamheid.snapshot.raw import manifest, raw_file

from .odata_server import entities_from_snapshot

SNAPSHOT = settings.ROOT / "data" / "snapshot"


@pytest.fixture
def rebuilt(tmp_path):
    """Every snapshot table built in memory from the raw files, and the snapshot written from
    them into a folder of its own. One test uses it: building takes ~10 s, and a module fixture
    is built again in each pytest-xdist worker whose tests need it."""
    tables = build_tables()
    return tables, tmp_path, build_snapshot(tmp_path, tables)


def test_the_raw_files_give_the_committed_snapshot_byte_for_byte_and_it_loads_as_built(
    rebuilt, monkeypatch
):
    tables, out, counts = rebuilt
    written = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(SNAPSHOT) for p in SNAPSHOT.rglob("*") if p.is_file())
    assert written == committed
    for name in written:
        assert (out / name).read_bytes() == (SNAPSHOT / name).read_bytes(), (
            f"data/snapshot/{name} is stale: run `make snapshot`"
        )
    assert counts["71488ned"] == 20_476 and counts["kaarten/gemeente_2015"] == 393
    monkeypatch.setenv("EENZAAMHEID_SNAPSHOT", str(out))
    pd.testing.assert_frame_equal(load("37296ned", source="snapshot"), tables["37296ned"])


def test_snapshot_figures_equal_the_sources():
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


def test_projections_and_loneliness_by_household_in_the_snapshot():
    single = load("85085NED", source="snapshot", filters={"categorie": "Eenpersoonshuishouden"})
    by_year = single.set_index("periode")["aantal"]
    assert by_year["2022"] == 3_149_006 and by_year["2050"] == 3_894_698
    assert by_year["2070"] == 4_155_306
    assert set(single["status"]) == {"prognose"} and set(single["precisie"]) == {"exact"}
    by_type = load("85084NED", source="snapshot", filters={"periode": "2050JJ00"})
    assert set(by_type["status"]) == {"prognose"}
    assert "Overig huishouden" not in set(by_type["categorie"])  # not transcribed: a gap
    observed = load("70133ned", source="snapshot", filters={"categorie": "Eenpersoonshuishouden"})
    assert "status" not in observed  # counts, not a projection
    assert observed.set_index("periode").loc["2022", "aantal"] == 3_172_564
    every_row = [load(t, source="snapshot") for t in ("85085NED", "85084NED", "70133ned")]
    assert all(frame["bron_url"].str.startswith("https://www.cbs.nl/").all() for frame in every_row)
    lonely = load("eenzaamheid-huishouden", source="snapshot").set_index("groep")
    assert lonely.loc["Alleenwonend (zonder partner of kinderen)", "percentage"] == 14
    assert lonely.loc["Samenwonend met partner", "percentage"] == 6
    assert set(lonely["precisie"]) == {"rounded"} and set(lonely["populatie"]) == {
        "15 jaar of ouder"
    }


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


def test_every_raw_file_is_listed_unmodified(raw):
    entries = manifest()
    on_disk = {
        str(p.relative_to(raw))
        for p in raw.rglob("*")
        if p.is_file() and p.name not in ("manifest.yaml", "README.md", ".gitattributes")
    }
    assert on_disk == set(entries)
    for name, entry in entries.items():
        assert sha256(raw / name) == entry["sha256"], name
        assert entry["licence"] and entry["kind"] and entry["source"], name
        source = entry["source"]
        assert "url" in source or "urls" in source or {"repository", "commit"} <= set(source)


def test_every_table_names_its_original_sources(raw):
    sidecars = [*SNAPSHOT.glob("*.json"), *SNAPSHOT.glob("kaarten/*.json")]
    assert len(sidecars) == 15  # 12, the RIVM and Eurostat tables and the 2020 map
    for sidecar in sidecars:
        text = sidecar.read_text(encoding="utf-8")
        assert "shared/" not in text and "../" not in text, sidecar.name
        record = json.loads(text)
        sources = record["meta"]["sources"] if "meta" in record else [record["source"]]
        assert sources, sidecar.name
        for source in sources:
            assert source["file"].startswith("data/raw/"), source
            assert sha256(raw.parent.parent / source["file"]) == source["sha256"], source
            assert source["source"] and source["licence"], source


def test_used_raw_files_are_exactly_the_listed_ones():
    """Every file in the manifest is read by the snapshot step (copy only what is used): the
    committed snapshot names the files it was built from (and the raw files give that snapshot
    byte for byte, as tested above)."""
    sidecars = (json.loads(p.read_text(encoding="utf-8")) for p in SNAPSHOT.glob("*.json"))
    used = {s["file"] for record in sidecars for s in record["meta"]["sources"]}
    used |= {f"data/raw/{m['file']}" for m in spec()["maps"].values()}
    assert used == {f"data/raw/{name}" for name in manifest()}


def test_an_edited_raw_file_is_refused(raw, tmp_path, monkeypatch):
    copy = tmp_path / "raw"
    copy.mkdir()
    (copy / "manifest.yaml").write_bytes((raw / "manifest.yaml").read_bytes())
    (copy / "statline-pages").mkdir()
    edited = (raw / "statline-pages/huishoudens.csv").read_text().replace("3380900", "3380901")
    (copy / "statline-pages/huishoudens.csv").write_text(edited)
    monkeypatch.setenv("EENZAAMHEID_RAW", str(copy))
    with pytest.raises(CorruptStoreError, match="git checkout data/raw"):
        raw_file("statline-pages/huishoudens.csv")


def test_live_refresh_writes_the_same_figures(stand_in, raw, tmp_path, monkeypatch):
    """Online, `snapshot --live` fetches the OData tables with the real client (here: a local
    server serving the exports) and writes a snapshot with the same numbers."""
    stand_in.page_size = 10_000  # CBS's page size; paging itself is tested in test_odata
    for table in spec()["exports"]:
        served = load(table["id"], source="snapshot")
        files = (raw / name for name in table["files"])
        stand_in.add_table(table["id"], entities_from_snapshot(served, *files))
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
