"""Servers that misbehave the way real ones do: every fault ends in a clear CbsError within
the deadline, or is refused, and the good cache entry stays as it was."""

import random
import re
import threading
import time
import tracemalloc
import warnings
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pandas as pd
import pyarrow as pa
import pytest

from eenzaamheid import (
    CacheWriteWarning,
    CbsDataError,
    CbsError,
    CbsTimeoutError,
    CbsUnavailableError,
    load,
)
from eenzaamheid.data import http as http_module
from eenzaamheid.data import rows as rows_module
from eenzaamheid.data.cube import check_cube
from eenzaamheid.data.meta import TableMeta
from eenzaamheid.data.store import read_table, write_table

from .odata_server import StandIn, entities_from_snapshot


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ({"empty": True, "skip": 0}, r"0 rows; its codes make 675 \(9 x 15 x 5\)"),
        ({"rows": 25, "skip": 100}, r"125 rows; its codes make 675"),
        ({"no_next": True, "skip": 0}, r"50 rows; its codes make 675"),
        ({"shift": 25, "skip": 100}, r"repeats 25 combinations of codes"),
        ({"thin": "Totaal_4", "skip": 50}, r"topic Totaal_4 in 25 of its 50 rows"),
        ({"values": {"Totaal_1": True}, "skip": 50}, r"True in topic Totaal_1"),
        ({"values": {"Totaal_1": "1e999"}, "skip": 50}, r"'1e999' in topic Totaal_1"),
        ({"values": {"Totaal_1": float("inf")}}, r"50 values in topic Totaal_1 that are infinite"),
    ],
    ids=["empty", "short-page", "no-next-link", "repeated", "partial-key", "true", "1e999", "inf"],
)
def test_an_incomplete_or_wrong_answer_never_replaces_the_cache(stand_in, cached, fault, message):
    stand_in.faults["TypedDataSet"] = fault
    with pytest.raises(CbsDataError, match=message):
        load("80137ned", source="live")
    with pytest.warns(
        UserWarning, match=r"^CBS's answer refused \(its answer was incomplete or did not fit"
    ):
        assert load("80137ned", max_age=timedelta(0)).attrs["meta"].source == "cache"


def test_the_same_faults_when_following_next_links(stand_in, cached, monkeypatch):
    monkeypatch.setattr("eenzaamheid.data.pages._skip", lambda link: None)
    for fault, message in [
        ({"no_next": True, "skip": 300}, r"350 rows; its codes make 675"),
        ({"shift": 50, "skip": 300}, r"repeats 50 combinations"),
        ({"rows": 10, "skip": 300}, r"635 rows; its codes make 675"),
    ]:
        stand_in.faults["TypedDataSet"] = fault
        with pytest.raises(CbsDataError, match=message):
            load("80137ned", source="live")


def test_a_filtered_answer_is_checked_against_the_codes_asked(stand_in):
    stand_in.faults["TypedDataSet"] = {"rows": 30, "skip": 100}
    with pytest.raises(CbsDataError, match=r"130 rows; its codes make 225 \(3 x 15 x 5\)"):
        load("80137ned", filters={"Persoonskenmerken": ["1", "2", "3"]}, source="live")
    stand_in.faults.clear()
    frame = load("80137ned", filters={"Persoonskenmerken": ["1", "2", "3"]}, source="live")
    assert len(frame) == 225
    assert any("225 rows = 3 x 15 x 5 codes" in note for note in frame.attrs["meta"].notes)


def test_an_all_empty_server_falls_back_to_the_snapshot(stand_in, raw):
    snapshot = load("71488ned", source="snapshot")
    export = raw / "exports/71488ned_2000-2024_NL-provincies.csv"
    stand_in.add_table("71488ned", entities_from_snapshot(snapshot, export))
    stand_in.faults["*"] = {"empty": True}
    with pytest.raises(CbsDataError, match="no topics"):
        load("71488ned", source="live")
    with pytest.warns(UserWarning, match="using the snapshot of 71488ned"):
        frame = load("71488ned", max_age=timedelta(0))
    assert frame.attrs["meta"].source == "snapshot" and len(frame) > 20_000


def _shrink(stand_in):
    """80137ned without its last period (the server's answer is a smaller, whole cube)."""
    table = stand_in.tables["80137ned"]
    last = table["Perioden"][-1]["Key"]
    table["Perioden"] = table["Perioden"][:-1]
    table["TypedDataSet"] = [r for r in table["TypedDataSet"] if r["Perioden"] != last]


def test_a_smaller_answer_does_not_replace_the_cache_without_force(stand_in, cached):
    _shrink(stand_in)
    with pytest.raises(
        CbsDataError,
        match=r"540 rows, the cached copy.*675.*periode: 4 codes, cached 5.*force=True",
    ):
        load("80137ned", source="live")
    with pytest.warns(
        UserWarning,
        match=r"^CBS's answer refused \(its answer has fewer rows.*using the cache of 80137ned",
    ):
        assert len(load("80137ned", max_age=timedelta(0))) == 675


def test_force_replaces_the_cache_with_a_smaller_answer(stand_in):
    load("80137ned", source="live")
    _shrink(stand_in)
    assert len(load("80137ned", source="live", force=True)) == 540
    assert len(load("80137ned", source="cache")) == 540


def test_an_oversize_answer_is_stopped_while_reading(stand_in, cached, monkeypatch):
    monkeypatch.setenv("EENZAAMHEID_MAX_RESPONSE_MB", "1")
    stand_in.faults["TypedDataSet"] = {"huge": 20_000_000}
    started = time.monotonic()
    with pytest.raises(CbsDataError, match=r"more than 1 MiB.*EENZAAMHEID_MAX_RESPONSE_MB"):
        load("80137ned", source="live")
    assert time.monotonic() - started < 5


def test_millions_of_empty_rows_are_refused_quickly_and_in_little_memory(stand_in, cached):
    stand_in.faults["TypedDataSet"] = {"huge": 20_000_000}  # 6.7 million {} under the limit
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(CbsDataError, match=r"page 1 from CBS \(18 MiB\) does not have"):
            load("80137ned", source="live", timeout=20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 10 and peak < 200 << 20


def test_a_gzip_answer_is_read(stand_in):
    stand_in.faults["TypedDataSet"] = {"gzip": True}
    assert len(load("80137ned", source="live")) == 675


@pytest.mark.parametrize("limit", ["16", None], ids=["16-MiB", "default-256-MiB"])
def test_a_gzip_bomb_is_stopped_within_the_deadline_and_memory(
    stand_in, cached, monkeypatch, limit
):
    """3 MB inflating to 3 GiB: refused at the limit, or (on a slow machine, before it
    reaches 256 MiB) at the deadline; either way within 1 s of it and under 1 GiB."""
    monkeypatch.setattr("eenzaamheid.data.odata.TIMEOUT", 30)  # the server takes its time
    if limit:
        monkeypatch.setenv("EENZAAMHEID_MAX_RESPONSE_MB", limit)
    stand_in.faults["TypedDataSet"] = {"bomb": 3072, "skip": 0}
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(CbsError) as caught:
            load("80137ned", source="live", timeout=8)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 9
    assert peak < 1 << 30
    if limit:
        assert isinstance(caught.value, CbsDataError) and "more than 16 MiB" in str(caught.value)
    else:
        assert re.search(r"more than 256 MiB|within the 8 s deadline", str(caught.value))


def test_a_damaged_gzip_answer_is_a_cbs_error_and_auto_falls_back(stand_in, cached):
    stand_in.faults["TypedDataSet"] = {"gzip": "damaged"}
    with pytest.raises(CbsUnavailableError, match=r"after 2 tries \(a damaged compressed answer\)"):
        load("80137ned", source="live")
    with pytest.warns(UserWarning, match=r"\(a damaged compressed answer\); using the cache"):
        assert load("80137ned", max_age=timedelta(0)).attrs["meta"].source == "cache"


def test_json_nested_too_deep_is_a_cbs_error(stand_in, cached):
    stand_in.faults["TypedDataSet"] = {"body": '{"value": ' + "[" * 200_000 + "]" * 200_000 + "}"}
    with pytest.raises(CbsDataError, match=r"page 1 from CBS cannot be read \(RecursionError"):
        load("80137ned", source="live")


@pytest.mark.waits
def test_parsing_counts_against_the_deadline(stand_in, cached, monkeypatch):
    slow = rows_module.Columns.parse

    def parse(self, body, page):
        time.sleep(0.4)
        return slow(self, body, page)

    monkeypatch.setattr(rows_module.Columns, "parse", parse)
    started = time.monotonic()
    with pytest.raises(CbsTimeoutError, match="within the 1 s deadline"):
        load("80137ned", source="live", timeout=1)
    assert time.monotonic() - started < 2


def test_deadline_races_end_in_a_cbs_error(stand_in, cached):
    """80 loads, 8 at a time, with deadlines from 1 ms to twice what 8 loads at once take here:
    each returns the table or raises a CbsError, whichever step the deadline strikes in."""
    stand_in.page_size = 700
    started = time.monotonic()
    load("80137ned", select="Totaal_1", source="live")
    once = time.monotonic() - started
    rng = random.Random(15)
    deadlines = [rng.uniform(0.001, 2 * 8 * once) for _ in range(80)]
    other: list[BaseException] = []

    def one(seconds: float) -> str:
        try:
            load("80137ned", select="Totaal_1", source="live", timeout=seconds)
            return "ok"
        except CbsError:
            return "error"
        except BaseException as exc:  # what this test is about
            other.append(exc)
            return "other"

    started = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(one, deadlines))
    assert other == [] and len(outcomes) == 80
    assert {"ok", "error"} <= set(outcomes)  # deadlines that end before and after the answer
    assert time.monotonic() - started < 30


def test_a_renamed_topic_is_named_and_nothing_is_cached(stand_in, cached):
    stand_in.faults["TypedDataSet"] = {"rename": {"Totaal_1": "Totaal_1a"}}
    with pytest.raises(
        CbsDataError,
        match=r"lacks \['Totaal_1'\] that the metadata lists and has.*Totaal_1a\); renamed\?.*untouched",
    ):
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


@pytest.mark.waits
@pytest.mark.parametrize("fault", [{"silent": True}, {"trickle": 0.5}], ids=["silent", "trickle"])
def test_a_silent_or_trickling_server_costs_the_deadline(stand_in, cached, monkeypatch, fault):
    monkeypatch.setattr("eenzaamheid.data.odata.TIMEOUT", 30)  # only the deadline can stop it
    monkeypatch.setenv("EENZAAMHEID_TIMEOUT", "2")
    stand_in.faults["TypedDataSet"] = fault
    started = time.monotonic()
    with pytest.raises(CbsTimeoutError, match="within the 2 s deadline"):
        load("80137ned", source="live")
    assert time.monotonic() - started < 4


@pytest.mark.waits
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
    with pytest.raises(CbsUnavailableError, match=r"after 1 try \(HTTP 400: fault\)"):
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


def test_the_cube_check_says_when_it_cannot_apply_and_names_stray_codes():
    nothing = pa.table({"A": pa.array([], pa.string())})
    with pytest.raises(CbsDataError, match=r"CBS lists no codes for A \(its answer has 0 rows\)"):
        check_cube("t", nothing, {"A": []})
    assert check_cube("t", pa.table({}), {}) == (
        "not checked for completeness: the table has no dimensions"
    )
    with pytest.raises(CbsDataError, match=r"2 rows with a code in A that is not among"):
        check_cube("t", pa.table({"A": ["x", "y", "q"]}), {"A": ["x", "z", "w"]})
    with pytest.raises(CbsDataError, match=r"3 rows; its codes make 2 \(2\): rows beyond them"):
        check_cube("t", pa.table({"A": ["x", "y", "y"]}), {"A": ["x", "y"]})


def _topics(stand_in) -> list[str]:
    props = stand_in.tables["80137ned"]["DataProperties"]
    return [p["Key"] for p in props if p.get("Type") == "Topic"]


def test_data_with_topics_the_metadata_does_not_list_is_refused(stand_in, cached):
    """DataProperties cut short: the rows still carry every topic. Keeping only the listed
    ones would lose the others without a word (and replace a complete cached copy)."""
    stand_in.faults["DataProperties"] = {"rows": 10}
    with pytest.raises(CbsDataError, match=r"topics the table's metadata does not list \(\d+: "):
        load("80137ned", source="live")


def test_a_refresh_without_topics_the_cache_has_needs_force(stand_in, cached):
    """CBS withdraws topics from metadata and data alike: the answer fits, but it lacks
    columns the cached copy has; like fewer rows, that replaces the cache only with force."""
    gone = _topics(stand_in)[3:]
    table = stand_in.tables["80137ned"]
    table["DataProperties"] = [p for p in table["DataProperties"] if p["Key"] not in gone]
    table["TypedDataSet"] = [{k: v for k, v in r.items() if k not in gone} for r in table["TypedDataSet"]]  # fmt: skip
    with pytest.raises(CbsDataError, match=rf"lacks {len(gone)} columns the cached copy has.*force=True"):  # fmt: skip
        load("80137ned", source="live")


def test_the_refresh_without_those_topics_replaces_the_cache_with_force(stand_in):
    load("80137ned", source="live")
    gone = set(_topics(stand_in)[3:])
    table = stand_in.tables["80137ned"]
    table["DataProperties"] = [p for p in table["DataProperties"] if p["Key"] not in gone]
    table["TypedDataSet"] = [{k: v for k, v in r.items() if k not in gone} for r in table["TypedDataSet"]]  # fmt: skip
    assert not gone & set(load("80137ned", source="live", force=True).columns)
    assert not gone & set(load("80137ned", source="cache").columns)


def test_a_table_revised_during_the_download_is_read_again_whole(stand_in):
    """CBS publishes new figures while the pages are read: the first page holds the old ones.
    The download notices (the table's Modified date changed) and reads the table again."""
    stand_in.faults["TypedDataSet"] = {"revise": {"Totaal_1": 7.0}, "skip": 50, "times": 1}
    frame = load("80137ned", source="live")
    assert len(frame) == 675 and set(frame["Totaal_1"]) == {7.0}  # no old figure among them
    assert "2030-01-01" in frame.attrs["meta"].notes[0]


def test_a_table_that_keeps_changing_is_refused(stand_in, cached):
    stand_in.faults["TypedDataSet"] = {"revise": {"Totaal_1": 7.0}, "skip": 50}
    with pytest.raises(
        CbsDataError, match=r"changed the table while it was being read.*now on 2030-01-02"
    ):
        load("80137ned", source="live")


def test_an_empty_code_list_is_no_table(stand_in, cached):
    stand_in.faults["Perioden"] = {"empty": True}
    with pytest.raises(CbsDataError, match=r"code list of Perioden has no codes"):
        load("80137ned", source="live")


def test_a_large_page_cut_short_is_asked_again(stand_in, monkeypatch):
    """A page that simply ends (no length sent, the connection closed): the transport sees
    nothing wrong. Larger than the limit for a precise error, it was refused as 'not the
    table's fields'; an answer cut short is asked again, and named so if it stays short."""
    monkeypatch.setattr(rows_module, "SLOW_LIMIT", 100)
    stand_in.faults["TypedDataSet"] = {"cut": 900, "skip": 50, "times": 1}
    assert len(load("80137ned", source="live")) == 675
    assert sum("skip=50&" in r or r.endswith("skip=50") for r in stand_in.requests) == 2


def test_a_page_that_stays_cut_short_says_so(stand_in, cached, monkeypatch):
    monkeypatch.setattr(rows_module, "SLOW_LIMIT", 100)
    stand_in.faults["TypedDataSet"] = {"cut": 900, "skip": 50}
    with pytest.raises(CbsUnavailableError, match=r"after 2 tries \(an answer cut short"):
        load("80137ned", source="live")


@pytest.mark.parametrize(
    ("tail", "whole"),
    [
        (b'{"value": [{"a": 1}, {"a": 2}]}', True),
        (
            b'{"odata.metadata": "m", "value": [{"a": 1}], "odata.nextLink": "https://x/?s=1"}\n',
            True,
        ),
        (b'{"value": []}', True),
        (b'{"value": [{"a": 1}, {"a": 2}', False),  # cut mid-list
        (b'{"value": [{"a": 1}, {"a": "x]"}', False),  # cut right after a row: ends in }
        (b'{"value": [{"a": 1}, {"a": 2.5}', False),
        (b"<html>busy</html>", True),  # no JSON at all: not called cut short
    ],
)
def test_a_page_cut_short_is_told_from_a_whole_one(tail, whole):
    assert rows_module._ends_whole(bytearray(tail)) is whole


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("120", 120.0), (" 5 ", 5.0), ("²", None), ("-3", None), ("soon", None), ("", None),
     ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("Wed, 21 Oct 2015 07:28:00 -0000", 0.0)],
)  # fmt: skip
def test_retry_after_in_seconds_or_as_a_date(header, seconds):
    assert http_module._retry_after(header) == seconds


@pytest.mark.waits
def test_a_busy_server_is_asked_again_when_it_says(stand_in):
    stand_in.faults["TypedDataSet"] = {"status": 503, "retry_after": "1", "times": 1}
    started = time.monotonic()
    assert len(load("80137ned", source="live")) == 675
    assert time.monotonic() - started >= 1  # as asked, not after the 0.01 s back-off


def test_a_wait_longer_than_the_deadline_leaves_is_not_waited_for(stand_in, cached):
    stand_in.faults["TypedDataSet"] = {"status": 503, "retry_after": "600"}
    started = time.monotonic()
    with pytest.raises(
        CbsUnavailableError, match=r"HTTP 503: fault, asked to wait 600 s, longer than the deadline"
    ):
        load("80137ned", source="live", timeout=20)
    assert time.monotonic() - started < 5


def test_cbs_s_own_explanation_of_an_error_is_passed_on(stand_in, cached):
    message = "The query parameter '$filter' is not valid. <script>"
    stand_in.faults["TypedDataSet"] = {"status": 400, "message": message + "x" * 500}
    with pytest.raises(CbsUnavailableError) as raised:
        load("80137ned", source="live")
    assert f"HTTP 400: {message}" in str(raised.value) and "x" * 200 not in str(raised.value)
