"""Stored tables: atomic writes, checksums, and clear errors for damaged files."""

import pandas as pd
import pytest

from eenzaamheid import CorruptStoreError, load
from eenzaamheid.data.meta import TableMeta
from eenzaamheid.data.store import read_table, write_table


def test_a_failed_write_leaves_the_old_table_whole(tmp_path, monkeypatch):
    stem = tmp_path / "tabel"
    good = pd.DataFrame({"regio_code": ["NL01"], "waarde": [1.0]})  # fixture, not CBS data
    write_table(stem, good, TableMeta("fixture", "fixture"))

    def broken(self, path, **kwargs):
        path.write_bytes(b"half a file")
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", broken)
    with pytest.raises(OSError, match="disk full"):
        write_table(stem, good.assign(waarde=2.0), TableMeta("fixture", "fixture"))
    monkeypatch.undo()
    assert read_table(stem)["waarde"].tolist() == [1.0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tabel.json", "tabel.parquet"]
    write_table(stem, good.assign(waarde=3.0), TableMeta("fixture", "fixture"), sidecar=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tabel.parquet"]  # one file: the cache


def test_a_damaged_snapshot_says_how_to_restore_it(tmp_path, monkeypatch):
    snapshot = tmp_path / "snapshot"
    snapshot.mkdir()
    frame = load("37296ned", source="snapshot")
    write_table(snapshot / "37296ned", frame, frame.attrs["meta"])
    monkeypatch.setenv("EENZAAMHEID_SNAPSHOT", str(snapshot))
    data = snapshot / "37296ned.parquet"
    whole = data.read_bytes()
    data.write_bytes(whole[:200])
    with pytest.raises(CorruptStoreError, match="git checkout data/snapshot"):
        load("37296ned", source="snapshot")
    data.write_bytes(whole)
    (snapshot / "37296ned.json").write_text("{not json")
    with pytest.raises(CorruptStoreError, match=r"not valid JSON.*git checkout data/snapshot"):
        load("37296ned", source="snapshot")


def _fixture_table(stem):
    frame = pd.DataFrame({"regio_code": ["NL01"] * 5000, "waarde": range(5000)})  # fixture
    write_table(
        stem, frame.astype({"waarde": "Float64"}), TableMeta("fixture", "fixture"), sidecar=False
    )
    return stem.with_suffix(".parquet")


def test_a_flipped_byte_in_a_cache_file_is_found(tmp_path):
    path = _fixture_table(tmp_path / "tabel")
    body = bytearray(path.read_bytes())
    body[len(body) // 3] ^= 0x01
    path.write_bytes(bytes(body))
    with pytest.raises(CorruptStoreError, match=r"damaged.*re-fetches it"):
        read_table(tmp_path / "tabel", memo=False)


def test_edited_metadata_in_the_footer_is_found(tmp_path):
    path = _fixture_table(tmp_path / "tabel")
    frame = pd.read_parquet(path)
    frame.attrs["eenzaamheid"] = frame.attrs["eenzaamheid"].replace("fixture", "fixturf")
    frame.to_parquet(path, index=False)  # the metadata changed, its checksum did not
    with pytest.raises(CorruptStoreError, match="metadata does not match the checksum"):
        read_table(tmp_path / "tabel", memo=False)


def test_a_cache_entry_of_the_old_format_is_reported_and_replaced(tmp_path):
    stem = tmp_path / "tabel"
    pd.DataFrame({"waarde": [1.0]}).to_parquet(stem.with_suffix(".parquet"))  # format 1: no footer
    stem.with_suffix(".json").write_text('{"rows": 1}')
    with pytest.raises(CorruptStoreError, match="older version"):
        read_table(stem, memo=False)
    _fixture_table(stem)
    assert len(read_table(stem)) == 5000 and not stem.with_suffix(".json").exists()


def test_what_cannot_be_read_back_is_not_written(tmp_path):
    meta = TableMeta("fixture", {"not": "text"})  # a title must be text
    with pytest.raises(ValueError, match="title"):
        write_table(tmp_path / "tabel", pd.DataFrame({"a": [1.0]}), meta)
    assert list(tmp_path.iterdir()) == []


def test_a_copied_frame_carries_its_own_metadata():
    """pandas deep-copies ``attrs`` after every operation; the metadata's own copy must be as
    deep: changing a derived frame's metadata leaves the loaded table's alone."""
    import copy
    from dataclasses import fields

    from eenzaamheid import load

    loaded = load("71488ned", source="snapshot")
    meta = loaded.attrs["meta"]
    derived = loaded[loaded["periode"] == "2024"].attrs["meta"]
    assert derived == meta and derived is not meta
    for name in (f.name for f in fields(meta)):
        value = getattr(meta, name)
        if isinstance(value, list | dict) and value:
            assert getattr(derived, name) is not value, name
    derived.topics[0].unit = "fixture unit"
    derived.dimensions[0].title = "fixture title"
    derived.sources[0]["source"]["url"] = "https://example.invalid/"
    derived.notes.append("fixture note")
    derived.selection["fixture"] = True
    assert meta.topics[0].unit != "fixture unit"
    assert meta.dimensions[0].title != "fixture title"
    assert meta.sources[0]["source"]["url"] != "https://example.invalid/"
    assert "fixture note" not in meta.notes and "fixture" not in meta.selection
    assert copy.deepcopy(meta) == meta
