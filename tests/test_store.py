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
