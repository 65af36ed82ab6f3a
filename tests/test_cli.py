"""``python -m eenzaamheid``: one clear line and a non-zero exit for every failure; ``tables``
checks the snapshot; ``info``, ``search`` and ``codes`` help find data."""

import shutil

import pytest

from eenzaamheid import UnknownTableError
from eenzaamheid.cli import main
from eenzaamheid.settings import ROOT


def _error_lines(capsys) -> list[str]:
    lines = capsys.readouterr().err.splitlines()
    assert lines and all(line.startswith("fout: ") for line in lines), lines
    return lines


@pytest.mark.parametrize("table", ["71488ned\n", "x" * 500, "nietsnut"])
def test_a_failure_is_one_line_and_exit_2(capsys, table):
    assert main(["info", table]) == 2
    (line,) = _error_lines(capsys)
    assert len(line) < 400


def test_debug_shows_the_traceback():
    with pytest.raises(UnknownTableError):
        main(["--debug", "info", "nietsnut"])


@pytest.fixture
def damaged_snapshot(tmp_path, monkeypatch):
    snapshot = tmp_path / "snapshot"
    shutil.copytree(ROOT / "data" / "snapshot", snapshot)
    monkeypatch.setenv("EENZAAMHEID_SNAPSHOT", str(snapshot))
    data = snapshot / "71488ned.parquet"
    body = bytearray(data.read_bytes())
    body[len(body) // 2] ^= 0xFF  # one flipped byte in the middle of the data
    data.write_bytes(bytes(body))
    (snapshot / "37296ned.json").write_text("null")
    (snapshot / "70072ned.json").write_bytes(b"\xff\xfe not UTF-8")
    (snapshot / "85766NED.json").write_text('{"rows": 131, "sha256": "0"}')
    return snapshot


def test_tables_checks_every_table_and_exits_2_on_damage(capsys, damaged_snapshot):
    assert main(["tables"]) == 2
    captured = capsys.readouterr()
    listed = [line.split()[0] for line in captured.out.splitlines()]
    assert listed == [
        "37296ned-tabel",
        "70133ned",
        "85084NED",
        "85085NED",
        "eenzaamheid-huishouden",
        "eurostat-ilc_lvph03",
        "gezondheidsmonitor",
        "rivm-eenzaamheid",
    ]
    errors = captured.err.splitlines()
    assert len(errors) == 4 and all("git checkout data/snapshot/" in e for e in errors)
    assert any("71488ned.parquet" in e and "checksum" in e for e in errors)
    assert any("not valid JSON in UTF-8" in e for e in errors)
    assert any("lacks ['meta']" in e for e in errors)
    assert any("37296ned.json" in e and "null" in e for e in errors)


@pytest.mark.parametrize(
    "command",
    [
        ["info", "71488ned"],
        ["info", "37296ned"],
        ["claims", "--source", "snapshot"],
        ["codes", "85766NED", "niveau"],
    ],
)
def test_a_damaged_snapshot_is_one_line_everywhere(capsys, damaged_snapshot, command):
    assert main(command) == 2
    (line,) = _error_lines(capsys)
    assert "git checkout data/snapshot/" in line


def test_tables_of_the_committed_snapshot(capsys):
    assert main(["tables"]) == 0
    assert "71488ned" in capsys.readouterr().out


def test_info_shows_codes_and_what_a_transcription_is(capsys):
    assert main(["info", "85766NED"]) == 0
    out = capsys.readouterr().out
    assert "overgenomen van webpagina's" in out and "overige kolommen: populatie" in out
    assert "opgehaald: datum niet vastgelegd" in out and "unknown" not in out
    assert "indeling             -> kolommen indeling\n" in out
    assert main(["info", "71488ned"]) == 0
    out = capsys.readouterr().out
    assert "    PV20         Groningen" in out and "codes 71488ned Leeftijd" in out


def test_search_and_codes_offline(capsys):
    assert main(["search", "eenzaamheid", "--source", "snapshot"]) == 0
    assert capsys.readouterr().out.startswith("85766NED")
    assert main(["codes", "71488ned", "Geslacht", "--source", "snapshot"]) == 0
    assert capsys.readouterr().out.splitlines()[0].split() == ["3000", "Mannen"]
