"""The explorer's logic, called without a browser: what a table offers, what a choice selects,
and the chart it saves with a generated title, source line and alt text."""

import json

import pytest

from eenzaamheid import configure, explore


@pytest.fixture(autouse=True)
def figures(tmp_path, monkeypatch):
    monkeypatch.setenv("EENZAAMHEID_FIGURES", str(tmp_path))
    yield tmp_path / "notebook" / "nl"
    configure()


@pytest.fixture(scope="module")
def persons():
    frame = explore.load_table("71488ned")
    return frame, explore.options(frame)


@pytest.fixture(scope="module")
def regional():
    frame = explore.load_table("70072ned")
    return frame, explore.options(frame)


def test_the_known_tables_come_first():
    assert explore.explorable()[:2] == ["71488ned", "70072ned"]


def test_a_table_offers_regions_dimensions_measures_and_years(persons):
    _, offer = persons
    assert offer.regions["Nederland"] == "NL01" and offer.regions["Groningen"] == "PV20"
    assert offer.dimensions["geslacht"][0] == "Totaal mannen en vrouwen"
    ages = offer.dimensions["leeftijd"]
    assert (
        ages[:3] == ["Totaal", "0 tot 5 jaar", "5 tot 10 jaar"] and ages[-1] == "95 jaar of ouder"
    )
    assert offer.measures["Alleenstaand_4"] == "Alleenstaand"
    assert offer.years[0] == 2000 and offer.years[-1] == 2025


def test_regions_are_found_by_name_as_you_type(regional):
    _, offer = regional
    assert explore.matches(offer, "gron")[:2] == ["Groningen", "Groningen (gemeente)"]
    assert "Midden-Groningen" in explore.matches(offer, "gron")
    assert offer.regions["Amsterdam"] == "GM0363"
    assert not any(label.startswith("<NA>") for label in offer.regions)
    assert explore.matches(offer, "zzz") == []


def test_a_choice_selects_the_rows_it_names(persons):
    frame, offer = persons
    choice = explore.default(offer)._replace(
        regions=("Nederland",), filters=(("geslacht", "Vrouwen"), ("leeftijd", "80 tot 85 jaar"))
    )
    drawn = explore.select(frame, choice, offer)
    row = frame[
        (frame["regio_code"] == "NL01")
        & (frame["geslacht"] == "Vrouwen")
        & (frame["leeftijd"] == "80 tot 85 jaar")
        & (frame["periode"] == "2024")
    ].iloc[0]
    expected = 100 * row["Alleenstaand_4"] / row["TotaalPersonenInHuishoudens_1"]
    assert drawn.set_index("jaar").loc[2024, "aandeel"] == pytest.approx(expected)
    assert set(drawn["eenheid"]) == {"%"} and set(drawn["bron_soort"]) >= {"statline"}
    counts = explore.select(frame, choice._replace(per=None, years=(2010, 2012)), offer)
    assert counts["jaar"].tolist() == [2010, 2011, 2012]
    assert (counts["Alleenstaand_4"] > 0).all() and set(counts["eenheid"]) == {"aantal"}


def test_title_source_and_alt_are_written_from_the_numbers(persons):
    frame, offer = persons
    choice = explore.default(offer)
    words = explore.describe(explore.select(frame, choice, offer), choice, offer)
    assert words["title"].startswith(
        "Alleenstaand als % van totaal personen in huishoudens in Nederland"
    )
    assert "14,3 % in 2000" in words["title"] and "2025" in words["title"]
    assert words["source"].startswith("Bron: CBS, tabel 71488ned (opgehaald 05-06-2025;")
    assert "Nederland van 14,3 % in 2000 tot 18,7 % in 2025" in words["alt"]
    configure(lang="en")
    english = explore.describe(explore.select(frame, choice, offer), choice, offer)
    assert (
        english["source"].startswith("Source: CBS, table 71488ned")
        and "from 14.3%" in english["title"]
        and english["title"].startswith("Living alone as % of all persons in households in the")
    )


def test_saving_writes_the_chart_with_its_numbers(regional, figures):
    frame, offer = regional
    choice = explore.default(offer)._replace(
        regions=("Amsterdam", "Utrecht (gemeente)", "Urk"), years=(2015, 2015)
    )
    chart = explore.draw(frame, choice, offer, save=True)
    name = explore.chart_name(choice, offer)
    assert name == "10_verkenner_70072ned_gm0363_gm0344_gm0184_eenpersoonshuishoudens_86"
    record = json.loads((figures / f"{name}.json").read_text())
    assert record["title"] == chart.title
    assert "het hoogst in Amsterdam (55,1 %)" in record["title"]
    assert record["alt"].endswith("Amsterdam 55,1 %, Utrecht (gemeente) 52,7 %, Urk 18,8 %.")
    assert (figures / f"{name}.png").stat().st_size > 10_000
    assert (figures / f"{name}.csv").read_text().count("\n") == 4


def test_a_choice_without_figures_says_so(regional):
    frame, offer = regional
    empty = explore.default(offer)._replace(regions=("Amsterdam",), years=(1995, 2000))
    with pytest.raises(ValueError, match="geen cijfers"):
        explore.draw(frame, empty, offer)


def test_another_table_with_regions_is_offered_as_it_is(tmp_path, monkeypatch, figures):
    """Such as the RIVM loneliness figures per municipality: found in the snapshot, with its
    own dimensions and source line, without the explorer knowing it by name."""
    import pandas as pd

    from eenzaamheid.data.meta import Dimension, TableMeta, Topic
    from eenzaamheid.data.store import write_table

    frame = pd.DataFrame(
        {
            "regio_code": ["GM0363", "GM0363", "GM0184", "GM0184"],
            "regio": ["Amsterdam", "Amsterdam", "Urk", "Urk"],
            "periode_code": ["2020JJ00", "2022JJ00"] * 2,
            "periode": ["2020", "2022"] * 2,
            "maat": ["Ernstig eenzaam"] * 4,
            "percentage": [12.0, 13.5, 7.0, 8.0],
            "bron_soort": "rivm_page",
            "tabel": "Gezondheidsmonitor",
            "bron_url": "https://www.volksgezondheidenzorg.info/onderwerp/eenzaamheid",
        }
    )
    meta = TableMeta(
        "rivm-eenzaamheid",
        "Eenzaamheid per gemeente",
        dimensions=[
            Dimension("RegioS", "Regio's", "regio"),
            Dimension("Perioden", "Perioden", "periode"),
            Dimension("maat", "Maat", "maat"),
        ],
        topics=[Topic("percentage", "Percentage", "%")],
        layout="transcription",
        licence="Bron: GGD'en, CBS en RIVM (Gezondheidsmonitor)",
    )
    write_table(tmp_path / "rivm-eenzaamheid", frame, meta)
    monkeypatch.setenv("EENZAAMHEID_SNAPSHOT", str(tmp_path))
    assert explore.explorable() == ["rivm-eenzaamheid"]
    table = explore.load_table("rivm-eenzaamheid")
    offer = explore.options(table)
    assert offer.dimensions == {"maat": ["Ernstig eenzaam"]} and offer.years == [2020, 2022]
    choice = explore.default(offer)._replace(regions=("Amsterdam", "Urk"))
    chart = explore.draw(table, choice, offer, save=True)
    assert chart.source == "Bron: RIVM (volksgezondheidenzorg.info)"
    assert "het hoogst in Amsterdam (13,5 %)" in chart.title
