"""The non-CBS material of notebooks 06 and 09 in the snapshot: RIVM's small-area loneliness
estimates, Eurostat's one-person households and the 2020 municipalities (lon/lat)."""

import math

import matplotlib
import pandas as pd
import pytest

from eenzaamheid import configure, load
from eenzaamheid.charts import (
    country,
    draw_map,
    load_map,
    map_aspect,
    region_areas,
    source_line,
    sourced,
)

matplotlib.use("Agg")
import matplotlib.pyplot as plt


@pytest.fixture(scope="module")
def rivm():
    return load("rivm-eenzaamheid", source="snapshot")


def _value(frame, code, age, year, topic="Eenzaam_28"):
    row = frame.query("wijk_buurt_code == @code and leeftijd_code == @age and periode == @year")
    return row[topic].item()


def test_rivm_figures_equal_the_xlsx_exports(rivm):
    assert _value(rivm, "NL01", "20300", "2020") == 47.0
    assert _value(rivm, "NL01", "20300", "2020", "ErnstigZeerErnstigEenzaam_29") == 11.2
    assert _value(rivm, "NL01", "80200", "2020") == 49.5
    assert _value(rivm, "NL01", "20300", "2012") == 39.6
    assert _value(rivm, "NL01", "80200", "2016") == 48.3
    assert _value(rivm, "GM0518", "20300", "2020") == 56.8  # 's-Gravenhage
    assert _value(rivm, "GM0184", "20300", "2020") == 35.2  # Urk
    assert _value(rivm, "GM0363", "80200", "2012") == 50.1  # Amsterdam


def test_rivm_holds_the_country_and_355_municipalities_per_year_and_age(rivm):
    assert set(rivm["periode"]) == {"2012", "2016", "2020"}
    assert set(rivm["leeftijd"]) == {"18 jaar of ouder", "65 jaar of ouder"}
    counts = rivm.groupby(["periode", "leeftijd_code"])["wijk_buurt_code"].nunique()
    assert (counts == 356).all()
    assert set(rivm["wijk_buurt_code"].str[:2]) == {"NL", "GM"}  # no districts or neighbourhoods
    assert set(rivm["soort_regio"]) == {"Land", "Gemeente"}
    names = rivm.drop_duplicates("wijk_buurt_code").set_index("wijk_buurt_code")["wijk_buurt"]
    assert names["GM0363"] == "Amsterdam" and names["NL01"] == "Nederland"
    social_2012 = rivm.loc[rivm["periode"] == "2012", "SociaalEenzaam_31"]
    assert social_2012.isna().all()  # no figure in 2012: a gap, not a zero
    assert rivm.loc[rivm["periode"] != "2012", "Eenzaam_28":].notna().all(axis=None)


def test_rivm_sidecar_names_model_estimates_and_its_own_credit(rivm):
    meta = rivm.attrs["meta"]
    assert "RIVM/CBS/GGD'en" in meta.licence and "Bron: CBS" not in meta.licence
    assert any("model estimates" in note for note in meta.notes)
    assert len(meta.sources) == 6
    for source in meta.sources:
        assert source["source"]["repository"] == "ImkeDekkers/Buurtvergelijker"
        assert source["file"].startswith("data/raw/rivm/")


def test_non_cbs_tables_come_from_the_snapshot_also_in_auto_mode(monkeypatch):
    """They have no CBS OData equivalent: ``auto`` must not try CBS for them."""
    monkeypatch.setenv("CBS_ODATA_URL", "http://127.0.0.1:9")  # nothing listens there
    frame = load("eurostat-ilc_lvph03", filters={"geo": "NL"}, source="auto")
    assert frame.attrs["meta"].source == "snapshot" and len(frame) == 10


def test_eurostat_one_person_shares_and_flags():
    frame = load("eurostat-ilc_lvph03", source="snapshot").set_index(["geo_code", "periode"])
    assert frame.loc[("NL", "2020"), "aandeel"] == 38.5
    assert frame.loc[("NL", "2011"), "aandeel"] == 36.4
    assert frame.loc[("NL", "2016"), "vlag"] == "b"  # break in series
    assert pd.isna(frame.loc[("NL", "2017"), "vlag"])
    assert frame.loc[("EU27_2020", "2019"), "aandeel"] == 33.9
    assert frame.loc[("EU27_2020", "2019"), "vlag"] == "e"  # estimate
    assert ("EU27_2020", "2020") not in frame.index  # not in this release: no row, no guess
    assert ("IT", "2020") not in frame.index
    members = frame[frame["eu27_2020"]].index.get_level_values("geo_code").unique()
    assert len(members) == 27 and "UK" not in members and "EL" in members
    assert frame.loc[("NO", "2020"), "geo"] == "Noorwegen"  # a bare NO is false in YAML 1.1
    assert frame.attrs["meta"].licence == "CC BY 4.0, Bron: Eurostat (ilc_lvph03)"


def test_the_2020_municipalities_are_lon_lat_and_join_the_rivm_rows(rivm):
    boundaries = load_map("gemeente_2020")
    assert boundaries["crs"].startswith("EPSG:4326")
    assert boundaries["source"]["source"]["repository"] == "doudejans/InfoVis"
    regions = boundaries["regions"]
    assert len(regions) == 355 and regions["GM0518"]["name"] == "'s-Gravenhage"
    for region in regions.values():
        for ring in region["rings"]:
            assert ring[0] == ring[-1]
            for lon, lat in ring:
                assert 3.3 < lon < 7.3 and 50.7 < lat < 53.6
    municipalities = set(rivm.loc[rivm["soort_regio"] == "Gemeente", "wijk_buurt_code"])
    assert municipalities == set(regions)


def test_lon_lat_maps_are_drawn_with_the_aspect_of_their_latitude():
    assert map_aspect("EPSG:28992 (RD New), metres", (300_000, 620_000)) == 1.0
    assert map_aspect("EPSG:4326 (WGS84)", (50.0, 54.0)) == pytest.approx(
        1.6243, abs=1e-4
    )  # 1 / cos 52°
    boundaries = load_map("gemeente_2020")
    fig, ax = plt.subplots()
    values = pd.Series({"GM0363": 1.0, "GM0599": 2.0})  # fixture values, not data
    draw_map(ax, boundaries["regions"], values, crs=boundaries["crs"])
    middle = sum(ax.get_ylim()) / 2
    assert 51.5 < middle < 53 and ax.get_aspect() == pytest.approx(
        1 / math.cos(math.radians(middle))
    )
    plt.close(fig)


def test_region_areas_agree_between_metres_and_degrees():
    before, after = region_areas(load_map("gemeente_2015")), region_areas(load_map("gemeente_2020"))
    assert before["GM0363"] == pytest.approx(after["GM0363"], rel=0.03)  # Amsterdam: unchanged
    assert after["GM0014"] > 2 * before["GM0014"]  # Groningen kept its code, took in
    assert {"GM0009", "GM0017"} <= set(before.index) - set(after.index)  # Ten Boer and Haren
    assert 30_000 < after.sum() < 40_000  # km², the Netherlands' land and inland water, roughly


def test_eurostat_codes_are_named_in_the_chart_language():
    configure(lang="nl")
    names = [country(c) for c in ("NL", "EL", "DE", "EU27_2020")]
    assert names == ["Nederland", "Griekenland", "Duitsland", "EU-27-gemiddelde"]
    configure(lang="en")
    assert [country(c) for c in ("NL", "EL", "UK")] == [
        "The Netherlands",  # as every other chart names it, not Babel's "Netherlands"
        "Greece",
        "United Kingdom",
    ]
    with pytest.raises(KeyError, match="EU99"):
        country("EU99")


def test_rivm_and_eurostat_rows_write_their_own_source_line():
    configure(lang="nl")
    rivm = sourced(load("rivm-eenzaamheid", filters={"WijkenEnBuurten": "NL01"}))
    assert set(rivm["bron_soort"]) == {"rivm_table"}
    assert set(rivm["tabel"]) == {"rivm-eenzaamheid"}
    assert source_line(rivm) == (
        "Bron: RIVM/CBS/GGD'en, Gezondheidsmonitor Volwassenen en Ouderen 2012, 2016 en "
        "2020 (modelschattingen; datum niet vastgelegd)"
    )
    assert set(rivm["bron_url"]) == {"https://www.vzinfo.nl/eenzaamheid/regionaal/volwassenen"}
    europe = sourced(load("eurostat-ilc_lvph03", filters={"geo": "NL"}))
    assert set(europe["tabel"]) == {"ilc_lvph03"}
    assert source_line(europe) == (
        "Bron: Eurostat (ilc_lvph03, versie van 15-11-2021), EU-SILC-enquête"
    )
    assert set(europe["bron_datum"]) == {"2021-11-15"}  # Eurostat's LAST UPDATE
    assert set(europe["bron_url"]) == {
        "https://ec.europa.eu/eurostat/databrowser/view/ilc_lvph03/default/table"
    }
    configure(lang="en")
    in_2020 = rivm[rivm["periode"] == "2020"]
    assert source_line(pd.concat([europe, in_2020])) == (
        "Source: RIVM/CBS/GGDs, Health Monitor Adults and Elderly 2020 (model estimates; date "
        "not recorded); Eurostat (ilc_lvph03, release of 15 Nov 2021), EU-SILC survey"
    )


def test_a_rivm_export_read_as_text_and_a_missing_column_named(tmp_path):
    """Fixture rows (not RIVM's figures): the country and a municipality are kept, stripped; a
    district and another margin are not; a column the spec names but the file lacks is named."""
    from openpyxl import Workbook

    from eenzaamheid.snapshot.others import RIVM_COLUMNS, _read_xlsx

    book = Workbook()
    sheet = book.active
    sheet.append([*RIVM_COLUMNS, "Eenzaam_28"])
    sheet.append(["NL01  ", "Nederland", "Land", 20300.0, "2020JJ00", "MW00000", "  39.6"])
    sheet.append(["GM0003", "Appingedam", "Gemeente", 20300.0, "2020JJ00", "MW00000", None])
    sheet.append(["WK000300", "Appingedam", "Wijk", 20300.0, "2020JJ00", "MW00000", "41.0"])
    sheet.append(["GM0003", "Appingedam", "Gemeente", 20300.0, "2020JJ00", "MW00001", "45.0"])
    book.save(tmp_path / "rivm.xlsx")
    read = ("NL", "GM"), "MW00000"
    rows = _read_xlsx(str(tmp_path / "rivm.xlsx"), "test", ("Eenzaam_28",), *read)
    assert rows["WijkenEnBuurten"].tolist() == ["NL01", "GM0003"]
    assert rows["Leeftijd"].tolist() == ["20300", "20300"]  # a whole number without ".0"
    assert rows["Eenzaam_28"].tolist() == ["39.6", None]  # as published; empty is missing
    with pytest.raises(ValueError, match=r"no column \['SociaalEenzaam_31'\]"):
        _read_xlsx(str(tmp_path / "rivm.xlsx"), "test", ("SociaalEenzaam_31",), *read)
