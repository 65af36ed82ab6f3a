"""What callers pass in: every mistake gets one clear line, and nothing cached is lost."""

import shutil
import warnings
from datetime import timedelta

import pandas as pd
import pytest

from eenzaamheid import (
    CbsError,
    CbsUnavailableError,
    InvalidArgumentError,
    SettingsError,
    UnknownTableError,
    load,
    read_statline_csv,
)
from eenzaamheid.cli import main
from eenzaamheid.data.loader import _cache_stem
from eenzaamheid.data.store import write_table
from eenzaamheid.settings import ROOT


def _one_line(exc_info) -> str:
    text = str(exc_info.value)
    assert "\n" not in text and len(text) < 400, text
    return text


def test_one_topic_may_be_given_bare(stand_in):
    live = load("80137ned", select="Totaal_1", source="live")
    assert [c for c in live.columns if c[0].isupper()] == ["Totaal_1"]
    offline = load("37296ned", select="Eenpersoonshuishoudens_63", source="snapshot")
    assert offline.columns[-1] == "Eenpersoonshuishoudens_63"


def test_whole_numbers_are_codes(stand_in):
    as_number = load("80137ned", filters={"Persoonskenmerken": 2}, source="live")
    as_text = load("80137ned", filters={"Persoonskenmerken": "2"}, source="live")
    pd.testing.assert_frame_equal(as_number.drop(columns=[]), as_text)
    assert set(load("37296ned", filters={"Perioden": 2017}, source="snapshot")["periode"]) == {
        "2017"
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"filters": "RegioS"}, "filters maps a dimension"),
        ({"filters": ["NL01"]}, "filters maps a dimension"),
        ({"filters": {"Persoonskenmerken": None}}, "not None"),
        ({"filters": {"Persoonskenmerken": [1.5]}}, "as text"),
        ({"filters": {"Persoonskenmerken": []}}, "names no codes"),
        ({"filters": {"Persoonskenmerken": [True]}}, "as text"),
        ({"select": 5}, "select lists topic keys"),
        ({"select": [None]}, "select lists topic keys"),
        ({"timeout": -1}, "positive number of seconds"),
        ({"timeout": "soon"}, "positive number of seconds"),
        ({"source": "internet"}, "source is 'auto'"),
        ({"max_age": 7}, "max_age is a timedelta"),
    ],
)
def test_bad_arguments_get_one_clear_line_before_anything_is_asked(stand_in, kwargs, message):
    with pytest.raises(InvalidArgumentError, match=message) as caught:
        load("80137ned", **kwargs)
    _one_line(caught)
    assert stand_in.requests == []


@pytest.mark.parametrize("bad", ["71488ned\n", " 71488ned", "71488ned/..", "x" * 500, 71488])
def test_malformed_ids_are_refused_and_not_echoed_whole(bad):
    with pytest.raises(UnknownTableError) as caught:
        load(bad)
    text = _one_line(caught)
    assert "not a CBS table id" in text or "text like" in text
    if len(str(bad)) == 500:
        assert "500 characters" in text and "x" * 100 not in text


def test_a_host_without_scheme_is_taken_as_cbsodata_takes_it(stand_in, monkeypatch):
    monkeypatch.setenv("CBS_ODATA_URL", stand_in.url.removeprefix("http://"))
    with pytest.raises(CbsUnavailableError, match=r"https:// was assumed.*write http://") as caught:
        load("80137ned", source="live")
    _one_line(caught)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("CBS_ODATA_URL", "http://", "not a server address"),
        ("CBS_ODATA_URL", "ftp://example.org", "not a server address"),
        ("CBS_ODATA_URL", "http://127.0.0.1:port", "not a server address"),
        ("EENZAAMHEID_TIMEOUT", "soon", "EENZAAMHEID_TIMEOUT"),
        ("EENZAAMHEID_TIMEOUT", "-3", "EENZAAMHEID_TIMEOUT"),
        ("EENZAAMHEID_SOURCE", "internet", "unknown source"),
        ("EENZAAMHEID_MAX_RESPONSE_MB", "0", "EENZAAMHEID_MAX_RESPONSE_MB"),
        ("EENZAAMHEID_MAX_RESPONSE_MB", "veel", "EENZAAMHEID_MAX_RESPONSE_MB"),
    ],
)
def test_bad_settings_get_one_clear_line(monkeypatch, tmp_path, variable, value, message):
    monkeypatch.setenv("EENZAAMHEID_CACHE", str(tmp_path))
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=message) as caught:
        load("80137ned", source="live" if variable != "EENZAAMHEID_SOURCE" else None)
    _one_line(caught)


def test_an_unknown_table_points_to_search(stand_in):
    with pytest.raises(UnknownTableError, match=r"99999ned.*eenzaamheid\.search") as caught:
        load("99999ned", source="live")
    assert "--live" not in _one_line(caught)


def test_the_fallback_never_prints_an_empty_date(stand_in):
    frame = load("80137ned", source="live")
    frame.attrs["meta"].retrieved_at = ""
    write_table(_cache_stem("80137ned", None, None), frame, frame.attrs["meta"], sidecar=False)
    stand_in.faults["*"] = {"status": 500}
    with pytest.warns(
        UserWarning, match=r"using the cache of 80137ned \(retrieval date not recorded\)"
    ):
        load("80137ned", max_age=timedelta(days=1))


def test_every_error_is_a_cbs_error_with_one_line(stand_in):
    for call in (
        lambda: load("80137ned", filters={"Geslacht": "1"}, source="live"),
        lambda: load("80137ned", select=["Banen_1"], source="live"),
        lambda: load("80137ned", filters={"Persoonskenmerken": "99"}, source="live"),
        lambda: load("nietsnut", source="cache"),
        lambda: load("nietsnut", source="snapshot"),
    ):
        with pytest.raises(CbsError) as caught:
            call()
        _one_line(caught)


def test_a_file_that_is_not_a_statline_download(tmp_path):
    path = tmp_path / "71488ned_iets.csv"
    path.write_bytes(b"\xff\xfe niet eens tekst")
    with pytest.raises(InvalidArgumentError, match="not a StatLine CSV download") as caught:
        read_statline_csv(path)
    _one_line(caught)
    with pytest.raises(InvalidArgumentError, match="does not exist"):
        read_statline_csv(tmp_path / "weg.csv")


def test_auto_names_a_non_json_answer_plainly(stand_in):
    load("80137ned", source="live")
    stand_in.faults["TypedDataSet"] = {"body": "<html>busy (try later)</html>"}
    with pytest.warns(UserWarning) as caught:
        load("80137ned", max_age=timedelta(0))
    (warning,) = [w for w in caught if "using the cache" in str(w.message)]
    assert str(warning.message).startswith(
        "CBS unreachable (an answer that is not OData: not JSON (b'<html>busy (try later)</html>'"
    )


def test_a_damaged_cache_is_reported_once_and_auto_is_not_advised_in_auto(stand_in):
    load("80137ned", source="live")
    data = _cache_stem("80137ned", None, None).with_suffix(".parquet")
    data.write_bytes(data.read_bytes()[:-100])
    stand_in.faults["*"] = {"status": 500}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(CbsUnavailableError) as error:
            load("80137ned", max_age=timedelta(0))
    assert sum("damaged" in str(w.message) for w in caught) == 1
    assert "'auto'" not in _one_line(error) and "no usable copy" in str(error.value)


def test_a_dimension_named_twice_is_refused_live_and_offline(stand_in):
    with pytest.raises(InvalidArgumentError, match=r"Persoonskenmerken twice.*one list"):
        load(
            "80137ned", filters={"Persoonskenmerken": "1", "persoonskenmerken": "2"}, source="live"
        )
    with pytest.raises(InvalidArgumentError, match=r"RegioS twice.*one list") as caught:
        load("71488ned", filters={"RegioS": "PV20", "regio": "NL01"}, source="snapshot")
    _one_line(caught)


def test_a_password_in_the_server_address_is_never_shown(stand_in, monkeypatch):
    secret = stand_in.url.replace("http://", "http://lezer:geheim123@")
    monkeypatch.setenv("CBS_ODATA_URL", secret)
    stand_in.faults["*"] = {"status": 500}
    with pytest.raises(CbsUnavailableError) as caught:
        load("80137ned", source="live")
    assert "geheim123" not in str(caught.value) and "***@127.0.0.1" in str(caught.value)
    monkeypatch.setenv("CBS_ODATA_URL", "http://lezer:geheim123@127.0.0.1:port")
    with pytest.raises(SettingsError) as caught:
        load("80137ned", source="live")
    assert "geheim123" not in str(caught.value)
    stand_in.faults.clear()
    monkeypatch.setenv("CBS_ODATA_URL", secret)
    meta = load("80137ned", source="live").attrs["meta"]
    assert "geheim123" not in meta.origin and "geheim123" not in meta.describe()


@pytest.mark.parametrize("setting", ["EENZAAMHEID_THEME", "EENZAAMHEID_LANG"])
def test_a_bad_theme_or_language_is_named(monkeypatch, capsys, setting):
    monkeypatch.setenv(setting, "paars")
    assert main(["build", "--only", "00"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fout: unknown") and "paars" in err and setting in err
    assert "onverwacht" not in err


def test_tables_without_a_snapshot_says_so(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("EENZAAMHEID_SNAPSHOT", str(tmp_path / "nonexistent"))
    assert main(["tables"]) == 2
    assert "nonexistent" in capsys.readouterr().err
    snapshot = tmp_path / "snapshot"
    shutil.copytree(ROOT / "data" / "snapshot", snapshot)
    (snapshot / "70072ned.parquet").unlink()
    monkeypatch.setenv("EENZAAMHEID_SNAPSHOT", str(snapshot))
    assert main(["tables"]) == 2
    assert "70072ned.parquet" in capsys.readouterr().err
