"""The main job: every notebook runs top to bottom, and the numbers behind the charts are CBS's."""

import json

import pandas as pd
import pytest

from eenzaamheid.charts.words import VOCABULARY
from eenzaamheid.site import NotebookFailed, build, notebooks, run_notebook


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    figures = tmp_path_factory.mktemp("figures")
    patch = pytest.MonkeyPatch()
    patch.setenv("EENZAAMHEID_FIGURES", str(figures))
    patch.setenv("EENZAAMHEID_BUILD", str(tmp_path_factory.mktemp("build")))
    index = build(theme="artikel", lang="nl", source="snapshot")
    yield figures / "artikel" / "nl", index
    patch.undo()


def test_every_notebook_ran_and_every_chart_was_exported(built):
    charts, index = built
    assert len(notebooks()) == 6
    for path in notebooks():
        assert (index.parent / path.with_suffix(".html").name).stat().st_size > 10_000
    records = [json.loads(p.read_text()) for p in charts.glob("*.json")]
    assert len(records) == 14
    for record in records:
        for file in record["files"].values():
            assert (charts / file).stat().st_size > 0, file
        assert record["source"].startswith("Bron:") and record["alt"]
    page = index.read_text()
    assert page.count("<figure>") == len(records)
    assert (index.parent / "slides.html").read_text().count("<section>") == len(records)


def _csv(charts, name):
    return pd.read_csv(charts / f"{name}.csv", dtype={"periode": str})


def test_chart_numbers_equal_the_snapshot(built):
    charts, _ = built
    count = _csv(charts, "01_alleenstaanden_aantal")
    assert count.query("jaar == 2017 and tabel == '71488ned'")["waarde"].item() == 2_961_228
    assert count.query("jaar == 1950")["waarde"].item() == 245_000
    assert count.query("jaar == 2025")["waarde"].item() == 3_380_900
    years = _csv(charts, "02_eenzaamheid_jaren")
    assert years.query("jaar == 2022 and niveau == 'Sterk'")["percentage"].item() == 10.7
    ages = _csv(charts, "03_sterk_eenzaam_leeftijd")
    assert ages.query("groep == '35 tot 45 jaar'")["percentage"].item() == 14.1
    mapped = _csv(charts, "04_kaart_gemeenten_2015").set_index("regio_code")
    assert len(mapped) == 393
    assert mapped.loc["GM0363", "Eenpersoonshuishoudens_86"] == 55.1  # Amsterdam, 70072ned
    provinces = _csv(charts, "04_provincies")
    groningen = provinces.query("regio_code == 'PV20' and periode == '2024'")
    assert groningen["aandeel"].item() == pytest.approx(
        100 * groningen["Alleenstaand_4"].item() / groningen["TotaalPersonenInHuishoudens_1"].item()
    )


def test_every_word_has_both_languages():
    for key, texts in VOCABULARY.items():
        assert set(texts) == {"nl", "en"} and all(texts.values()), key


def test_a_failing_cell_names_the_notebook_and_cell(tmp_path):
    broken = tmp_path / "09_kapot.ipynb"
    cell = {
        "cell_type": "code",
        "id": "a",
        "metadata": {},
        "outputs": [],
        "execution_count": None,
        "source": "1 / 0",
    }
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = {"cells": [cell], "metadata": {"kernelspec": kernel}, "nbformat": 4}
    broken.write_text(json.dumps(notebook | {"nbformat_minor": 5}))
    with pytest.raises(NotebookFailed, match=r"09_kapot.ipynb, cell 0: ZeroDivisionError"):
        run_notebook(broken)
