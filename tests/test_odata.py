"""The real cbsodata client against a local OData server serving real CBS recordings."""

import json
import re
import warnings
from datetime import timedelta

import pytest

from eenzaamheid import (
    CbsUnavailableError,
    CorruptStoreError,
    UnknownFieldError,
    UnknownTableError,
    load,
)
from eenzaamheid.data.loader import _cache_stem
from eenzaamheid.data.store import read_table


def test_labels_codes_units_and_periods(stand_in):
    frame = load("83262NED", source="live")
    meta = frame.attrs["meta"]
    assert meta.title == "Wmo-cliënten; type maatwerkarrangement, regio"
    assert meta.topic("WmoClientenPer1000Inwoners_2").unit == "per 1 000 inwoners"
    first = frame.iloc[0]
    assert (first["regio_code"], first["regio"]) == ("NL01", "Nederland")  # padding stripped
    assert first["geslacht"] == "Totaal mannen en vrouwen"
    assert set(frame["frequentie"]) == {"halfjaar", "jaar"}
    assert frame["periode_start"].min().isoformat().startswith("2015-01-01")
    assert set(frame["status"].dropna()) <= {"Definitief", "Voorlopig", "NaderVoorlopig"}


def test_paging_fetches_every_page_once_a_few_at_a_time(stand_in, fixtures):
    frame = load("80137ned", source="live")  # 675 rows, pages of 50
    recorded = json.loads((fixtures / "odata-v3/80137ned/TypedDataSet.json").read_text())
    order = [(r["Persoonskenmerken"].strip(), r["Perioden"]) for r in recorded["value"]]
    assert list(zip(frame["persoonskenmerken_code"], frame["periode_code"], strict=True)) == order
    pages = [r for r in stand_in.requests if "TypedDataSet" in r]
    skips = [int(re.search(r"skip=(\d+)", r)[1]) if "skip" in r else 0 for r in pages]
    assert sorted(skips)[:14] == list(range(0, 700, 50))  # each page once, in $skip steps
    assert len(skips) == len(set(skips)) <= 14 + 3  # at most 3 asked beyond the last page
    assert all("top=50" in r for r in pages[1:])
    assert frame["Totaal_1"].iloc[0] == 8811.0


def test_a_filtered_load_sends_its_filter_and_select_with_every_page(stand_in, fixtures):
    frame = load(
        "80137ned", filters={"Persoonskenmerken": ["1", "2"]}, select="Totaal_1", source="live"
    )
    recorded = json.loads((fixtures / "odata-v3/80137ned/TypedDataSet.json").read_text())
    wanted = [r for r in recorded["value"] if r["Persoonskenmerken"].strip() in ("1", "2")]
    assert len(frame) == len(wanted) == 150  # three pages of 50
    pages = [r for r in stand_in.requests if "TypedDataSet" in r]
    assert len(pages) >= 3
    assert all("%24filter=" in r and "%24select=" in r for r in pages)


def test_paging_follows_next_links_when_the_server_does_not_page_by_skip(stand_in, monkeypatch):
    monkeypatch.setattr("eenzaamheid.data.pages._skip", lambda link: None)
    frame = load("80137ned", source="live")
    pages = [r for r in stand_in.requests if "TypedDataSet" in r]
    assert len(frame) == 675 and len(pages) == 14 and not any("top=" in r for r in pages)


def test_filter_accepts_unpadded_codes_and_select_is_sent(stand_in):
    frame = load("80137ned", filters={"Persoonskenmerken": "2"}, select=["Totaal_1"], source="live")
    assert set(frame["persoonskenmerken"]) == {"Mannen"}
    assert [c for c in frame.columns if c[0].isupper()] == ["Totaal_1"]
    data_requests = [r for r in stand_in.requests if "TypedDataSet" in r]
    assert "Persoonskenmerken+eq+%272+%27" in data_requests[0]  # CBS's padded code went out
    assert "%24select=" in data_requests[0]


def test_missing_values_are_na_not_zero(stand_in):
    frame = load("70076ned", source="live")
    topic = frame.attrs["meta"].topic_keys[0]
    assert frame[topic].isna().any()
    assert not (frame[topic] == 0).all()


def test_unknown_table_and_malformed_ids(stand_in):
    with pytest.raises(UnknownTableError, match=r"99999ned.*search"):
        load("99999ned", source="live")
    for bad in ["../x", "71488ned/../../etc", "", "a b"]:
        with pytest.raises(UnknownTableError, match="not a CBS table id"):
            load(bad)


def test_unknown_topic_or_dimension_lists_what_exists(stand_in):
    with pytest.raises(UnknownFieldError, match="Totaal_1"):
        load("80137ned", select=["Banen_1"], source="live")
    with pytest.raises(UnknownFieldError, match="Persoonskenmerken"):
        load("80137ned", filters={"Geslacht": "3000"}, source="live")
    with pytest.raises(UnknownFieldError, match="no code"):
        load("80137ned", filters={"Persoonskenmerken": "99"}, source="live")


@pytest.mark.parametrize(
    "fault",
    [
        {"status": 500},
        {"status": 503},
        {"body": "<html>busy</html>"},
        {"drop": True},
        pytest.param({"delay": 1.5}, marks=pytest.mark.waits),
        {"body": {"no": "value"}},
    ],
    ids=["500", "503", "not-json", "dropped", "timeout", "no-value"],
)
def test_faults_give_clear_errors_and_keep_the_cache(stand_in, monkeypatch, fault):
    cached = load("80137ned", source="live")
    monkeypatch.setattr("eenzaamheid.data.odata.TIMEOUT", 0.5)  # the 1.5 s delay times out
    stand_in.faults["TypedDataSet"] = fault
    with pytest.raises(CbsUnavailableError, match="untouched"):
        load("80137ned", source="live")
    again = load("80137ned", source="cache")
    assert again.equals(cached)


def test_auto_falls_back_to_the_cache_and_says_its_date(stand_in):
    load("80137ned", source="live")
    stand_in.faults["*"] = {"status": 500}
    with pytest.warns(UserWarning, match=r"using the cache of 80137ned retrieved 20\d\d-"):
        frame = load("80137ned", max_age=timedelta(0))
    assert frame.attrs["meta"].source == "cache"


def test_auto_without_cache_or_snapshot_raises(stand_in):
    stand_in.faults["*"] = {"status": 500}
    with pytest.raises(CbsUnavailableError):
        load("80137ned")


def test_auto_uses_a_fresh_cache_without_asking_cbs(stand_in):
    load("80137ned", source="live")
    before = len(stand_in.requests)
    assert load("80137ned").attrs["meta"].source == "cache"
    assert len(stand_in.requests) == before


def test_corrupt_cache_is_detected_and_refetched(stand_in):
    load("80137ned", source="live")
    stem = _cache_stem("80137ned", None, None)
    data = stem.with_suffix(".parquet")
    data.write_bytes(data.read_bytes()[:-100])  # truncated
    with pytest.raises(CorruptStoreError, match=r"damaged.*re-fetches"):
        read_table(stem)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = load("80137ned")
    assert any("damaged" in str(w.message) for w in caught)
    assert len(frame) == 675 and frame.attrs["meta"].source == "live"
    read_table(stem)  # re-fetched and whole again
