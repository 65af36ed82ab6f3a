"""Partial answers beyond the data's own pages: a page of a list repeated, metadata without
the fields the download relies on, a refresh with fewer figures or labels than the cache, a
server that ignores ``$skip``. Each ends in a clear CbsDataError, and the cached copy stays."""

from datetime import timedelta

import pandas as pd
import pytest

from eenzaamheid import CbsDataError, UnknownFieldError, codes, load, search
from eenzaamheid.data import pages
from eenzaamheid.data.loader import cache_stem, read_table


@pytest.fixture
def cached_codes(stand_in):
    """The code list of 80137ned's industries (15 codes) cached from pages of 5."""
    stand_in.page_size = 5
    before = codes("80137ned", "BedrijfstakkenSBI93", source="live")
    yield before
    pd.testing.assert_frame_equal(codes("80137ned", "BedrijfstakkenSBI93", source="cache"), before)


def test_a_code_list_whose_page_came_twice_is_refused(stand_in, cached_codes):
    stand_in.faults["BedrijfstakkenSBI93"] = {"shift": 5, "skip": 5}  # page 2 repeats page 1
    with pytest.raises(CbsDataError, match=r"BedrijfstakkenSBI93.* 5 entries twice"):
        codes("80137ned", "BedrijfstakkenSBI93", source="live")


def test_metadata_whose_page_came_twice_is_refused_in_words(stand_in, cached):
    stand_in.page_size = 5
    stand_in.faults["DataProperties"] = {"shift": 5, "skip": 5}
    with pytest.raises(CbsDataError, match=r"DataProperties.* 5 entries twice"):
        load("80137ned", source="live")


def test_a_catalogue_whose_page_came_twice_does_not_replace_the_cached_one(stand_in):
    stand_in.page_size = 1
    before = search("consumptie", source="live")
    stem = cache_stem("catalogus")
    kept = read_table(stem)
    stand_in.faults["Tables"] = {"shift": 1, "skip": 2}  # page 3 repeats page 2
    with pytest.raises(CbsDataError, match=r"catalogue.* 1 entries twice"):
        search("consumptie", source="live")
    pd.testing.assert_frame_equal(read_table(stem), kept)
    pd.testing.assert_frame_equal(search("consumptie", source="cache"), before)


@pytest.mark.parametrize(
    ("entity", "fault", "message"),
    [
        ("Persoonskenmerken", {"remove": ["Title"]}, r"code list of Persoonskenmerken.* Title"),
        ("Perioden", {"remove": ["Status"]}, r"code list of Perioden.* Status"),
        ("TableInfos", {"empty": True}, r"TableInfos came back empty"),
        ("TableInfos", {"remove": ["Modified"]}, r"without the date .* last changed"),
    ],
    ids=["labels", "period-status", "no-table-infos", "no-modified"],
)
def test_metadata_without_what_the_table_needs_is_refused(stand_in, cached, entity, fault, message):
    stand_in.faults[entity] = fault
    with pytest.raises(CbsDataError, match=message):
        load("80137ned", source="live")


def test_a_refresh_with_fewer_figures_does_not_replace_the_cache_without_force(stand_in, cached):
    stand_in.faults["TypedDataSet"] = {"values": {"Totaal_1": None}, "skip": 100}
    with pytest.raises(CbsDataError, match=r"Totaal_1: 625 figures, cached 675.*force=True"):
        load("80137ned", source="live")


def test_force_takes_a_refresh_with_fewer_figures(stand_in):
    load("80137ned", source="live")
    stand_in.faults["TypedDataSet"] = {"values": {"Totaal_1": None}, "skip": 100}
    frame = load("80137ned", source="live", force=True)
    assert frame["Totaal_1"].notna().sum() == 625


def test_a_server_that_ignores_skip_is_named_at_its_second_page(stand_in, cached):
    stand_in.faults["TypedDataSet"] = {"shift": 10**9}  # every page answers the first rows
    with pytest.raises(CbsDataError, match=r"page 2 .* same rows as page 1.*\$skip"):
        load("80137ned", source="live", timeout=20)
    assert sum("TypedDataSet" in r for r in stand_in.requests) < 30


@pytest.mark.parametrize("paging", ["skip", "next-links"])
def test_more_pages_than_the_limit_is_a_cbs_error(stand_in, cached, monkeypatch, paging):
    monkeypatch.setattr(pages, "MAX_PAGES", 5)
    if paging == "next-links":  # one page after another, as a server that pages otherwise
        monkeypatch.setattr(pages, "_skip", lambda link: None)
    with pytest.raises(CbsDataError, match=r"more than 5 pages"):
        load("80137ned", source="live")


def test_auto_keeps_the_cached_copy_when_cbs_no_longer_lists_what_it_holds(stand_in):
    """Metadata cut short (or a topic CBS renamed): live names the topic; ``auto`` warns and
    returns the cached copy of the same query, which has it."""
    topic = [p["Key"] for p in stand_in.tables["80137ned"]["DataProperties"]][-1]
    before = load("80137ned", select=[topic], source="live")
    stand_in.faults["DataProperties"] = {"rows": 10}
    with pytest.raises(UnknownFieldError, match=topic):
        load("80137ned", select=[topic], source="live")
    with pytest.warns(UserWarning, match=rf"CBS's answer refused \(.*{topic}.*using the cache"):
        frame = load("80137ned", select=[topic], max_age=timedelta(0))
    pd.testing.assert_frame_equal(frame, before)
