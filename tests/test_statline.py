"""Every StatLine export the project keeps parses, and the values are the file's values."""

import pandas as pd
import pytest

from eenzaamheid import read_statline_csv
from eenzaamheid.data.tidy import to_numbers


def _value(frame, column, **where):
    rows = frame
    for key, value in where.items():
        rows = rows[rows[key] == value]
    assert len(rows) == 1, where
    return rows[column].iloc[0]


def test_every_export_parses(raw, fixtures):
    files = sorted([*(raw / "exports").glob("*.csv"), *(fixtures / "exports").glob("*.csv")])
    assert len(files) == 6
    for path in files:
        frame = read_statline_csv(path)
        meta = frame.attrs["meta"]
        assert len(frame) > 0 and meta.topics, path.name
        assert frame["periode_code"].str.fullmatch(r"\d{4}JJ00").all(), path.name


def test_untyped_export_values(raw):
    households = read_statline_csv(raw / "exports/37296ned_1950-2022_NL.csv")
    assert _value(households, "Eenpersoonshuishoudens_63", periode="2017") == 2961
    assert _value(households, "TotaleBevolking_1", periode="2017") == 17_081_507

    persons = read_statline_csv(raw / "exports/71488ned_2000-2024_NL-provincies.csv")
    assert persons.shape == (20_475, 23)
    where = dict(periode="2017", regio_code="NL01", geslacht_code="T001038", leeftijd_code="10000")
    assert _value(persons, "Alleenstaand_4", **where) == 2_961_228
    # codes are stripped of CBS's right padding
    assert set(persons["regio_code"]) >= {"NL01", "PV20", "PV31"}


def test_table_layout_periods_as_columns(raw):
    frame = read_statline_csv(raw / "exports/37296ned_1899-2019_bevolking_statline-layout.csv")
    total = "Bevolking op 1 januari|Naar geslacht|Mannen en vrouwen"
    assert frame.attrs["meta"].topic(total).unit == "x 1 000"
    assert pd.isna(_value(frame, total, periode="1899"))  # "." is no figure, never 0
    assert _value(frame, total, periode="1900") == 5104
    assert _value(frame, total, periode="1947") == 9543
    foreign = "Bevolking op 1 januari|Naar nationaliteit|Totaal niet-Nederlands"
    assert _value(frame, foreign, periode="1910") == pytest.approx(70.0)  # decimal comma


def test_table_layout_topics_as_columns(fixtures):
    frame = read_statline_csv(fixtures / "exports/71486ned_extract_NL-Amsterdam.csv")
    single = "Particuliere huishoudens: samenstelling|Eenpersoonshuishouden"
    assert _value(frame, single, regio="Amsterdam", periode="2021") == 256_596
    assert frame.attrs["meta"].title.startswith("Huishoudens; samenstelling")


def test_missing_symbols_become_na_and_garbage_raises():
    values = to_numbers(pd.Series(["  12", "     .", "", "x", " 3.5"]))
    assert values.isna().tolist() == [False, True, True, True, False]
    with pytest.raises(ValueError, match="not a number"):
        to_numbers(pd.Series(["12", "twelve"]))


def test_a_table_of_many_topics_gets_each_columns_own_numbers():
    """``tidy_frame`` parses all number topics in one pass: each column keeps its own values,
    its missing symbols and its row order; a text topic stays text; a bad cell still raises."""
    from eenzaamheid.data.meta import Dimension, TableMeta, Topic
    from eenzaamheid.data.tidy import tidy_frame

    rows = pd.DataFrame(  # fixture rows (not CBS figures), index as left by a filter
        {
            "Perioden": ["2020JJ00", "2021JJ00", "2022JJ00"],
            "A_1": ["  12", ".", "3.5"],
            "B_2": ["", "7", "x"],
            "Code_3": ["GM0363 ", "GM0014", "GM0034"],
            "C_4": [1.0, None, 2.5],  # numbers as an OData answer gives them
        },
        index=[4, 9, 2],
    )
    meta = TableMeta("t", "t", [Dimension("Perioden", "Perioden", "periode")])
    meta.topics = [Topic("A_1", "a"), Topic("B_2", "b"), Topic("Code_3", "c", datatype="text")]
    meta.topics.append(Topic("C_4", "c"))
    frame = tidy_frame(rows, meta, {})
    for key in ("A_1", "B_2", "C_4"):
        pd.testing.assert_series_equal(
            frame[key], to_numbers(rows[key]).reset_index(drop=True), check_names=False
        )
    assert frame["A_1"].tolist()[::2] == [12.0, 3.5] and frame["B_2"].tolist()[1] == 7.0
    assert frame["Code_3"].tolist() == ["GM0363", "GM0014", "GM0034"]
    rows.loc[9, "B_2"] = "seven"
    with pytest.raises(ValueError, match="seven"):
        tidy_frame(rows, meta, {})
