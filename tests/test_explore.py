"""The explorer's logic, called without a browser: what a table offers, what a choice selects,
and the chart it saves with a generated title, source line and alt text."""

import json
import re
import warnings
from pathlib import Path

import pytest

from eenzaamheid import charts as ch
from eenzaamheid import configure, explore
from eenzaamheid.charts.words import flag_name

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def figures(tmp_path, monkeypatch):
    monkeypatch.setenv("EENZAAMHEID_FIGURES", str(tmp_path))
    return tmp_path / "notebook" / "nl"


@pytest.fixture(scope="module")
def persons():
    frame = explore.load_table("71488ned")
    return frame, explore.options(frame)


@pytest.fixture(scope="module")
def regional():
    frame = explore.load_table("70072ned")
    return frame, explore.options(frame)


def test_loneliness_comes_first_then_every_table_with_regions():
    assert explore.explorable() == [
        "rivm-eenzaamheid",
        "71488ned",
        "70072ned",
        "eurostat-ilc_lvph03",
    ]


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
    assert explore.matches(offer, "gron")[:2] == ["Groningen (provincie)", "Groningen (gemeente)"]
    assert "Midden-Groningen" in explore.matches(offer, "gron")
    assert offer.regions["Amsterdam"] == "GM0363"
    assert not any(label.startswith("<NA>") for label in offer.regions)
    assert explore.matches(offer, "zzz") == []


def test_a_choice_selects_the_rows_it_names(persons):
    frame, offer = persons
    choice = explore.default(offer)._replace(
        regions=("Nederland",),
        filters=(("geslacht", ("Vrouwen",)), ("leeftijd", ("80 tot 85 jaar",))),
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
    assert "; telling uit de basisregistratie personen (BRP)" in words["source"]  # in the line
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
    with pytest.raises(explore.ExploreError, match="Geen cijfers voor Amsterdam"):
        explore.draw(frame, empty, offer)  # and its years: test_a_region_without_figures_...


def test_another_table_with_regions_is_offered_as_it_is(tmp_path, monkeypatch, figures):
    """A made-up fixture table per municipality: found in the snapshot, with its own
    dimensions and source line, without the explorer knowing it by name."""
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
        "fixture-gemeenten",
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
    write_table(tmp_path / "fixture-gemeenten", frame, meta)
    monkeypatch.setenv("EENZAAMHEID_SNAPSHOT", str(tmp_path))
    assert explore.explorable() == ["fixture-gemeenten"]
    table = explore.load_table("fixture-gemeenten")
    offer = explore.options(table)
    assert offer.dimensions == {"maat": ["Ernstig eenzaam"]} and offer.years == [2020, 2022]
    assert offer.caveat == ""
    choice = explore.default(offer)._replace(regions=("Amsterdam", "Urk"))
    chart = explore.draw(table, choice, offer, save=True)
    assert chart.source == "Bron: RIVM (volksgezondheidenzorg.info)"
    assert "het hoogst in Amsterdam (13,5 % in 2022)" in chart.title


def test_loneliness_per_municipality_for_18_and_65_plus_side_by_side(figures):
    frame = explore.load_table("rivm-eenzaamheid")
    offer = explore.options(frame)
    assert offer.dimensions == {"leeftijd": ["18 jaar of ouder", "65 jaar of ouder"]}
    assert list(offer.measures) == [
        "Eenzaam_28",
        "ErnstigZeerErnstigEenzaam_29",
        "EmotioneelEenzaam_30",
        "SociaalEenzaam_31",
    ]
    ages = (("leeftijd", ("18 jaar of ouder", "65 jaar of ouder")),)
    choice = explore.default(offer)._replace(regions=("Amsterdam",), filters=ages)
    assert explore.layout(choice) == ("leeftijd", None)
    drawn = explore.select(frame, choice, offer)
    real = frame[(frame["wijk_buurt_code"] == "GM0363") & (frame["periode"] == "2020")]
    assert sorted(drawn.loc[drawn["jaar"] == 2020, "Eenzaam_28"]) == sorted(real["Eenzaam_28"])
    assert list(dict.fromkeys(drawn["reeks"])) == ["18 jaar of ouder", "65 jaar of ouder"]
    chart = explore.draw(frame, choice, offer, save=True)
    assert [line.get_color() for line in chart.ax.lines][:2] == ch.PALETTE[:2]
    assert (
        chart.source.endswith("dan CBS 85766NED (15+)")
        and "; modelschattingen, geen telling" in chart.source
    )
    assert (
        "in Amsterdam, 2012–2020: het hoogst bij 65 jaar of ouder (54,5 % in 2020)" in chart.title
    )
    ticks = [round(t) for t in chart.ax.get_xticks()]
    assert ticks == [2012, 2016, 2020]  # a survey every four years: its years, not every year


def test_two_varying_dimensions_make_small_multiples_and_three_are_refused():
    frame = explore.load_table("71488ned")
    offer = explore.options(frame)
    both = (("geslacht", ("Mannen", "Vrouwen")), ("leeftijd", ("Totaal",)))
    choice = explore.default(offer)._replace(regions=("Groningen", "Limburg"), filters=both)
    assert explore.layout(choice) == ("regio", "geslacht")
    chart = explore.draw(frame, choice, offer)
    assert [ax.get_title(loc="left") for ax in chart.axes] == ["Mannen", "Vrouwen"]
    assert [len(ax.lines) for ax in chart.axes] == [2, 2]
    assert ": het hoogst in Groningen, bij mannen (" in chart.title  # a panel said as a group
    three = choice._replace(filters=(both[0], ("leeftijd", ("Totaal", "65 tot 70 jaar"))))
    with pytest.raises(explore.ExploreError, match="ten hoogste twee kenmerken"):
        explore.select(frame, three, offer)


def test_one_point_series_are_points_and_titles_cover_everything_drawn(regional):
    """The case of the issue: Nederland and Amsterdam have 2015 only, Utrecht 1995-2019."""
    frame, offer = regional
    choice = explore.default(offer)._replace(
        regions=("Nederland", "Amsterdam", "Utrecht (provincie)")
    )
    chart = explore.draw(frame, choice, offer)
    markers = {line.get_label(): line.get_marker() for line in chart.ax.lines}
    assert sum(marker == "o" for marker in markers.values()) == 2
    assert chart.title == (  # compared where all three have a figure: 2015 only
        "Eenpersoonshuishoudens (% van huishoudens), 2015: het hoogst in Amsterdam (55,1 %); "
        "het enige jaar dat elke reeks heeft"
    )
    assert "Geen cijfers" not in chart.subtitle
    assert chart.source.startswith("Bron: CBS, tabel 70072ned")  # on screen, unsaved


def test_a_region_without_figures_for_the_years_is_named_on_the_chart(regional):
    frame, offer = regional
    choice = explore.default(offer)._replace(
        regions=("Utrecht (provincie)", "Amsterdam", "Urk"), years=(2016, 2019)
    )
    chart = explore.draw(frame, choice, offer)
    assert chart.subtitle.endswith(  # and the years that have them, as on the web page
        "Geen cijfers voor Amsterdam (wel voor 2015) en Urk (wel voor 2015) in 2016–2019"
    )
    none = choice._replace(regions=("Amsterdam",), years=(1995, 2010))
    with pytest.raises(explore.ExploreError) as nothing:  # nothing drawn: the years say why
        explore.draw(frame, none, offer)
    assert str(nothing.value) == "Geen cijfers voor Amsterdam (wel voor 2015) in 1995–2010"
    europe = explore.load_table("eurostat-ilc_lvph03")
    turkey = explore.default(eu := explore.options(europe))._replace(
        regions=("Turkije", "Nederland"), years=(2013, 2013)
    )  # no 2013: its years are not one run, so not "2011–2019"
    assert explore.draw(europe, turkey, eu).subtitle.endswith(
        "Geen cijfers voor Turkije (wel voor 2011, 2012 en 2014–2019) in 2013"
    )
    households = explore.load_table("71488ned")
    share = explore.default(offer := explore.options(households))._replace(
        per="TotaalInParticuliereHuishoudens_2", years=(2025, 2025)
    )  # a share needs both figures: 2025 has only the count
    with pytest.raises(explore.ExploreError, match=r"Nederland \(wel voor 2000–2024\) in 2025$"):
        explore.draw(households, share, offer)


def test_names_are_found_without_accents_or_case_and_unknown_ones_are_named(regional):
    _, offer = regional
    assert explore.matches(offer, "frysland")[0] == "Fryslân"
    assert explore.matches(offer, "FRYSLAN") == ["Fryslân", "Súdwest-Fryslân"]
    assert explore.region(offer, "den haag") == "'s-Gravenhage (gemeente)"
    assert explore.region(offer, "sudwest") == "Súdwest-Fryslân"
    with pytest.raises(explore.ExploreError, match="geen regio heet 'Atlantis'"):
        explore.region(offer, "Atlantis")
    with pytest.raises(
        explore.ExploreError, match=r"Bedoelde je: Groningen \(provincie\), Groningen \(gemeente\)"
    ):
        explore.region(offer, "gron")


def test_a_country_is_found_by_the_english_name_in_common_use():
    """English readers type Turkey and Czech Republic; the page shows CLDR's Türkiye and
    Czechia. Every alias leads to a region of a table (a typo in one would find nothing)."""
    offer = explore.options(explore.load_table("eurostat-ilc_lvph03"))
    assert explore.region(offer, "Turkey") == "Turkije"
    assert explore.region(offer, "czech republic") == "Tsjechië"
    assert explore.region(offer, "Great Britain") == "Verenigd Koninkrijk"
    folded = {
        explore.offer.fold(label)
        for table in explore.explorable()
        for label in explore.options(explore.load_table(table)).regions
    }
    assert set(explore.ALIASES.values()) <= folded


def test_a_name_that_is_another_regions_name_without_its_kind_gets_its_kind(regional):
    """70072ned names the province "Utrecht" and the city "Utrecht (gemeente)": offered as
    such, typing Utrecht chose the province without a word. Now both say what they are, and
    Utrecht asks which."""
    _, offer = regional
    assert offer.regions["Utrecht (provincie)"] == "PV26" and "Utrecht" not in offer.regions
    assert offer.regions["Utrecht (gemeente)"] == "GM0344"
    assert offer.regions["Groningen (provincie)"] == "PV20"
    assert offer.regions["Bergen (NH.)"] and offer.regions["Midden-Groningen"]  # unchanged
    with pytest.raises(explore.ExploreError, match=r"Utrecht \(provincie\), Utrecht \(gemeente\)"):
        explore.region(offer, "utrecht")
    assert explore.region(offer, "utrecht (gemeente)") == "Utrecht (gemeente)"
    configure(lang="en")  # the same names to choose by (code written on an English page
    assert explore.options(explore.load_table("70072ned")).regions == offer.regions  # runs)
    assert explore.shown("Utrecht (provincie)") == "Utrecht (province)"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "het hoogst bij mannen en vrouwen van 65 tot 70 jaar ("),
        ("en", "highest among men and women aged 65 to 69 ("),
    ],
)
def test_a_group_in_a_title_reads_as_people(persons, lang, said):
    """'among 65 to 69 years' and 'bij totaal mannen en vrouwen' are no sentence."""
    configure(lang=lang)
    frame, _ = persons
    offer = explore.options(frame)
    both = (
        ("geslacht", ("Totaal mannen en vrouwen", "Mannen")),
        ("leeftijd", ("Totaal", "65 tot 70 jaar")),
    )
    choice = explore.default(offer)._replace(filters=both, years=(2020, 2024))
    assert said in explore.draw(frame, choice, offer).title


def test_a_choice_of_a_region_or_value_the_table_does_not_offer_says_so(regional, persons):
    """A choice written by hand (``regions=("Utrecht",)``) left an unknown name out without a
    word: "no figures for this choice", or a chart without it."""
    frame, offer = regional
    start = explore.default(offer)
    with pytest.raises(explore.ExploreError, match=r"Utrecht \(provincie\), Utrecht \(gemeente\)"):
        explore.draw(frame, start._replace(regions=("Amsterdam", "Utrecht")), offer)
    with pytest.raises(
        explore.ExploreError, match="'Den Haag' heet in deze tabel \"'s-Gravenhage \\(gemeente\\)\""
    ):
        explore.draw(frame, start._replace(regions=("Den Haag",)), offer)
    frame, offer = persons
    start = explore.default(offer)
    wrong = (("geslacht", ("Mannen", "Vrouw")), *start.filters[1:])
    with pytest.raises(explore.ExploreError, match=r"'Vrouw' is geen waarde van Geslacht.*Vrouwen"):
        explore.draw(frame, start._replace(filters=wrong), offer)


def test_the_table_is_formatted_for_readers(persons):
    frame, offer = persons
    choice = explore.default(offer)._replace(years=(2024, 2025))
    html = explore.table(explore.select(frame, choice, offer), choice, offer)._repr_html_()
    assert '<table class="reader-table">' in html and "<th>Regio</th>" in html
    assert "<td>2025</td>" in html and ".0<" not in html
    assert "Alleenstaand als % van totaal personen in huishoudens" in html


def test_the_code_shown_reproduces_the_view(regional):
    frame, offer = regional
    choice = explore.default(offer)._replace(regions=("Amsterdam", "Urk"), years=(2015, 2015))
    code = explore.code(choice, offer)
    assert "load('70072ned', source='snapshot')" in code
    space: dict = {}
    exec(code.replace("explore.draw(", "chart = explore.draw("), space)  # our own code
    assert space["chart"].title == explore.draw(frame, choice, offer).title
    assert space["rows"]["Eenpersoonshuishoudens_86"].tolist() == [55.1, 18.8]


def test_the_web_explorer_gets_each_table_with_both_languages_and_the_same_words(tmp_path):
    from eenzaamheid.site import explorer as web

    data = web.table_data("rivm-eenzaamheid")
    frame = explore.load_table("rivm-eenzaamheid")
    assert len(data["rows"]) == len(frame) == 2136
    at = {r["code"]: i for i, r in enumerate(data["regions"])}
    assert data["regions"][at["NL01"]]["en"] == "the Netherlands"
    ages = data["dimensions"][0]
    assert [v["code"] for v in ages["values"]] == ["20300", "80200"]
    assert ages["values"][1]["en"] == "65 years and over"
    row = next(r for r in data["rows"] if r[0] == at["GM0363"] and r[1:3] == [1, 2020])
    real = frame[
        (frame["wijk_buurt_code"] == "GM0363")
        & (frame["leeftijd_code"] == "80200")
        & (frame["periode"] == "2020")
    ].iloc[0]
    assert row[3] == real["Eenzaam_28"] and row[6] == real["SociaalEenzaam_31"]
    assert data["start"] == {
        "regions": ["NL01"],
        "dimensions": {"leeftijd": ["20300"]},
        "measure": "Eenzaam_28",
        "per": None,
    }
    assert data["caveat"]["en"].startswith("Model estimates")

    web.write_explorer(tmp_path, ["nl", "en"])
    page = (tmp_path / "verkenner.html").read_text("utf-8")
    assert '<script src="assets/vega-' in page and "http" not in page.split("<script")[-2]
    english = (tmp_path / "en" / "explorer.html").read_text("utf-8")
    assert '<script src="../assets/verkenner.js">' in english and 'lang="en"' in english
    assert 'hreflang="en" lang="en">English</a>' in page  # the link in the other language
    config = json.loads(page.split('type="application/json">')[1].split("</script>")[0])
    assert config["words"]["missing"] == explore.WORDS["nl"]["missing"]
    assert config["tables"][0]["id"] == "rivm-eenzaamheid"
    script = tmp_path / "assets" / "verkenner" / "71488ned.js"
    before = script.stat().st_mtime_ns
    web.write_explorer(tmp_path, ["nl"])
    assert script.stat().st_mtime_ns == before  # nothing changed, nothing rewritten
    assert "</script>" not in web._json_for_script({"label": "</script><b>x</b>"})


def test_widget_text_is_escaped_and_names_full_paths(tmp_path):
    typed = "<img src=x onerror=alert(1)>"
    html = explore.widget_html(f"onbekende regio {typed!r}", [tmp_path / "a.png"])
    assert "<img" not in html and "&lt;img src=x" in html
    assert f"<code>{tmp_path.resolve() / 'a.png'}</code>" in html


def test_eurostat_flags_are_shown_and_said_in_words():
    frame = explore.load_table("eurostat-ilc_lvph03")
    offer = explore.options(frame)
    choice = explore.default(offer)._replace(regions=("Nederland",))
    drawn = explore.select(frame, choice, offer)
    real = frame[frame["geo_code"] == "NL"].set_index("periode")["vlag"]
    flagged = sorted(real.dropna().index)
    assert flagged and drawn.set_index("jaar").loc[int(flagged[0]), "vlag"] == real[flagged[0]]
    html = explore.table(drawn, choice, offer)._repr_html_()
    assert "<th>Vlag</th>" in html
    assert html.count(f"<td>{real[flagged[0]]}</td>") == real.eq(real[flagged[0]]).sum()
    assert explore.flag_note(drawn["vlag"]) == "Vlaggen van Eurostat bij een cijfer: " + "; ".join(
        f"{f} = {flag_name(f)}" for f in sorted(set(real.dropna()))
    )
    configure(lang="en")
    assert explore.flag_note(["e", None, "b"]) == (
        "Eurostat's flags on a figure: b = break in series; e = estimated"
    )
    assert explore.flag_note([None]) == ""


def test_the_web_explorer_gets_flags_and_units_from_the_one_vocabulary():
    from eenzaamheid.site import explorer as web

    data = web.table_data("eurostat-ilc_lvph03")
    assert data["flags"]["en"]["b"] == "break in series"
    assert data["flags"]["nl"]["e"] == "schatting"
    assert sum(row[-1] == "b" for row in data["rows"]) == 11  # as in the snapshot
    persons = web.table_data("71488ned")
    alone = next(m for m in persons["measures"] if m["key"] == "Alleenstaand_4")
    assert alone["unit"] == {"nl": "aantal", "en": "number"} and persons["flags"] is None
    script = (web.Path(web.__file__).parent / "assets" / "verkenner.js").read_text("utf-8")
    assert '"aantal"' not in script  # no unit translated in the page's own script


def test_the_web_explorers_english_names_eurostats_groups_of_countries_in_english():
    from eenzaamheid.site import explorer as web

    regions = {r["code"]: r for r in web.table_data("eurostat-ilc_lvph03")["regions"]}
    assert regions["EU27_2020"]["en"] == "European Union, 27 countries (from 2020)"
    assert regions["EA19"]["en"] == "Euro area, 19 countries"
    assert regions["DE"]["en"] == "Germany" and regions["DE"]["nl"] == "Duitsland"
    dutch = re.compile(r"\b(Unie|landen|vanaf|samenstelling|Eurozone)\b")
    assert [r["en"] for r in regions.values() if dutch.search(r["en"])] == []


def _run_notebook_10() -> tuple[dict, list[str]]:
    """The notebook's code run as JupyterLab runs it: its names, and the deprecation warnings
    it raised (a widget API that ipywidgets is dropping)."""
    notebook = json.loads((ROOT / "notebooks" / "10_verkenner.ipynb").read_text("utf-8"))
    space: dict = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                exec("".join(cell["source"]), space)  # the project's own notebook
    deprecated = [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)]
    return space, deprecated


def test_notebook_10s_controls_follow_the_settings_language():
    """Every control speaks the settings' language, through supported widget APIs only."""
    configure(lang="en")
    space, deprecated = _run_notebook_10()
    assert deprecated == []
    shown = {
        name: space[name].description
        for name in ("table", "typed", "measure", "per", "first_year", "last_year", "save")
    }
    assert shown == {
        "table": "Table",
        "typed": "Add a region",
        "measure": "Measure",
        "per": "As % of",
        "first_year": "From",
        "last_year": "To",
        "save": "Save chart",
    }
    assert space["typed"].placeholder == "type a name and press Enter"
    assert space["views"].titles == ("Chart", "Table", "Code")
    assert space["pickers"].children[0].description == "Age"
    region = space["chosen"].children[0]
    assert region.description == "The Netherlands ×" and region.tooltip == "remove the Netherlands"


def _labels(control) -> list[str]:
    return [option[0] if isinstance(option, tuple) else option for option in control.options]


def test_notebook_10s_choices_are_named_in_the_settings_language():
    """What the controls offer reads as the chart will say it: ages, measures and places in
    English (Dutch CBS, RIVM and Eurostat labels stay the values behind them)."""
    configure(lang="en")
    space, _ = _run_notebook_10()
    assert _labels(space["pickers"].children[0]) == ["18 years and over", "65 years and over"]
    assert _labels(space["measure"])[0] == "Lonely (score 3 or more on the De Jong Gierveld scale)"
    assert "The Netherlands" in space["typed"].options and "The Hague" in space["typed"].options
    assert "'s-Gravenhage" not in space["typed"].options
    space["table"].value = "eurostat-ilc_lvph03"
    suggested = space["typed"].options
    assert {"Germany", "Greece", "Greece (code GR)"} <= set(suggested)
    assert not {"Duitsland", "Griekenland"} & set(suggested)
    space["typed"].value = "Germany"
    assert space["state"]["regions"] == ["Nederland", "Duitsland"]  # the label behind the name
    assert [b.description for b in space["chosen"].children] == ["The Netherlands ×", "Germany ×"]
    assert "Lonely" not in " ".join(_labels(space["measure"]))


def test_notebook_10_adds_a_region_when_the_reader_confirms_the_name():
    """JupyterLab sends the region box's text to the kernel only when the reader presses Enter
    (or leaves the box): then the name, typed without accents or case, joins the chart; an
    unknown name is said, and the box keeps it to be corrected."""
    space, deprecated = _run_notebook_10()
    typed, chosen, message = space["typed"], space["chosen"], space["message"]
    assert deprecated == [] and typed.continuous_update is False  # no text before Enter
    assert "Súdwest-Fryslân" in typed.options and "Amsterdam" in typed.options  # suggestions
    typed.value = "sudwest-fryslan"  # what the browser sends on Enter
    assert [b.description for b in chosen.children] == ["Nederland ×", "Súdwest-Fryslân ×"]
    assert typed.value == "" and space["state"]["regions"] == ["Nederland", "Súdwest-Fryslân"]
    assert space["current"]().regions == ("Nederland", "Súdwest-Fryslân")  # redrawn with it
    assert message.value == ""
    typed.value = "nederland"
    assert message.value == "<b>Al gekozen: Nederland</b>" and len(chosen.children) == 2
    typed.value = "atlantis"
    assert "Geen regio heet &#x27;atlantis&#x27;" in message.value
    assert typed.value == "atlantis" and len(chosen.children) == 2
    chosen.children[1].click()  # its button takes a region away again
    assert [b.description for b in chosen.children] == ["Nederland ×"]


def test_a_while_in_another_language_leaves_the_environment_in_charge(monkeypatch):
    """The web export draws in both languages for a while; afterwards the environment decides
    the language again (no setting left behind for the rest of the session)."""
    from eenzaamheid import settings

    monkeypatch.setenv("EENZAAMHEID_LANG", "nl")
    with explore.language("en"):
        assert settings.current().lang == "en"
    monkeypatch.setenv("EENZAAMHEID_LANG", "en")
    assert settings.current().lang == "en"
    configure(theme="college")
    with explore.language("nl"):
        assert settings.current().theme == "college"
    assert settings.current().lang == "en" and settings.current().theme == "college"


@pytest.mark.parametrize(("lang", "panel"), [("nl", "Paneel"), ("en", "Panel")])
def test_the_saved_numbers_name_the_panel_and_leave_out_an_empty_one(lang, panel, tmp_path):
    """Small multiples: the data file's panel column has a header in words; one panel: no
    column that holds nothing (in one language: a column left out has no header to say)."""
    configure(lang=lang)
    frame = explore.load_table("71488ned")
    offer = explore.options(frame)
    both = (("geslacht", ("Mannen", "Vrouwen")), ("leeftijd", ("Totaal",)))
    choice = explore.default(offer)._replace(regions=("Groningen", "Limburg"), filters=both)
    saves = [(choice, {"paneel": panel})]
    saves += [(choice._replace(filters=()), {})] if lang == "nl" else []
    for picked, columns in saves:
        explore.draw(frame, picked, offer, save=True)
        name = explore.chart_name(picked, offer)
        record = json.loads((tmp_path / "notebook" / lang / f"{name}.json").read_text())
        found = {c["key"]: c["label"] for c in record["columns"] if c["key"] == "paneel"}
        assert found == columns


def test_as_a_percentage_only_of_a_count_in_the_same_unit():
    """ "As % of" is offered only where it means something: a count of a count."""
    offer = explore.options(explore.load_table("70072ned"))
    assert explore.denominators(offer, "Eenpersoonshuishoudens_86") == []  # a percentage
    assert explore.denominators(offer, "GemiddeldeHuishoudensgrootte_89") == []  # an average
    households = ["TotaalAantalParticuliereHuishoudens_82"]  # not persons: another count
    assert explore.denominators(offer, "Eenpersoonshuishoudens_83") == households
    assert explore.denominators(offer, "TotaleBevolking_1") == []
    rivm = explore.options(explore.load_table("rivm-eenzaamheid"))
    assert not any(explore.denominators(rivm, measure) for measure in rivm.measures)


def test_a_count_is_written_whole_and_a_line_breaks_at_a_year_without_a_figure():
    frame = explore.load_table("71488ned")
    offer = explore.options(frame)
    oldest = (("geslacht", ("Mannen",)), ("leeftijd", ("95 jaar of ouder",)))
    choice = explore.Choice("71488ned", ("Groningen",), oldest, "Alleenstaand_4", None, None)
    title = explore.title(explore.select(frame, choice, offer), choice, offer)
    assert re.search(r"van \d+ in 2000 naar \d+ in 2024", title), title  # not "39,00"
    europe = explore.load_table("eurostat-ilc_lvph03")
    offer = explore.options(europe)
    turkey = explore.Choice("eurostat-ilc_lvph03", ("Turkije",), (), "aandeel", None, None)
    chart = explore.draw(europe, turkey, offer)
    line = chart.axes[0].lines[0]
    years, values = list(line.get_xdata()), list(line.get_ydata())
    assert 2013 in years and values[years.index(2013)] != values[years.index(2013)]  # NaN


def test_a_share_of_nothing_is_a_gap_not_infinity():
    """A denominator of 0 (no woman of 95+ in Flevoland lived with a partner in some year):
    that year has no share, as on the web, instead of an infinite one in the title."""
    frame = explore.load_table("71488ned")
    offer = explore.options(frame)
    oldest = (("geslacht", ("Vrouwen",)), ("leeftijd", ("95 jaar of ouder",)))
    choice = explore.Choice(
        "71488ned", ("Flevoland",), oldest, "Alleenstaand_4", "TotaalSamenwonendePersonen_5", None
    )
    drawn = explore.select(frame, choice, offer)
    rows = frame[(frame["regio"] == "Flevoland") & (frame["geslacht"] == "Vrouwen")]
    zero = rows[
        (rows["leeftijd"] == "95 jaar of ouder") & (rows["TotaalSamenwonendePersonen_5"] == 0)
    ]
    assert len(zero) and not set(zero["periode"].astype(int)) & set(drawn["jaar"])
    assert "∞" not in explore.title(drawn, choice, offer)


def test_one_point_is_titled_as_it_is_not_as_the_highest():
    frame = explore.load_table("70072ned")
    offer = explore.options(frame)
    choice = explore.default(offer)  # the country: 70072ned has it for 2015 only
    drawn = explore.select(frame, choice, offer)
    assert len(drawn) == 1
    title = explore.title(drawn, choice, offer)
    assert title.endswith("in Nederland, 2015: 37,4 %") and "hoogst" not in title


def test_more_series_than_colours_is_refused_not_cut_short():
    europe = explore.load_table("eurostat-ilc_lvph03")
    offer = explore.options(europe)
    countries = tuple(list(offer.regions)[: explore.MAX_SERIES + 1])
    choice = explore.Choice("eurostat-ilc_lvph03", countries, (), "aandeel", None, None)
    with pytest.raises(explore.ExploreError, match=f"ten hoogste {explore.MAX_SERIES} reeksen"):
        explore.draw(europe, choice, offer)
    few = choice._replace(regions=countries[:-1])
    colours = {line.get_color() for line in explore.draw(europe, few, offer).axes[0].lines}
    assert len(colours) == explore.MAX_SERIES  # each its own


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "in Amsterdam, 2012–2020: het hoogst bij 65 jaar of ouder (54,5 % in 2020)"),
        ("en", "in Amsterdam, 2012–2020: highest among people aged 65 and over (54.5% in 2020)"),
    ],
)
def test_the_one_region_is_said_when_the_series_are_age_groups(lang, said):
    """Every fixed choice is in the title: a line per age group in Amsterdam names Amsterdam,
    and a group is "bij"/"among" it, not "in 65 jaar of ouder"."""
    configure(lang=lang)
    frame = explore.load_table("rivm-eenzaamheid")
    offer = explore.options(frame)
    ages = (("leeftijd", ("18 jaar of ouder", "65 jaar of ouder")),)
    choice = explore.Choice(
        "rivm-eenzaamheid", ("Amsterdam",), ages, "Eenzaam_28", None, (2012, 2020)
    )
    words = explore.describe(explore.select(frame, choice, offer), choice, offer)
    assert words["title"].endswith(said), words["title"]
    assert "in Amsterdam, 2012–2020" in words["alt"]
    one = choice._replace(filters=(("leeftijd", ("65 jaar of ouder",)),))
    title = explore.title(explore.select(frame, one, offer), one, offer)
    assert " in Amsterdam: " in title  # a region as the series: "in" it, as before


def test_as_a_percentage_only_of_a_plausible_whole(persons):
    """A denominator must be a whole the measure is part of: never smaller on any row. Not a
    total as % of its part (460 %), nor a group as % of another it need not belong to."""
    _, offer = persons
    alone = explore.denominators(offer, "Alleenstaand_4")
    assert "TotaalPersonenInHuishoudens_1" in alone
    assert "TotaalSamenwonendePersonen_5" not in alone  # 3 157 % among the very old
    assert "Alleenstaand_4" not in explore.denominators(offer, "TotaalPersonenInHuishoudens_1")


def test_a_typed_alias_is_taken_and_an_ambiguous_name_is_said_to_be_so(regional):
    _, offer = regional
    assert explore.region(offer, "friesland") == "Fryslân"
    with pytest.raises(explore.ExploreError, match=r"meer dan één regio: Bergen \(L\.\), Bergen"):
        explore.region(offer, "Bergen")
    assert explore.layout(explore.default(offer)._replace(regions=("Urk", "Urk"))) == (None, None)


def test_greece_under_two_codes_is_explained_and_a_break_breaks_the_line():
    europe = explore.load_table("eurostat-ilc_lvph03")
    offer = explore.options(europe)
    greece = explore.Choice("eurostat-ilc_lvph03", ("Griekenland",), (), "aandeel", None, None)
    words = explore.describe(explore.select(europe, greece, offer), greece, offer)
    assert "Eurostat voert Griekenland onder twee codes: EL en GR" in words["notes"]
    dutch = greece._replace(regions=("Nederland",), years=(2011, 2020))
    chart = explore.draw(europe, dutch, offer)
    line = chart.axes[0].lines[0]
    years, values = list(line.get_xdata()), list(line.get_ydata())
    assert 2015.5 in years and values[years.index(2015.5)] != values[years.index(2015.5)]  # NaN
    assert "onderbroken lijn: breuk in de reeks (vlag b) in 2016" in chart.notes  # after a ";"
    from_the_break = dutch._replace(years=(2016, 2020))  # the break on the first year: no cut
    chart = explore.draw(europe, from_the_break, offer)
    assert len(chart.axes[0].lines[0].get_xdata()) == 5  # one line, not broken
    assert not any("onderbroken" in note.lower() for note in chart.notes)
    html = explore.table(explore.select(europe, dutch, offer), dutch, offer)._repr_html_()
    assert (
        "Eenpersoonshuishoudens: % van de particuliere huishoudens</th>" in html
    )  # its unit, once


@pytest.mark.parametrize(
    ("lang", "unit"),
    [
        ("nl", "(% van de leeftijdsgroep, modelschatting)"),
        ("en", "(% of the age group, model estimate)"),
    ],
)
def test_model_estimates_say_so_under_the_title_as_in_the_data_file(lang, unit):
    """RIVM's figures are model estimates, not a count: the subtitle says so in the unit the
    stories' data files give them, not only the source line."""
    configure(lang=lang)
    frame = explore.load_table("rivm-eenzaamheid")
    offer = explore.options(frame)
    choice = explore.default(offer)
    said = explore.describe(explore.select(frame, choice, offer), choice, offer)
    assert said["subtitle"].endswith(unit)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_country_is_found_by_its_name_in_either_language(lang):
    """As on the web page: Enter takes the other language's name too."""
    configure(lang=lang)
    offer = explore.options(explore.load_table("eurostat-ilc_lvph03"))
    assert explore.region(offer, "Germany") == explore.region(offer, "duitsland") == "Duitsland"
    assert explore.region(offer, "Belgium") == "België"


def test_every_measure_of_one_kind_of_estimate_has_the_same_unit():
    """All four RIVM measures are model estimates: each says so in its unit, in both
    languages (two said only "% of the age group")."""
    offer = explore.options(explore.load_table("rivm-eenzaamheid"))
    assert {offer.units[key] for key in offer.measures} == {
        "% van de leeftijdsgroep, modelschatting"
    }


@pytest.mark.parametrize(
    "lang, said", [("nl", "voor vrouwen in 2025"), ("en", "for women in 2025")]
)
def test_a_value_without_figures_is_said_as_a_group_in_a_sentence(lang, said):
    """2025 has only the national total: "no figures for women in 2025", not "for Women"."""
    configure(lang=lang)
    frame = explore.load_table("71488ned")
    offer = explore.options(frame)
    sexes = ("geslacht", ("Totaal mannen en vrouwen", "Vrouwen"))
    choice = explore.default(offer)._replace(
        filters=(sexes, ("leeftijd", ("Totaal",))), years=(2025, 2025)
    )
    subtitle = explore.describe(explore.select(frame, choice, offer), choice, offer)["subtitle"]
    assert subtitle.endswith(said)


def test_a_name_standing_alone_on_the_chart_starts_with_a_capital():
    """On an axis or at a line's end a name stands alone: "The Netherlands"; in the title it
    stays inside the sentence ("highest in Germany", "in the Netherlands")."""
    configure(lang="en")
    frame = explore.load_table("eurostat-ilc_lvph03")
    offer = explore.options(frame)
    bars = explore.default(offer)._replace(regions=("Nederland", "Duitsland"), years=(2015, 2015))
    chart = explore.draw(frame, bars, offer)
    assert [t.get_text() for t in chart.axes[0].get_yticklabels()] == ["The Netherlands", "Germany"]
    lines = bars._replace(years=(2011, 2020))
    chart = explore.draw(frame, lines, offer)
    labels = {t.get_text() for t in chart.axes[0].texts}
    assert {"The Netherlands", "Germany"} <= labels


@pytest.mark.parametrize(
    "lang, said",
    [
        ("nl", "het hoogst bij vrouwen van 75 tot 80 jaar (52,1 % in 2000)"),
        ("en", "highest among women aged 75 to 79 (52.1% in 2000)"),
    ],
)
def test_a_sex_and_an_age_are_said_as_one_group(lang, said):
    """Lines per sex in panels per age: the highest is "among women aged 75 to 79", not
    "among women, among people aged 75 to 79"."""
    configure(lang=lang)
    frame = explore.load_table("71488ned")
    offer = explore.options(frame)
    ages = ("leeftijd", ("70 tot 75 jaar", "75 tot 80 jaar"))
    choice = explore.default(offer)._replace(filters=(("geslacht", ("Mannen", "Vrouwen")), ages))
    assert explore.title(explore.select(frame, choice, offer), choice, offer).endswith(said)


def test_a_group_of_an_age_never_drops_either():
    configure(lang="en")
    assert ch.group_of_age("women", "people aged 95 and over") == "women aged 95 and over"
    assert ch.group_of_age("women", "everyone") == "women"
    assert ch.group_of_age("women", "children") == "women, children"  # said otherwise: both
    configure(lang="nl")
    assert ch.group_of_age("mannen en vrouwen samen", "70 tot 75 jaar") == (
        "mannen en vrouwen van 70 tot 75 jaar"
    )


def test_a_header_says_a_unit_once():
    """A measure whose name already gives its unit gets no second one: "One-person households
    (% of households)", not "... (% of households) (%)"."""
    configure(lang="en")
    frame = explore.load_table("70072ned")
    offer = explore.options(frame)
    choice = explore.default(offer)
    html = explore.table(explore.select(frame, choice, offer), choice, offer)._repr_html_()
    assert re.findall(r"<th[^>]*>([^<]*)</th>", html) == [
        "Region",
        "Year",
        "One-person households (% of households)",
    ]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", html)
    assert "The Netherlands" in cells and "the Netherlands" not in cells  # a name on its own


def test_a_name_already_chosen_is_said_to_be_chosen_and_messages_name_regions_as_shown():
    """Enter on a chosen region's name says so (it does not add the one other region the
    name still fits: Utrechtse Heuvelrug for Utrecht); a message names regions as the
    explorer shows them, told apart when the names hold commas."""
    configure(lang="en")
    rivm = explore.options(explore.load_table("rivm-eenzaamheid"))
    with pytest.raises(explore.ExploreError, match=r"^already chosen: Utrecht$"):
        explore.region(rivm, "utrecht", chosen=("Utrecht",))
    assert explore.region(rivm, "utrechtse", chosen=("Utrecht",)) == "Utrechtse Heuvelrug"
    europe = explore.options(explore.load_table("eurostat-ilc_lvph03"))
    with pytest.raises(explore.ExploreError, match=r"^already chosen: Greece$"):
        explore.region(europe, "greece", chosen=("Griekenland",))
    assert explore.region(europe, "GR") == "Griekenland (code GR)"  # as the page shows it
    # other codes are not names: "ch" is what Czechia's name holds, not Switzerland's code
    assert explore.region(europe, "ch") != "Zwitserland"
    with pytest.raises(explore.ExploreError):
        explore.region(europe, "se")  # Serbia and Sweden hold it: the reader says which
    with pytest.raises(explore.ExploreError):
        explore.region(europe, "ceuta")  # Babel's EA; Eurostat's EA is the euro area
    regional = explore.options(explore.load_table("70072ned"))
    assert explore.region(regional, "Beek") == "Beek (L.)"  # the one Beek, as on the web
    with pytest.raises(explore.ExploreError) as said:
        explore.region(europe, "euro")
    message = str(said.value)
    assert message.startswith("no region is called 'euro'. Did you mean: European Union")
    assert "(2007-2013); European Union" in message and "Europese" not in message
    with pytest.raises(explore.ExploreError, match=r"Utrecht \(province\), Utrecht \(munic"):
        explore.region(explore.options(explore.load_table("70072ned")), "utrecht")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_region_is_found_by_the_name_the_explorers_show(lang):
    """A name the explorers show (a suggestion, a chip, a line's label) is a name Enter
    takes, in each language and every table: The Hague (municipality), Euro area."""
    configure(lang=lang)
    lost = {}
    for table in explore.explorable():
        offer = explore.options(explore.load_table(table))
        for label in offer.regions:
            try:
                found = explore.region(offer, explore.shown(label))
            except explore.ExploreError as problem:
                found = str(problem)
            if found != label:
                lost[f"{table}: {explore.shown(label)}"] = found
    assert lost == {}


def test_an_english_explorer_chart_names_countries_in_english():
    """Eurostat's countries are Dutch labels in the snapshot; an English chart names them in
    English in its title, lines and source line, as the web explorer does."""
    from eenzaamheid.site import explorer as web

    configure(lang="en")
    frame = explore.load_table("eurostat-ilc_lvph03")
    offer = explore.options(frame)
    choice = explore.default(offer)._replace(regions=("Duitsland", "Nederland"))
    drawn = explore.select(frame, choice, offer)
    said = explore.describe(drawn, choice, offer)
    assert "highest in Germany" in said["title"] and "Duitsland" not in json.dumps(said)
    assert set(drawn["reeks"]) == {"Germany", "the Netherlands"}
    shown = {r["code"]: r["en"] for r in web.table_data("eurostat-ilc_lvph03")["regions"]}
    assert shown == {code: explore.shown(label) for label, code in offer.regions.items()}


def test_the_web_explorer_names_the_sources_of_what_it_draws():
    """Each row says which source it comes from; the web page shows the source line of the
    rows drawn, as the notebook's chart does: social loneliness (no 2012 figure) is from the
    monitors of 2016 and 2020, not of 2012, 2016 and 2020."""
    from eenzaamheid.site import explorer as web

    data = web.table_data("rivm-eenzaamheid")
    assert len(data["row_sources"]) == len(data["rows"])
    assert "2012, 2016 en 2020 (modelschattingen" in data["source"]["nl"]  # the whole table
    at = (
        1
        + len(data["dimensions"])
        + 1
        + [m["key"] for m in data["measures"]].index("SociaalEenzaam_31")
    )
    groups = sorted(
        {g for row, g in zip(data["rows"], data["row_sources"], strict=True) if row[at] is not None}
    )
    line = data["sources"][",".join(map(str, groups))]
    assert "Volwassenen en Ouderen 2016 en 2020 (modelschattingen" in line["nl"]
    assert "Adults and Elderly 2016 and 2020 (model estimates" in line["en"]


def test_the_web_explorers_source_line_says_which_years_came_from_elsewhere():
    """71488ned's 2025 figure is transcribed from its page: the explorer's source line says
    so of 2025, as the stories' charts do, not of the whole table."""
    from eenzaamheid.site import explorer as web

    source = web.table_data("71488ned")["source"]
    assert "opgehaald 05-06-2025; 2025 overgenomen van cbs.nl" in source["nl"]
    assert "retrieved 5 Jun 2025; 2025 transcribed from cbs.nl" in source["en"]


def test_a_highest_value_shared_is_said_of_every_series_and_year_that_has_it():
    """Two series at the same highest figure (as the reader sees it) are both highest, and a
    series at its highest in several years is so in all of them: a title names no single
    winner the chart does not show (Eurostat's Greece under two codes, 25.7% each; Cyprus at
    20.8% in every year)."""
    configure(lang="en")
    frame = explore.load_table("eurostat-ilc_lvph03")
    offer = explore.options(frame)
    greece = explore.default(offer)._replace(regions=("Griekenland", "Griekenland (code GR)"))
    said = explore.title(explore.select(frame, greece, offer), greece, offer)
    assert ", 2019: highest in Greece and in Greece (code GR) (25.7%)" in said
    cyprus = explore.default(offer)._replace(regions=("Cyprus", "Noord-Macedonië"))
    cyprus = cyprus._replace(years=(2011, 2019))
    said = explore.title(explore.select(frame, cyprus, offer), cyprus, offer)
    assert said.endswith(": highest in Cyprus (20.8% in 2011–2019)")
    apart = explore.default(offer)._replace(
        regions=("Griekenland", "Slowakije"), years=(2011, 2020)
    )
    said = explore.title(explore.select(frame, apart, offer), apart, offer)  # each its years
    assert said.endswith(": highest in Greece in 2013–2020 and in Slovakia in 2014 (25.7%)")


def test_series_of_different_years_are_compared_over_the_years_they_share():
    """71488ned: the Netherlands to 2025, provinces to 2024: the title's highest point is of
    2000-2024, the years both have (a year one series alone has cannot decide it)."""
    configure(lang="en")
    frame = explore.load_table("71488ned")
    offer = explore.options(frame)
    choice = explore.default(offer)._replace(regions=("Nederland", "Utrecht"))
    said = explore.title(explore.select(frame, choice, offer), choice, offer)
    assert ", 2000–2024: highest in " in said and "in 2025" not in said
    assert said.endswith("; compared over the years every series has")
