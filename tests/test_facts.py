"""Facts the stories share live in the package once: CBS codes, 71488ned's age order, the
source columns, the "a, b en c" joiner and the population the claim register divides by."""

import pandas as pd
import pytest

from eenzaamheid import charts as ch
from eenzaamheid import configure, load
from eenzaamheid.claims import population
from eenzaamheid.data import cbs


def test_the_shared_codes_are_the_codes_in_71488ned():
    frame = load("71488ned", source="snapshot")
    labels = {
        dimension: dict(zip(frame[f"{dimension}_code"], frame[dimension], strict=True))
        for dimension in ("regio", "geslacht", "leeftijd")
    }
    assert labels["regio"][cbs.NETHERLANDS] == "Nederland"
    sexes = [labels["geslacht"][c] for c in (cbs.SEX_TOTAL, cbs.MEN, cbs.WOMEN)]
    assert sexes[1:] == ["Mannen", "Vrouwen"] and "totaal" in sexes[0].lower()
    assert "totaal" in labels["leeftijd"][cbs.AGE_TOTAL].lower()
    assert set(labels["leeftijd"]) == {cbs.AGE_TOTAL, *cbs.AGES_71488}


def test_ages_run_youngest_first_with_95_plus_last():
    ages = load("71488ned", source="snapshot").drop_duplicates("leeftijd_code")
    ordered = ages.sort_values("leeftijd_code", key=cbs.age_rank)["leeftijd"].tolist()
    assert ordered[0] == "0 tot 5 jaar" and ordered[-2:] == ["95 jaar of ouder", "Totaal"]
    assert cbs.ages_from("71200")[0] == "71200" and cbs.ages_from("71200")[-1] == "22000"
    assert len(cbs.ages_from("71200")) == 9  # 55-60 .. 90-95 and 95+
    with pytest.raises(ValueError, match="not a five-year age group"):
        cbs.ages_from(cbs.AGE_TOTAL)


def test_the_national_total_filter_gives_one_row_per_year():
    frame = load("71488ned", source="snapshot", filters=cbs.NATIONAL_TOTAL)
    assert not frame.empty and frame["periode"].is_unique
    with pytest.raises(TypeError):
        cbs.NATIONAL_TOTAL["RegioS"] = "PV20"  # a shared fact cannot be changed in passing


@pytest.mark.parametrize(
    ("lang", "items", "said"),
    [
        ("nl", ["Amsterdam", "Utrecht", "Zwolle"], "Amsterdam, Utrecht en Zwolle"),
        ("en", ["Amsterdam", "Utrecht", "Zwolle"], "Amsterdam, Utrecht and Zwolle"),
        ("nl", ["2019", "2022"], "2019 en 2022"),
        ("en", [2019, 2022], "2019 and 2022"),
        ("nl", ["alleen"], "alleen"),
    ],
)
def test_listed_joins_in_the_chart_language(lang, items, said):
    configure(lang=lang)
    assert ch.listed(items) == said


def test_listed_refuses_to_say_nothing():
    with pytest.raises(ValueError, match="at least one item"):
        ch.listed([])


def test_every_source_column_is_kept_by_sourced():
    frame = ch.sourced(load("71488ned", source="snapshot", filters=cbs.NATIONAL_TOTAL))
    assert ch.SOURCE_COLUMNS == ("bron_soort", "tabel", "bron_url", "bron_datum")
    assert set(ch.SOURCE_COLUMNS) <= set(frame.columns)


def test_adults_are_the_population_minus_the_under_20s_in_both_versions_of_37296ned():
    people = population(load("37296ned", source="snapshot"), load("37296ned-tabel"))
    row_2017 = people.loc["2017"]
    assert row_2017["volwassenen"] == row_2017["TotaleBevolking_1"] - row_2017["JongerDan20Jaar_10"]
    assert people.loc["2017", "bevolking"] == 17_081_507
    early = load("37296ned-tabel", source="snapshot").set_index("periode").loc["1947"]
    total = early["Bevolking op 1 januari|Naar leeftijd|Totaal bevolking"] * 1000
    young = early["Bevolking op 1 januari|Naar leeftijd|0 tot 20 jaar"] * 1000
    assert people.loc["1947", "volwassenen"] == pytest.approx(total - young)
    assert people.index.is_unique
    # persons in the download, thousands in the table view
    assert people.loc[["2017", "1947"], "precisie"].tolist() == ["exact", "rounded"]


def test_a_place_is_named_in_the_chart_language():
    configure(lang="en")
    assert ch.place("'s-Gravenhage") == "The Hague" and ch.place("Utrecht") == "Utrecht"
    assert ch.place("Nederland") == "The Netherlands"  # as it starts a label
    configure(lang="nl")
    assert ch.place("'s-Gravenhage") == "'s-Gravenhage"


def test_a_label_inside_an_alt_texts_sentence_keeps_a_lowercase_article():
    """ "…, the Netherlands from 39.6% …", but "The Hague" keeps its capital everywhere."""
    configure(lang="en")
    rows = pd.DataFrame(
        {"gebied": ["The Netherlands", "The Hague"] * 2, "jaar": [2012, 2012, 2020, 2020],
         "waarde": [39.6, 50.0, 47.0, 55.0]}
    )  # fmt: skip
    said = ch.alt_series("Dots", rows, "jaar", "waarde", ch.fmt_percent, by="gebied")
    assert said.startswith("Dots: the Netherlands from 39.6% in 2012") and "The Hague from" in said
    values = ch.alt_values("Bars", ["Urk", "The Netherlands"], [35.2, 47.0], ch.fmt_percent)
    assert values == "Bars: Urk 35.2%, the Netherlands 47.0%."
    names = pd.Series(["Urk", "The Netherlands"])
    spread = ch.alt_range("Map,", pd.Series([35.2, 47.0]), names, ch.fmt_percent)
    assert "(the Netherlands)" in spread


def test_a_series_with_a_break_is_told_piece_by_piece():
    configure(lang="en")
    rows = pd.DataFrame(  # fixture values, not Eurostat's
        {"jaar": [2011, 2018, 2019, 2020], "aandeel": [34.8, 34.8, 34.6, 34.8]}
    ).assign(land="Belgium", breuk=[False, False, True, True])
    said = ch.alt_series(
        "Lines", rows, "jaar", "aandeel", ch.fmt_percent, by="land", breaks="breuk"
    )
    assert said == (
        "Lines: Belgium from 34.8% in 2011 to 34.8% in 2018 (after a break in the series: "
        "34.6% in 2019; after a break in the series: 34.8% in 2020)."
    )


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "Lijn: Vrouwen van 6,7 % in 15–19 tot 47,9 % in 95+ (het hoogst 60,3 % in 85–89)."),
        ("en", "Line: Vrouwen from 6.7% in 15–19 to 47.9% in 95+ (highest 60.3% in 85–89)."),
    ],
)
def test_a_series_says_its_peak_and_its_low_where_they_lie_between_its_ends(lang, said):
    configure(lang=lang)
    rows = pd.DataFrame(  # fixture values, shaped as 04's women by age
        {"leeftijd": ["15–19", "40–44", "85–89", "95+"], "aandeel": [6.7, 9.8, 60.3, 47.9]}
    ).assign(groep="Vrouwen")
    lead = {"nl": "Lijn", "en": "Line"}[lang]
    assert ch.alt_series(lead, rows, "leeftijd", "aandeel", ch.fmt_percent, by="groep") == said
    dip = rows.assign(aandeel=[6.7, 2.0, 60.3, 47.9]).set_axis([0, 1, 0, 1])  # index repeats
    assert ch.alt_series(lead, dip, "leeftijd", "aandeel", ch.fmt_percent).endswith(
        {
            "nl": "(het hoogst 60,3 % in 85–89; het laagst 2,0 % in 40–44).",
            "en": "(highest 60.3% in 85–89; lowest 2.0% in 40–44).",
        }[lang]
    )
    near_end = rows.assign(aandeel=[60.27, 60.31, 9.8, 47.9])  # as the first, to a reader
    assert "hoogst" not in ch.alt_series(lead, near_end, "leeftijd", "aandeel", ch.fmt_percent)
    assert "highest" not in ch.alt_series(lead, near_end, "leeftijd", "aandeel", ch.fmt_percent)
    tied = rows.assign(aandeel=[6.7, 60.3, 60.3, 47.9])  # a peak in two places: both are said
    assert ch.alt_series(lead, tied, "leeftijd", "aandeel", ch.fmt_percent).endswith(
        {
            "nl": "(het hoogst 60,3 % in 40–44 en 85–89).",
            "en": "(highest 60.3% in 40–44 and 85–89).",
        }[lang]
    )


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "van 8,7 % in 2019 tot 10 %, afgerond, in 2024 (het hoogst 11 %, afgerond, in "
               "2021 en 2023)."),
        ("en", "from 8.7% in 2019 to 10%, rounded, in 2024 (highest 11%, rounded, in 2021 and "
               "2023)."),
    ],
)  # fmt: skip
def test_a_value_known_only_rounded_says_so_as_its_open_mark_does(lang, said):
    """A rounded 11 % drawn above an exact 10,7 % is no clear peak: the words keep its
    precision, as the chart keeps it apart."""
    configure(lang=lang)
    rows = pd.DataFrame(  # fixture values, shaped as story 2's strongly lonely
        {"jaar": [2019, 2021, 2022, 2023, 2024], "aandeel": [8.7, 11.0, 10.7, 11.0, 10.0]}
    ).assign(precisie=["exact", "rounded", "exact", "rounded", "rounded"])

    def percent(value: float) -> str:
        return ch.fmt_percent(value, 0 if float(value).is_integer() else 1)

    assert ch.alt_series("Dots", rows, "jaar", "aandeel", percent).endswith(said)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("nl", "RIVM-tabel (modelschattingen)"), ("en", "RIVM table (model estimates)")],
)
def test_a_data_file_names_its_kind_of_source_in_words(lang, words):
    from eenzaamheid.charts.datafile import export_frame
    from eenzaamheid.charts.sources import kind_of

    configure(lang=lang)
    rows = ch.sourced(load("rivm-eenzaamheid", source="snapshot", select=["Eenzaam_28"])).head(2)
    written = export_frame(rows).frame["bron_soort"]
    assert set(written) == {words} and kind_of(words) == "rivm_table"


def test_a_difference_in_points_is_plural_in_english_unless_it_is_exactly_one():
    """ "0.1 percentage points", "1 percentage point"; Dutch says "procentpunt" for every number."""
    configure(lang="en")
    assert ch.fmt_points(0.1) == "0.1 percentage points"
    assert ch.fmt_points(1, 0) == "1 percentage point"
    assert ch.fmt_points(1.0) == "1.0 percentage points"  # as written: "1.0" is no "1"
    assert ch.fmt_points(2.35, 1) == "2.4 percentage points"
    assert ch.fmt_points(-1, 0) == "\u22121 percentage point"  # a fall of one point
    configure(lang="nl")
    assert ch.fmt_points(0.06, 2) == "0,06 procentpunt"
    assert ch.fmt_points(1, 0) == "1 procentpunt"


@pytest.mark.parametrize(
    ("lang", "written"),
    [
        ("nl", ["3 miljoen", "2,5 miljoen", "285.000", "300.000"]),
        ("en", ["3 million", "2.5 million", "285,000", "300,000"]),
    ],
)
def test_a_count_is_written_as_precisely_as_it_is_known(lang, written):
    """The book's "3 miljoen" is no 3.000.000 (01's alt text said so)."""
    configure(lang=lang)
    counts = [(3_000_000, 500_000), (2_500_000, 50_000), (285_000, 500), (300_000, 50_000)]
    assert [ch.fmt_count(value, precision) for value, precision in counts] == written


@pytest.mark.parametrize(
    ("lang", "labels", "said"),
    [
        ("nl", ["Totaal", "Totaal mannen en vrouwen", "65 jaar of ouder"], ["iedereen", "mannen en vrouwen samen", "65 jaar of ouder"]),
        ("en", ["Total", "Men and women", "65 to 69 years"], ["everyone", "men and women", "people aged 65 to 69"]),
    ],
)  # fmt: skip
def test_a_group_after_bij_or_among_reads_as_people(lang, labels, said):
    """A total as a series or panel made titles say "bij totaal" / "among total"."""
    configure(lang=lang)
    assert [ch.group_in_sentence(label) for label in labels] == said
