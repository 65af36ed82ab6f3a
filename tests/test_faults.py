"""Servers that misbehave the way real ones do: every fault ends in a clear CbsError within
the deadline, or is refused, and the good cache entry stays as it was."""

import threading
import time
import warnings
from datetime import timedelta

import pandas as pd
import pytest

from eenzaamheid import (
    CacheWriteWarning,
    CbsDataError,
    CbsError,
    CbsTimeoutError,
    CbsUnavailableError,
    load,
)
from eenzaamheid.data.meta import TableMeta
from eenzaamheid.data.store import read_table, write_table

from .odata_server import StandIn


@pytest.fixture
def cached(stand_in):
    """A good cache entry of 80137ned, and a check that it is still the same afterwards."""
    before = load("80137ned", source="live")
    yield before
    after = load("80137ned", source="cache")
    pd.testing.assert_frame_equal(after, before)
    assert after.attrs["meta"].retrieved_at == before.attrs["meta"].retrieved_at


def test_a_renamed_topic_is_named_and_nothing_is_cached(stand_in, cached):
    stand_in.faults["TypedDataSet"] = {"rename": {"Totaal_1": "Totaal_1a"}}
    with pytest.raises(CbsDataError, match=r"lacks topic \['Totaal_1'\].*untouched"):
        load("80137ned", source="live")


def test_a_missing_dimension_is_named(stand_in, cached):
    stand_in.faults["TypedDataSet"] = {"remove": ["Persoonskenmerken"], "skip": 100}
    with pytest.raises(CbsDataError, match=r"dimension \['Persoonskenmerken'\].*page 3"):
        load("80137ned", source="live")


def test_auto_falls_back_when_the_data_does_not_fit(stand_in, cached):
    stand_in.faults["TypedDataSet"] = {"rename": {"Totaal_1": "Totaal_1a"}}
    with pytest.warns(UserWarning, match="using the cache of 80137ned retrieved 20"):
        frame = load("80137ned", max_age=timedelta(0))
    assert frame.attrs["meta"].source == "cache"


@pytest.mark.parametrize("follow", ["by-skip", "by-link"])
def test_a_next_link_to_another_server_is_refused(stand_in, cached, monkeypatch, follow):
    other = StandIn(None)
    try:
        if follow == "by-link":
            monkeypatch.setattr("eenzaamheid.data.pages._skip", lambda link: None)
        stand_in.faults["TypedDataSet"] = {"next_link": other.url, "skip": 0}
        with pytest.raises(CbsDataError, match=r"another server.*refused"):
            load("80137ned", source="live")
        assert other.requests == []
    finally:
        other.close()


def test_a_connection_dropped_mid_page_is_retried(stand_in):
    stand_in.faults["TypedDataSet"] = {"partial": 3000, "skip": 50, "times": 1}
    frame = load("80137ned", source="live")
    assert len(frame) == 675
    assert sum("skip=50&" in r or r.endswith("skip=50") for r in stand_in.requests) == 2


def test_a_connection_that_keeps_dropping_ends_in_a_clear_error(stand_in, cached):
    stand_in.faults["TypedDataSet"] = {"partial": 3000, "skip": 50}
    with pytest.raises(CbsUnavailableError, match=r"after 2 tries.*dropped mid-answer"):
        load("80137ned", source="live")
    with pytest.warns(UserWarning, match=r"dropped mid-answer.*using the cache"):
        assert load("80137ned", max_age=timedelta(0)).attrs["meta"].source == "cache"


@pytest.mark.parametrize("fault", [{"silent": True}, {"trickle": 2}], ids=["silent", "trickle"])
def test_a_silent_or_trickling_server_costs_the_deadline(stand_in, cached, monkeypatch, fault):
    monkeypatch.setattr("eenzaamheid.data.odata.TIMEOUT", 30)  # only the deadline can stop it
    monkeypatch.setenv("EENZAAMHEID_TIMEOUT", "5")
    stand_in.faults["TypedDataSet"] = fault
    started = time.monotonic()
    with pytest.raises(CbsTimeoutError, match="within the 5 s deadline"):
        load("80137ned", source="live")
    assert time.monotonic() - started < 8


def test_the_deadline_covers_every_request_and_auto_falls_back(stand_in, cached, monkeypatch):
    monkeypatch.setattr("eenzaamheid.data.odata.TIMEOUT", 30)
    stand_in.faults["*"] = {"silent": True}
    started = time.monotonic()
    with pytest.warns(UserWarning, match=r"within the deadline\); using the cache"):
        frame = load("80137ned", max_age=timedelta(0), timeout=1.5)
    assert frame.attrs["meta"].source == "cache" and time.monotonic() - started < 4


def test_a_client_error_is_tried_once_and_says_so(stand_in, cached):
    stand_in.faults["TypedDataSet"] = {"status": 400}
    before = len(stand_in.requests)
    with pytest.raises(CbsUnavailableError, match=r"after 1 try \(HTTP 400\)"):
        load("80137ned", source="live")
    assert sum("TypedDataSet" in r for r in stand_in.requests[before:]) == 1


def test_numbers_that_are_not_numbers_are_refused(stand_in, cached):
    rows = stand_in.tables["80137ned"]["TypedDataSet"]
    stand_in.tables["80137ned"]["TypedDataSet"] = [
        {**r, "Totaal_1": "12,5 mln" if i == 7 else r["Totaal_1"]} for i, r in enumerate(rows)
    ]
    with pytest.raises(CbsDataError, match=r"'12,5 mln' in topic Totaal_1"):
        load("80137ned", source="live")


def test_numbers_sent_as_text_and_missing_symbols_are_read(stand_in):
    rows = stand_in.tables["80137ned"]["TypedDataSet"]
    stand_in.tables["80137ned"]["TypedDataSet"] = [
        {**r, "Totaal_1": "." if i == 0 else f" {r['Totaal_1']} "} for i, r in enumerate(rows)
    ]
    frame = load("80137ned", source="live")
    assert pd.isna(frame["Totaal_1"].iloc[0]) and frame["Totaal_1"].iloc[1] == 8851.0


def test_an_unwritable_cache_warns_once_and_returns_the_data(stand_in, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("EENZAAMHEID_CACHE", str(blocker / "cache"))
    with pytest.warns(CacheWriteWarning, match=r"cannot be written.*EENZAAMHEID_CACHE"):
        frame = load("80137ned", source="live")
    assert len(frame) == 675
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # said once is enough
        assert len(load("80137ned", source="live", select="Totaal_1")) == 675


def test_readers_never_see_half_a_refresh(tmp_path):
    """One writer replacing a table, several readers: each read is one whole version."""
    stem = tmp_path / "tabel"

    def version(n: int) -> tuple[pd.DataFrame, TableMeta]:
        frame = pd.DataFrame({"code": [f"C{i}" for i in range(100 + n)], "waarde": float(n)})
        return frame, TableMeta("fixture", f"versie {n}")  # fixture, not CBS data

    write_table(stem, *version(0), sidecar=False)
    failures, reads, stop = [], [], threading.Event()

    def writer():
        for n in range(1, 60):
            write_table(stem, *version(n), sidecar=False)
        stop.set()

    def reader():
        while not stop.is_set() or len(reads) < 400:
            try:
                frame = read_table(stem, memo=False)
            except CbsError as exc:
                failures.append(exc)
                continue
            n = int(frame.attrs["meta"].title.split()[1])
            if len(frame) != 100 + n or set(frame["waarde"]) != {float(n)}:
                failures.append(f"mixed versions: {n}, {len(frame)} rows")
            reads.append(n)

    threads = [threading.Thread(target=writer)] + [
        threading.Thread(target=reader) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(reads) >= 400 and len(set(reads)) > 1
    assert failures == []
