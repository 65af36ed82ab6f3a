"""Finding data: search over the CBS catalogue, codes with labels, filters by label; live
through the local OData server and offline."""

import re
import warnings

import pytest

from eenzaamheid import (
    AmbiguousLabelError,
    CbsDataError,
    UnknownFieldError,
    codes,
    load,
    search,
)


def test_search_the_catalogue_live_then_from_the_cache(stand_in):
    found = search("wmo regio", source="live")
    assert found["id"].tolist() == ["83262NED"]
    first = found.iloc[0]
    assert first["title"] == "Wmo-cliënten; type maatwerkarrangement, regio"
    assert first["period"] == "2015-2020" and first["modified"] == "2020-11-26"
    assert first["description"].startswith("Wmo-cliënten, maatwerkarrangementen")
    assert list(found.columns) == ["id", "title", "period", "modified", "description"]
    before = len(stand_in.requests)
    assert search("consumptie").iloc[0]["id"] == "70076ned"  # auto: the fresh cached catalogue
    assert len(stand_in.requests) == before
    assert search("geen zulke tabel", source="cache").empty


def test_search_offline_says_so_and_searches_the_snapshot(stand_in):
    stand_in.faults["*"] = {"status": 503}
    with pytest.warns(UserWarning, match=r"offline.*only the .* tables in the snapshot"):
        found = search("eenzaamheid")
    expected = {"85766NED", "gezondheidsmonitor", "eenzaamheid-huishouden", "rivm-eenzaamheid"}
    assert set(found["id"]) == expected
    assert found.iloc[0]["id"] == "85766NED" or "eenzaamheid" in found.iloc[0]["title"].lower()
    assert set(search("alleenstaand", source="snapshot")["id"]) == {"71488ned"}


def test_codes_with_labels_and_groups_live(stand_in):
    regions = codes("83262NED", "RegioS", source="live")
    assert list(regions.columns) == ["code", "label", "group", "description"]
    row = regions.set_index("code").loc["GM0518"]
    assert row["label"] == "'s-Gravenhage (gemeente)"
    assert row["description"] == "Begindatum voor 1830"
    people = codes("83262NED", "KenmerkenVanPersonen", source="live").set_index("code")
    assert people.loc["T009002", "group"] == "Totaal"
    before = len(stand_in.requests)
    assert codes("83262NED", "regio").equals(regions)  # auto, by column name: from the cache
    assert len(stand_in.requests) == before


def test_codes_offline_from_the_snapshot():
    regions = codes("71488ned", "RegioS", source="snapshot").set_index("code")
    assert (
        regions.loc["PV20", "label"] == "Groningen" and regions.loc["NL01", "label"] == "Nederland"
    )
    levels = codes("85766NED", "niveau")  # auto: a transcription comes from the snapshot
    assert levels["code"].tolist() == ["Enigszins", "Niet", "Sterk"]
    with pytest.raises(UnknownFieldError, match=r"no dimension 'Regio'.*RegioS"):
        codes("71488ned", "Regio", source="snapshot")


def test_filters_take_labels_live_and_only_those_rows_travel(stand_in):
    frame = load(
        "83262NED",
        filters={"RegioS": "Nederland", "Perioden": ["2016", "2017JJ00"]},
        source="live",
    )
    assert set(frame["regio_code"]) == {"NL01"} and set(frame["periode"]) == {"2016", "2017"}
    sent = next(r for r in stand_in.requests if "TypedDataSet" in r)
    assert "RegioS+eq+%27NL01++%27" in sent and "Perioden+eq+%272016JJ00%27" in sent


def test_filters_take_labels_offline():
    by_label = load("71488ned", source="snapshot", filters={"RegioS": "Groningen"})
    by_code = load("71488ned", source="snapshot", filters={"RegioS": "PV20"})
    assert by_label.equals(by_code) and len(by_label) > 0
    assert set(
        load("70072ned", source="snapshot", filters={"regio": "Groningen"})["regio_code"]
    ) == {"PV20"}
    with pytest.raises(UnknownFieldError, match=r"no code or label \['groningen'\].*Groningen"):
        load("71488ned", source="snapshot", filters={"RegioS": "groningen"})


def test_an_ambiguous_label_lists_its_codes(stand_in):
    table = stand_in.tables["83262ned"]
    regions = table["RegioS"]
    regions.append({**regions[1], "Key": "GM9999", "Title": regions[1]["Title"]})
    table["TypedDataSet"] += [  # a made-up second code with the same label (fixture)
        {**row, "RegioS": "GM9999"}
        for row in table["TypedDataSet"]
        if row["RegioS"] == regions[1]["Key"]
    ]
    label = regions[1]["Title"]
    with pytest.raises(
        AmbiguousLabelError, match=rf"{re.escape(repr(label))} in RegioS is the label of 2 codes"
    ):
        load("83262NED", filters={"RegioS": label}, source="live")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load("83262NED", filters={"RegioS": "GM9999"}, source="live")  # a code still works


def test_an_empty_catalogue_is_refused_and_search_falls_back(stand_in):
    stand_in.faults["Tables"] = {"empty": True}
    with pytest.raises(CbsDataError, match=r"catalogue came back empty; nothing was cached"):
        search("consumptie", source="live")
    with pytest.warns(UserWarning, match=r"CBS's answer refused.*searching only"):
        assert search("alleenstaand")["id"].tolist() == ["71488ned"]  # the snapshot's


def test_a_shorter_catalogue_does_not_replace_the_cached_one_without_force(stand_in):
    assert len(search("consumptie", source="live")) == 1
    stand_in.faults["Tables"] = {"rows": 1}
    with pytest.raises(CbsDataError, match=r"1 rows, the cached copy .* 3.*force=True"):
        search("consumptie", source="live")
    assert len(search("consumptie", source="cache")) == 1
    assert search("consumptie", source="live", force=True).empty


def test_a_shorter_code_list_does_not_replace_the_cached_one_without_force(stand_in):
    assert len(codes("80137ned", "Perioden", source="live")) == 5
    stand_in.faults["Perioden"] = {"rows": 2}
    with pytest.raises(CbsDataError, match=r"2 rows, the cached copy .* 5.*force=True"):
        codes("80137ned", "Perioden", source="live")
    assert len(codes("80137ned", "Perioden", source="cache")) == 5
    assert len(codes("80137ned", "Perioden", source="live", force=True)) == 2


def test_a_code_list_without_codes_is_refused(stand_in):
    stand_in.faults["Perioden"] = {"remove": ["Key"]}
    with pytest.raises(CbsDataError, match=r"code list of Perioden has entries without a code"):
        codes("80137ned", "Perioden", source="live")
