"""The wide layout keys rows on a code when the data carry one: a place that two tables spell
differently ("Utrecht" and "Utrecht (gemeente)") is one row, named one way."""

import pandas as pd
import pytest

from eenzaamheid import configure
from eenzaamheid.charts.datafile import export_frame
from eenzaamheid.charts.wide import wide


@pytest.fixture(autouse=True)
def language():
    configure(lang="nl")  # conftest resets it after the test


def _two_tables() -> pd.DataFrame:
    """Fixture rows (not real figures): two tables about the same two municipalities, one of
    which spells them with CBS's suffix."""
    return pd.DataFrame(
        {
            "regio_code": ["GM0344", "GM0363", "GM0344", "GM0363"],
            "regio": ["Utrecht", "Amsterdam", "Utrecht (gemeente)", "Amsterdam"],
            "Eenzaam_28": [50.5, 52.0, None, None],
            "Eenpersoonshuishoudens_86": [None, None, 47.0, 55.5],
            "tabel": ["rivm", "rivm", "70072ned", "70072ned"],
            "bron_soort": "statline",
            "bron_url": "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/70072ned/table",
        }
    )


def test_one_code_with_two_labels_is_one_row_named_by_its_first_label():
    layout = wide(export_frame(_two_tables()))
    assert layout is not None and layout.record()["rows"] == "regio"
    frame = layout.frame.set_index("Regio")
    assert frame.index.tolist() == ["Utrecht", "Amsterdam"]
    assert frame.loc["Utrecht"].tolist() == [50.5, 47.0]
    assert frame.loc["Amsterdam"].tolist() == [52.0, 55.5]


def test_without_a_code_the_label_is_the_row():
    layout = wide(export_frame(_two_tables().drop(columns="regio_code")))
    assert layout is not None
    assert layout.frame.iloc[:, 0].tolist() == ["Utrecht", "Amsterdam", "Utrecht (gemeente)"]


def test_the_wide_file_of_story_06_has_one_row_per_municipality(site):
    path = site.charts / "06_eenpersoons_en_eenzaamheid_breed.csv"
    rows = pd.read_csv(path, encoding="utf-8-sig")
    assert len(rows) == 334 and rows["Regio"].is_unique
    assert rows.iloc[:, 1:].notna().all(axis=None)  # each has both numbers: none split in two
    assert "Utrecht" in set(rows["Regio"]) and "Utrecht (gemeente)" not in set(rows["Regio"])


def test_a_share_says_of_whom_in_every_header_as_its_rows_do(site):
    """Eurostat's topic unit is a bare "%"; the rows say "% van de particuliere huishoudens":
    the headers of the long and the wide file keep the population (households, not people)."""
    for name in ("09_eu_landen_2019", "09_nederland_eu_2011_2020"):
        for stem in (name, f"{name}_breed"):
            header = pd.read_csv(site.charts / f"{stem}.csv", encoding="utf-8-sig", nrows=0)
            shares = [c for c in header.columns if c.endswith(")") and "%" in c]
            assert shares and all(c.endswith("(% van de particuliere huishoudens)") for c in shares)


def _book_beside_the_data() -> pd.DataFrame:
    """Fixture rows (not real figures): two levels over years from three kinds of CBS source,
    and the book's figures for one year, as story 2 draws them."""
    cbs = {
        "2019": ("cbs_longread", "https://longreads.cbs.nl/x"),
        "2017": ("cbs_news_reprint", "https://nieuws.example/a"),
        "2021": ("cbs_news_reprint", "https://nieuws.example/b"),
        "2022": ("statline", "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/85766NED/table"),
    }
    rows = [
        {"periode": year, "niveau": level, "percentage": value, "bron_soort": kind,
         "tabel": "85766NED", "bron_url": url, "eenheid": "%"}
        for year, (kind, url) in cbs.items()
        for level, value in (("Enigszins", 30.0), ("Sterk", 10.0))
    ]  # fmt: skip
    rows += [
        {"periode": "2021", "niveau": level, "percentage": value, "bron_soort": "book",
         "tabel": "B3", "bron_url": None, "eenheid": "%"}
        for level, value in (("Enigszins", 31.5), ("Sterk", 11.0))
    ]  # fmt: skip
    return pd.DataFrame(rows)


def test_the_book_is_a_series_of_its_own_and_the_years_are_in_order():
    """A year with the book's figure beside CBS's: the book becomes series of its own
    (``Enigszins, het boek (%)``), not every source a series under its full citation; the
    rows follow the years, not the order the data came in."""
    layout = wide(export_frame(_book_beside_the_data()))
    assert layout is not None
    assert layout.frame.columns.tolist() == [
        "Periode", "Enigszins (%)", "Sterk (%)", "Enigszins, het boek (%)", "Sterk, het boek (%)"
    ]  # fmt: skip
    assert layout.frame["Periode"].tolist() == [2017, 2019, 2021, 2022]
    assert layout.frame.set_index("Periode").loc[2021].tolist() == [30.0, 10.0, 31.5, 11.0]


def test_years_with_a_gap_are_years_and_a_series_without_one_says_whose_it_is():
    """Fixture rows (not real figures): two ages in two years, and the book's figure without a
    year. The year column, holding a gap, came out as floats ("2019.0"), and the book's
    series was headed by the measure alone, losing that it is the book's."""
    frame = pd.DataFrame(
        {
            "leeftijd": ["15 tot 25 jaar", "25 tot 35 jaar"] * 2 + ["15 tot 25 jaar"],
            "jaar": [2019, 2019, 2022, 2022, None],
            "percentage": [10.0, 11.0, 12.0, 13.0, 20.0],
            "bron_soort": ["statline"] * 4 + ["book"],
            "tabel": ["85542NED"] * 4 + ["B8"],
            "bron_url": ["https://opendata.cbs.nl/statline/#/CBS/nl/dataset/85542NED/table"] * 4
            + [None],
            "eenheid": "%",
        }
    )
    layout = wide(export_frame(frame))
    assert layout is not None
    assert layout.frame.columns.tolist() == ["Leeftijd", "2019 (%)", "2022 (%)", "het boek (%)"]
    years = frame.assign(leeftijd="15 tot 25 jaar", jaar=[2016, 2019, 2022, 2023, None])
    by_year = wide(export_frame(years))
    assert by_year is not None  # the book's figure has no year: a row without one, last
    assert by_year.frame.iloc[:, 0].tolist() == [2016, 2019, 2022, 2023, None]
    assert by_year.frame.columns.tolist()[1:3] == ["Percentage (%)", "het boek (%)"]


def test_the_books_figure_in_a_year_without_data_is_still_a_series_of_its_own():
    """Nothing clashes when the book gives a year the data lack, but its figure is no CBS
    figure: it stays out of the data's series."""
    frame = _book_beside_the_data()
    frame.loc[frame["bron_soort"] == "book", "periode"] = "2020"
    layout = wide(export_frame(frame))
    assert layout is not None
    assert layout.frame.columns.tolist()[1:] == [
        "Enigszins (%)", "Sterk (%)", "Enigszins, het boek (%)", "Sterk, het boek (%)"
    ]  # fmt: skip
    assert layout.frame.set_index("Periode").loc[2020].tolist() == [None, None, 31.5, 11.0]


def _measures_in_two_units() -> pd.DataFrame:
    """Fixture rows (not real figures), as story 0 draws them: one value column whose unit is
    each row's ``eenheid``; each measure in one unit, except the book's, in two."""
    rows = [
        ("Aandeel, 1947", "deel", 3.0, "%"),
        ("Aandeel, 1947", "noemer", 9543000, "personen"),
        ("Aandeel, 2017", "deel", 17.3, "%"),
        ("Aandeel, 2017", "noemer", 17081507, "personen"),
        ("Aandeel, 1947", "boek", 5.0, "%"),
        ("Aandeel, 2017", "boek", 22.0, "%"),
        ("Teller, 1947", "boek", 285000, "personen"),
    ]
    frame = pd.DataFrame(rows, columns=["onderdeel", "maat", "waarde", "eenheid"])
    url = "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/37296ned/table"
    return frame.assign(bron_soort="statline", tabel="37296ned", bron_url=url)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_series_header_names_the_unit_of_its_rows_and_one_unit_per_series(lang):
    configure(lang=lang)
    layout = wide(export_frame(_measures_in_two_units()))
    assert layout is not None
    persons = {"nl": "personen", "en": "persons"}[lang]
    headers = layout.frame.columns.tolist()[1:]
    assert sorted(headers) == sorted(
        ["deel (%)", f"noemer ({persons})", "boek (%)", f"boek ({persons})"]
    )
    kinds = dict(zip(headers, layout.kinds[1:], strict=True))
    assert kinds[f"noemer ({persons})"] == "count" and kinds["deel (%)"] == "percent"
    by_part = layout.frame.set_index(layout.frame.columns[0])
    assert by_part.loc["Teller, 1947", f"boek ({persons})"] == 285000
    assert by_part.loc["Aandeel, 2017", "boek (%)"] == 22.0


def test_a_row_without_a_unit_is_not_said_to_have_its_neighbours_unit():
    """A series whose rows are in % and in no stated unit is split: only the % rows say %."""
    frame = _measures_in_two_units()
    frame.loc[frame["maat"] == "deel", "eenheid"] = ["%", None]
    layout = wide(export_frame(frame))
    assert layout is not None
    assert {"deel (%)", "deel"} <= set(layout.frame.columns)


def _survey(**row_wise) -> pd.DataFrame:
    """Fixture rows (not real figures): two measures for three groups, all of one level,
    year and population, from one table."""
    groups = ["Totaal", "Mannen", "Vrouwen"]
    frame = pd.DataFrame(
        {
            "groep": groups * 2,
            "maat": ["Eenzaamheid"] * 3 + ["Sociale eenzaamheid"] * 3,
            "percentage": [10.7, 9.9, 11.5, 8.0, 7.5, 8.5],
            "eenheid": "%",
            "niveau": "Sterk",
            "periode": 2022,
            "populatie": "15 jaar of ouder",
            "bron_soort": "statline",
            "tabel": "85766NED",
            "bron_url": "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/85766NED/table",
        }
    )
    return frame.assign(**row_wise)


def test_what_the_numbers_of_a_row_share_stays_beside_them():
    """A writer quoting a wide file keeps what its numbers are: the level, year and population
    they all share, and what goes with each row (a precision), as columns after the series;
    the sources do not, and what differs within a row (a precision per measure) is not among
    them (it goes beside its series: the next test)."""
    frame = _survey(precisie=["exact", "rounded", "exact"] * 2)
    layout = wide(export_frame(frame))
    labels = {c.key: c.label for c in export_frame(frame).columns}
    assert layout is not None and layout.series == ["maat"]
    assert layout.alongside == ["niveau", "periode", "populatie", "precisie"]
    headers = layout.frame.columns.tolist()
    assert headers == [
        labels["groep"], "Eenzaamheid (%)", "Sociale eenzaamheid (%)",
        *(labels[k] for k in layout.alongside),
    ]  # fmt: skip
    by_group = layout.frame.set_index(labels["groep"])
    assert by_group.loc["Mannen", labels["precisie"]] == "afgerond"
    assert by_group[labels["populatie"]].tolist() == ["15 jaar of ouder"] * 3
    assert by_group[labels["periode"]].tolist() == [2022] * 3
    assert layout.kinds[-4:] == ["text", "period", "text", "text"]
    frame = _survey(precisie=["exact"] * 3 + ["rounded"] * 3)  # per measure: not a row's
    assert wide(export_frame(frame)).alongside == ["niveau", "periode", "populatie"]
    frame = _survey(onderwerp=None)  # a column with no word in it says nothing
    assert wide(export_frame(frame)).alongside == ["niveau", "periode", "populatie"]


def _eurostat(**columns) -> pd.DataFrame:
    """Fixture rows (not real figures) from Eurostat's ilc_lvph03, with the given columns."""
    url = "https://ec.europa.eu/eurostat/databrowser/view/ilc_lvph03/default/table"
    frame = pd.DataFrame(columns)
    return frame.assign(eenheid="%", bron_soort="eurostat", tabel="ilc_lvph03", bron_url=url)


def test_what_differs_within_a_row_stays_beside_its_series():
    """A precision per measure, or a Eurostat flag per value, is not one per row: it goes
    beside its series, one column per series that has one ("Precisie bij …"), after what the
    whole row shares; a series without a flag gets no empty flag column."""
    frame = _survey(precisie=["exact"] * 3 + ["rounded"] * 3)
    labels = {c.key: c.label for c in export_frame(frame).columns}
    layout = wide(export_frame(frame))
    assert layout is not None and layout.alongside == ["niveau", "periode", "populatie"]
    notes = [f"{labels['precisie']} bij {s}" for s in ("Eenzaamheid", "Sociale eenzaamheid")]
    assert layout.frame.columns.tolist()[-2:] == notes
    assert layout.frame[notes[0]].tolist() == ["exact"] * 3
    assert layout.frame[notes[1]].tolist() == ["afgerond"] * 3
    assert [n["key"] for n in layout.record()["notes"]] == ["precisie", "precisie"]
    flagged = _eurostat(  # a flag on some values of two series, none on the third
        jaar=[2019] * 3 + [2020] * 3 + [2021] * 3,
        reeks=["NL", "EU", "BE"] * 3,
        aandeel=[38.0, 33.0, 35.0, 38.5, 33.5, 35.1, 38.4, 34.0, 35.2],
        vlag=[None, "e", None, "b", "e", None, None, None, None],
    )
    layout = wide(export_frame(flagged))
    assert layout is not None and layout.series == ["reeks"]
    flag = {c.key: c.label for c in export_frame(flagged).columns}["vlag"]
    by_year = layout.frame.set_index(layout.frame.columns[0])
    assert by_year[f"{flag} bij EU"].tolist() == ["e", "e", None]  # a flag is no percentage
    assert by_year[f"{flag} bij NL"].tolist() == [None, "b", None]
    assert f"{flag} bij BE" not in by_year  # no flag at all: no empty column
    configure(lang="en")
    english = wide(export_frame(flagged)).frame.columns.tolist()
    assert english[-2:] == ["Flag (Eurostat) for NL", "Flag (Eurostat) for EU"]


def test_a_flag_stays_beside_a_value_whose_row_has_no_period():
    """A series whose only value has no year keeps its flag beside it (fixture rows)."""
    flagged = _eurostat(
        jaar=[2019, 2019, 2020, 2020, 2021, 2021, None],
        reeks=["NL", "EU"] * 3 + ["X"],
        aandeel=[38.0, 33.0, 38.5, 33.5, 38.4, 34.0, 30.0],
        vlag=[None, "e", "b", "e", None, None, "p"],
    )
    layout = wide(export_frame(flagged))
    assert layout is not None and layout.series == ["reeks"]
    flag = {c.key: c.label for c in export_frame(flagged).columns}["vlag"]
    assert layout.frame[f"{flag} bij X"].tolist() == [None, None, None, "p"]


def test_two_series_told_apart_only_by_their_unit_keep_it_in_their_notes():
    """The book's share (%) and count (personen) are both "boek": their precision columns say
    which is which by the unit."""
    frame = _measures_in_two_units().assign(precisie=["exact"] * 4 + ["rounded"] * 3)
    headers = wide(export_frame(frame)).frame.columns.tolist()
    label = {c.key: c.label for c in export_frame(frame).columns}["precisie"]
    assert {f"{label} bij boek (%)", f"{label} bij boek (personen)"} <= set(headers)
    assert f"{label} bij deel" in headers  # told apart by its name: no unit needed
