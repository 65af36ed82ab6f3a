"""The main job: every notebook runs top to bottom, and the numbers behind the charts are CBS's."""

import json
import os
import re

import pandas as pd
import pytest

from eenzaamheid.charts.sources import kind_of
from eenzaamheid.site import NotebookFailed, notebooks, run_notebook


@pytest.fixture(scope="module")
def built(site):
    return site.charts, site.index


def test_every_notebook_ran_and_every_chart_was_exported(built):
    charts, index = built
    assert len(notebooks()) >= 11  # the stories and the explorer
    for path in notebooks():
        assert (index.parent / path.with_suffix(".html").name).stat().st_size > 5_000
    records = [json.loads(p.read_text()) for p in charts.glob("*.json")]
    assert len(records) >= 27
    for record in records:
        for file in record["files"].values():
            assert (charts / file).stat().st_size > 0, file
            assert (index.parent / "figures" / "artikel" / "nl" / file).exists(), file
        assert record["source"].startswith("Bron:") and record["alt"]
    page = index.read_text()
    assert page.count("<li><a href=") == len(records)  # one card per chart, grouped by story
    slides = (index.parent / "slides.html").read_text()
    assert slides.count('class="slide chart"') == len(records)


@pytest.fixture(scope="module")
def built_english(site):
    """The lecture theme in English: a complete translation (collisions: test_collisions)."""
    return site.figures / "college" / "en", site.build / "en" / "index.html"


DUTCH = re.compile(
    r"\b(de|het|een|van|en|jaar|eenzaam\w*|alleen\w*|wonen|huishoud\w*|personen|gemeente\w*|"
    r"mannen|vrouwen|totaal|boek|leeftijd|aandeel|sterk|enigszins|bron|tabel|cijfers?)\b",
    re.IGNORECASE,
)
PROPER_NAMES = re.compile(r"De Jong Gierveld")  # a scale named after its authors
NAMES = ("regio", "bron", "bron_url", "tabel", "kaart")  # names, addresses, table ids


def test_an_english_build_has_no_dutch_words(built_english):
    charts, _ = built_english
    for path in sorted(charts.glob("*.json")):
        record = json.loads(path.read_text())
        for key in ("title", "subtitle", "alt"):
            text = PROPER_NAMES.sub("", record[key])
            assert not DUTCH.findall(text), f"{path.stem} {key}: {record[key]}"
        names = [c["label"] for c in record["columns"]]
        assert not DUTCH.findall(PROPER_NAMES.sub("", " ".join(names))), f"{path.stem}: {names}"
        data = _csv(charts, path.stem, dtype=str)
        codes = data.columns[data.columns.str.contains(r"_\d+$|_code$")]  # "DE" is Germany
        for column in data.columns.difference(NAMES).difference(codes):
            words = DUTCH.findall(PROPER_NAMES.sub("", " ".join(data[column].dropna())))
            assert not words, f"{path.stem}, column {column}: {sorted(set(words))}"


def _csv(charts, name, **read):
    """A chart's CSV with the column keys of its JSON (the headers are in words)."""
    columns = json.loads((charts / f"{name}.json").read_text())["columns"]
    keys = {c["label"]: c["key"] for c in columns}
    read = read or {"dtype": {c["label"]: str for c in columns if c["key"] == "periode"}}
    return pd.read_csv(charts / f"{name}.csv", encoding="utf-8-sig", **read).rename(columns=keys)


def test_chart_numbers_equal_the_snapshot(built):
    charts, _ = built
    count = _csv(charts, "01_alleenstaanden_aantal")
    assert count.query("jaar == 2017 and tabel == '71488ned'")["waarde"].item() == 2_961_228
    assert count.query("jaar == 1950")["waarde"].item() == 245_000
    assert count.query("jaar == 2025")["waarde"].item() == 3_380_900
    years = _csv(charts, "02_eenzaamheid_jaren")
    assert years.query("jaar == 2022 and niveau == 'Sterk'")["percentage"].item() == 10.7
    ages = _csv(charts, "03_sterk_eenzaam_leeftijd")
    ages = ages.query("groep == '35 tot 45 jaar'")
    ages = ages.set_index(ages["bron_soort"].map(kind_of))["percentage"]  # the file has words
    assert ages["statline_table_page"] == 14.1 and ages["book"] == 14.1  # CBS, and the book
    mapped = _csv(charts, "04_kaart_gemeenten_2015").set_index("regio_code")
    assert len(mapped) == 393 + 1  # the municipalities, and the country its subtitle names
    assert mapped.loc["GM0363", "Eenpersoonshuishoudens_86"] == 55.1  # Amsterdam, 70072ned
    assert mapped.loc["NL01", "Eenpersoonshuishoudens_86"] == 37.4
    provinces = _csv(charts, "04_provincies")
    groningen = provinces.query("regio_code == 'PV20' and periode == '2024'")
    assert groningen["aandeel"].item() == pytest.approx(  # rounded to one decimal
        100
        * groningen["Alleenstaand_4"].item()
        / groningen["TotaalPersonenInHuishoudens_1"].item(),
        abs=0.05,
    )


def test_decomposition_chart_holds_its_parts_in_persons(built):
    charts, _ = built
    parts = _csv(charts, "07_groei_ontleed").set_index("onderdeel")["aantal"]
    assert parts["Totale groei"] == 3_340_560 - 2_272_219  # 71488ned, 2024 minus 2000
    named = ["Grotere bevolking", "Andere opbouw", "Vaker alleen"]  # words, not codes
    assert parts[named].tolist() == [456_609, 143_543, 468_189]
    assert parts[named].sum() == 1_068_341  # whole persons
    choices = _csv(charts, "07_groei_keuzes")  # four populations x two groupings x three parts
    assert len(choices) == 24 and choices["onderdeel"].nunique() == 3
    assert sorted(choices["onderdeel"].unique()) == sorted(n.lower() for n in named)  # one name
    shares = choices.groupby(["populatie", "groepen"])["procent"].sum()
    assert len(shares) == 8 and shares.between(99.8, 100.2).all()  # each variant adds up
    make_up = choices[choices["onderdeel"] == "andere opbouw"].set_index(["populatie", "groepen"])
    assert make_up["procent"].min() == 13.4 and make_up["procent"].max() == 32.6
    assert make_up.loc[("15-plussers, ook in instellingen", "leeftijd × geslacht"), "aantal"] == (
        143_543  # the same variant as the chart above
    )
    bands = _csv(charts, "07_groei_naar_leeftijd")
    columns = json.loads((charts / "07_groei_naar_leeftijd.json").read_text())["columns"]
    headers = {c["key"]: c["label"].split(" (")[0] for c in columns}  # "Bijdrage: vaker alleen"
    parts_named = [headers[c].split(": ")[1] for c in ("omvang", "samenstelling", "kans")]
    assert parts_named == [n.lower() for n in named]  # as in the key
    assert bands["verandering"].sum() == 1_068_341
    by_sex = bands.groupby("geslacht_code")["verandering"].sum()
    assert by_sex.to_dict() == {3000: 610_782, 4000: 457_559}


def test_projection_and_scenario_charts_hold_the_cbs_figures(built):
    charts, _ = built
    line = _csv(charts, "08_eenpersoonshuishoudens_prognose")
    projected = line[line["soort"] == "prognose"].set_index("jaar")
    assert projected.loc[2050, "aantal"] == 3_894_698 and projected.loc[2050, "tabel"] == "85085NED"
    counted = line[line["soort"] == "telling"].set_index("jaar")
    assert projected.loc[2022, "aantal"] == 3_149_006 and counted.loc[2022, "aantal"] == 3_172_564
    assert counted.loc[1995, "tabel"] == "70133ned" and counted.loc[2025, "aantal"] == 3_380_900
    # no year without a count: 1996-1999 from 37296ned, in thousands, and said so
    assert counted.index.tolist() == list(range(1995, 2026))
    thousands = counted.loc[1996:1999]
    assert set(thousands["tabel"]) == {"37296ned"} and set(thousands["precisie"]) == {"afgerond"}
    assert thousands.loc[1999, "aantal"] == 2_255_000 and counted.loc[2000, "precisie"] == "exact"
    record = json.loads((charts / "08_eenpersoonshuishoudens_prognose.json").read_text())
    assert record["source"].count("71488ned") == 1, record["source"]  # download and page: once
    rates = _csv(charts, "08_sterk_eenzaam_huishouden_2019").set_index("groep")
    alone = rates.loc["Alleenwonend (zonder partner of kinderen)"]
    assert (alone["percentage"], alone["ondergrens"], alone["bovengrens"]) == (14, 13.5, 14.5)
    assert set(rates["precisie"]) == {"afgerond"} and set(rates["bron_soort"]) == {"CBS-longread"}
    data = _csv(charts, "08_scenario_sterk_eenzaam")
    scenario = data.dropna(subset=["eenpersoonshuishoudens"]).set_index("jaar")
    # to thousands: a rate known to a whole percent makes no figure exact to the person
    assert scenario.loc[2050, "sterk_eenzaam_midden"] == 545_000  # 14 % of 3,894,698 = 545,258
    assert scenario.loc[2050, "sterk_eenzaam_laag"] == 526_000  # 13.5 %: 525,784
    assert scenario.loc[2050, "sterk_eenzaam_hoog"] == 565_000  # 14.5 %: 564,731
    assert scenario["soort"].str.startswith("scenario").all()
    assert data["percentage"].dropna().tolist() == [14]  # the rate the scenario uses
    assert data.dropna(subset=["percentage"])["jaar"].tolist() == [2019]  # its own year
    record = json.loads((charts / "08_scenario_sterk_eenzaam.json").read_text())
    assert record["title"].startswith("Scenario") and "Geen voorspelling" in record["subtitle"]
    assert "CBS-longread" in record["source"] and "85085NED" in record["source"]


def test_rivm_charts_hold_the_national_and_municipal_estimates(built):
    charts, _ = built
    mapped = _csv(charts, "06_kaart_eenzaamheid_2020").set_index("regio_code")
    assert len(mapped) == 356  # Nederland and 355 municipalities on the 2020 boundaries
    assert not mapped["kaart"].str.contains("/raw/|\\.json|\\.topojson").any()  # words, no path
    severe = _csv(charts, "06_ernstig_eenzaam_2020").set_index("regio_code")
    assert len(severe) == 356 and severe.loc["NL01", "ErnstigZeerErnstigEenzaam_29"] == 11.2
    assert severe.loc["GM0917", "ErnstigZeerErnstigEenzaam_29"] == 16.6  # Heerlen, the highest
    for name in ("06_ernstig_eenzaam_2020", "06_grote_steden_2012_2020"):  # 70072ned picks
        record = json.loads((charts / f"{name}.json").read_text())
        assert record["source"].count("70072ned") == 1, record["source"]  # credited once
        assert "de vier grootste steden" in record["source"], record["source"]  # and why
    assert mapped.loc["NL01", "Eenzaam_28"] == 47.0
    assert mapped.loc["GM0518", "Eenzaam_28"] == 56.8 and mapped.loc["GM0184", "Eenzaam_28"] == 35.2
    assert set(mapped["bron_soort"]) == {"RIVM-tabel (modelschattingen)"}  # in words
    assert set(mapped["bron"]) == {
        "RIVM/CBS/GGD'en, Gezondheidsmonitor Volwassenen en Ouderen 2020 (modelschattingen; "
        "datum niet vastgelegd)"
    }
    record = json.loads((charts / "06_kaart_eenzaamheid_2020.json").read_text())
    assert record["source"].endswith("(modelschattingen; datum niet vastgelegd); kaart: CBS/PDOK")
    spread = _csv(charts, "06_spreiding_gemeenten_2020")
    assert spread.query("regio_code == 'NL01'")["Eenzaam_28"].item() == 47.0
    assert spread["aantal_gemeenten"].sum() == 355  # the bars: municipalities per point
    trend = _csv(charts, "06_grote_steden_2012_2020")
    national = trend.query("regio_code == 'NL01'").set_index(["leeftijd", "periode"])
    assert national.loc[("18 jaar of ouder", "2012"), "Eenzaam_28"] == 39.6
    assert national.loc[("65 jaar of ouder", "2020"), "Eenzaam_28"] == 49.5
    assert set(trend["regio_code"]) == {"NL01", "GM0363", "GM0599", "GM0518", "GM0344"}
    pairs = _csv(charts, "06_eenpersoons_en_eenzaamheid")
    households = pairs.query("tabel == '70072ned'").set_index("regio_code")
    lonely = pairs.query("tabel == 'rivm-eenzaamheid'").set_index("regio_code")
    assert len(households) == len(lonely) == 334 and "GM0014" not in households.index
    assert households.loc["GM0363", "Eenpersoonshuishoudens_86"] == 55.1  # 70072ned, 2015
    assert lonely.loc["GM0363", "Eenzaam_28"] == 47.5 and set(lonely["periode"]) == {"2016"}
    r = households["Eenpersoonshuishoudens_86"].corr(lonely["Eenzaam_28"])
    assert round(r, 2) == 0.63


def test_eurostat_charts_hold_the_dutch_and_eu_figures_with_their_flags(built):
    charts, _ = built
    ranked = _csv(charts, "09_eu_landen_2019").set_index("regio_code")
    assert len(ranked) == 28  # the 27 member states and the EU-27 average
    assert ranked.loc["NL", "aandeel"] == 38.3 and pd.isna(ranked.loc["NL", "vlag"])
    assert ranked.loc["EU27_2020", "aandeel"] == 33.9 and ranked.loc["EU27_2020", "vlag"] == "e"
    assert ranked.loc["BE", "vlag"] == "b"
    assert list(ranked.index[5:7]) == ["NL", "FR"]  # equal shares: NL first, then by name
    assert set(ranked["bron"]) == {"Eurostat (ilc_lvph03, versie van 15-11-2021), EU-SILC-enquête"}
    lines = _csv(charts, "09_nederland_eu_2011_2020").set_index(["regio_code", "periode"])
    assert lines.loc[("NL", "2020"), "aandeel"] == 38.5
    assert lines.loc[("NL", "2016"), "vlag"] == "b"
    assert ("EU27_2020", "2020") not in lines.index  # no EU figure for 2020: a gap, not a guess
    assert set(lines.loc["EU27_2020", "vlag"]) == {"e"}
    both = _csv(charts, "09_enquete_en_telling")
    assert "periode" not in both  # the year once (it stood twice: Jaar and Periode)
    cbs = both.query("tabel == '37296ned'").set_index("jaar")
    assert cbs.loc[2020, "Eenpersoonshuishoudens_63"] == 3080
    assert cbs.loc[2020, "aandeel"] == pytest.approx(100 * 3080 / 7998, abs=0.05)
    silc = both.query("tabel == 'ilc_lvph03'").set_index("jaar")
    assert silc.loc[2020, "aandeel"] == 38.5 and silc.loc[2016, "vlag"] == "b"
    counted = 100 * cbs["Eenpersoonshuishoudens_63"] / cbs["TotaalHuishoudens_62"]
    assert (silc["aandeel"] - counted).abs().max() < 0.1  # the count's share, unrounded
    record = json.loads((charts / "09_enquete_en_telling.json").read_text())
    assert record["source"] == (
        "Bron: CBS, tabel 37296ned (opgehaald 26-03-2024); Eurostat (ilc_lvph03, versie van "
        "15-11-2021), EU-SILC-enquête"
    )


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


@pytest.mark.waits
def test_a_missed_wake_up_delays_a_kernel_message_one_short_poll_not_the_cell_timeout(
    monkeypatch,
):
    """pyzmq's poll sometimes misses the wake-up for a message that arrived, and hands it over
    only when the poll times out (nbclient asks with the whole cell timeout: 120 s). Here every
    poll misses it: the message, there after 0.2 s, comes after one short poll, and the
    deadline of the caller still holds for a message that never comes."""
    import asyncio
    import time
    from queue import Empty

    from jupyter_client.channels import AsyncZMQSocketChannel

    from eenzaamheid.site.kernel import POLL, ShortPollChannel

    arrives = time.monotonic() + 0.2

    async def poll_that_misses_every_wake_up(self, timeout=None):
        if timeout is None or timeout > POLL:
            raise AssertionError(f"a poll of {timeout} s: a missed wake-up would cost that long")
        await asyncio.sleep(timeout)
        if time.monotonic() >= arrives:
            return {"msg_type": "execute_reply"}
        raise Empty

    monkeypatch.setattr(AsyncZMQSocketChannel, "get_msg", poll_that_misses_every_wake_up)
    channel = ShortPollChannel.__new__(ShortPollChannel)  # no socket: the poll is replaced
    started = time.monotonic()
    assert asyncio.run(channel.get_msg(timeout=120)) == {"msg_type": "execute_reply"}
    assert time.monotonic() - started < 2 * POLL
    arrives = float("inf")
    started = time.monotonic()
    with pytest.raises(Empty):
        asyncio.run(channel.get_msg(timeout=1.2))
    assert 1.2 <= time.monotonic() - started < 2.0  # a loaded machine answers late
    with pytest.raises(Empty):
        asyncio.run(channel.get_msg(timeout=0))  # one poll that does not wait


def test_the_main_jobs_kernels_read_their_messages_in_short_polls(tmp_path):
    from jupyter_client.manager import AsyncKernelManager
    from traitlets.utils.importstring import import_item

    from eenzaamheid.site.kernel import ShortPollChannel, ShortPollClient
    from eenzaamheid.site.run import _kernel_config

    config = _kernel_config(str(tmp_path))
    manager = import_item(config.NotebookClient.kernel_manager_class)(config=config)
    assert isinstance(manager, AsyncKernelManager)
    client = manager.client()
    assert isinstance(client, ShortPollClient)
    assert client.shell_channel_class is client.iopub_channel_class is ShortPollChannel


def test_a_forked_kernel_is_a_fresh_kernel_of_its_own_that_started_with_the_libraries(tmp_path):
    """The main job's kernels are forked from a server that imported pandas, matplotlib and
    seaborn once (site/forked.py). Each still has the environment, folder, backend and process
    group of a kernel started on its own, imports this project itself, can be interrupted,
    and is gone after shutdown."""
    import asyncio

    from traitlets.utils.importstring import import_item

    from eenzaamheid.site.run import _kernel_config

    config = _kernel_config(str(tmp_path))
    code = (
        "import os, sys, matplotlib\n"
        "from ipykernel.kernelapp import IPKernelApp\n"
        "print(os.environ['PROEF'], os.getcwd(), matplotlib.get_backend(), 'pandas' in sys.modules,"
        " 'eenzaamheid' in sys.modules, os.getpgid(0) == os.getpid(), os.getppid() != PARENT,"
        " IPKernelApp.instance().parent_handle == os.getppid(), sys.path.count(os.getcwd()))"
    ).replace("PARENT", str(os.getpid()))

    async def run() -> tuple[str, str, int]:
        manager = import_item(config.NotebookClient.kernel_manager_class)(config=config)
        await manager.start_kernel(env=os.environ | {"PROEF": "ja"}, cwd=str(tmp_path))
        pid, client = manager.provisioner.pid, manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            said = await _output(client, code)
            sleeping = client.execute("import time; time.sleep(60)")
            await asyncio.sleep(0.5)
            await manager.interrupt_kernel()
            reply = await client.get_shell_msg(timeout=20)  # not after 60 s
            while reply["parent_header"]["msg_id"] != sleeping:  # the earlier cell's reply
                reply = await client.get_shell_msg(timeout=20)
        finally:
            client.stop_channels()
            await manager.shutdown_kernel(now=True)
        return said, reply["content"].get("ename", ""), pid

    said, interrupted, pid = asyncio.run(run())
    # its parent is the server, which it watches (it stops when that stops); the working
    # folder is on sys.path once, where IPython puts it, as in a kernel started on its own
    assert said.split() == [
        "ja",
        str(tmp_path),
        INLINE_BACKEND,
        "True",
        "False",
        "True",
        "True",
        "True",
        "0",
    ]
    assert interrupted == "KeyboardInterrupt"
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, not left as a zombie
    from eenzaamheid.site.forked import Forked

    stranger = Forked.__new__(Forked)  # a process the server did not fork counts as ended
    stranger.pid, stranger.returncode = os.getpid(), None
    assert stranger.poll() == -1


INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


async def _output(client, code: str) -> str:
    """What ``code`` printed, once the kernel is idle again."""
    asked, printed = client.execute(code), ""
    while True:
        message = await client.get_iopub_msg(timeout=30)
        if message["parent_header"].get("msg_id") != asked:
            continue
        if message["msg_type"] == "stream":
            printed += message["content"]["text"]
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            return printed


def test_the_index_keeps_each_percentage_with_its_number(built):
    """The index's chart titles and subtitles: "8,7 %" never breaks between number and sign."""
    _, index = built
    captions = re.findall(r"<(?:span|small)>([^<]*)</", index.read_text("utf-8"))
    assert any("8,7\u00a0%" in c for c in captions)  # 02's title: "in 2019 was het 8,7 %"
    assert not [c for c in captions if re.search(r"\d %", c)]
