"""The web explorer in a real browser (headless Chromium), opened from disk as a reader would:
RIVM loneliness first, a table chosen, two regions typed without accents, a year range; the
chart has that many series, the keys read a value, the URL keeps the choice and a reload
restores it, the title is the one the notebook explorer writes, nothing is requested from
outside the file system, and axe finds no violation."""

import re
import shutil

import pytest

from eenzaamheid import charts as ch
from eenzaamheid import configure, explore


@pytest.fixture(scope="module")
def browser(chromium):
    """The session's Chromium (tests/conftest.py), reporting its requests in this module."""
    chromium.send("Network.enable")
    yield chromium
    chromium.send("Network.disable")


def _open(browser, url: str) -> list[str]:
    browser.open("about:blank")
    errors = browser.open(url)
    browser.evaluate("window.verkenner.ready.then(() => window.verkenner.settled())")
    return errors


def _settle(browser) -> None:
    browser.evaluate("new Promise(r => setTimeout(r, 50)).then(() => window.verkenner.settled())")


def _type(browser, text: str) -> None:
    browser.evaluate("document.getElementById('v-region').focus()")
    for char in text:
        browser.press(char)
    browser.press("Enter")
    _settle(browser)


def _choose(browser, element: str, value: str) -> None:
    browser.evaluate(
        f"(() => {{ const e = document.getElementById({element!r}); e.value = {value!r};"
        " e.dispatchEvent(new Event('change')); })()"
    )
    _settle(browser)


def _text(browser, element: str) -> str:
    return browser.evaluate(f"document.getElementById({element!r}).textContent")


def _requests(browser) -> list[str]:
    return [
        message["params"]["request"]["url"]
        for message in browser.events
        if message.get("method") == "Network.requestWillBeSent"
    ]


def test_loneliness_opens_the_explorer_with_its_caveat(browser, site):
    page = site.build / "verkenner.html"
    assert not _open(browser, page.as_uri())
    assert _text(browser, "v-title").startswith(
        "Eenzaam (score 3 of hoger op de De Jong Gierveld-schaal) in Nederland: van "
    )
    assert "Modelschattingen" in _text(browser, "v-caveat")
    assert browser.evaluate("document.getElementById('v-chart').dataset.series") == "1"
    size = sum(
        (site.build / name).stat().st_size
        for name in ("verkenner.html", "assets/verkenner.js", "assets/verkenner.css")
    )
    size += sum(p.stat().st_size for p in (site.build / "assets").glob("vega-*.js"))
    size += (site.build / "assets" / "verkenner" / "rivm-eenzaamheid.js").stat().st_size
    assert size <= 2_000_000, f"the default view loads {size} bytes"
    english = site.build / "en" / "explorer.html"
    assert not _open(browser, english.as_uri())
    assert _text(browser, "v-title").startswith("Lonely (score 3 or more")
    assert "Model estimates" in _text(browser, "v-caveat")


def test_a_reader_chooses_a_table_regions_and_years(browser, site):
    browser.size(1280, 900)
    assert not _open(browser, (site.build / "verkenner.html").as_uri())
    _choose(browser, "v-table", "70072ned")
    browser.evaluate("document.querySelector('#v-chosen button').click()")  # Nederland away
    _type(browser, "frysland")
    _type(browser, "den haag")
    assert browser.evaluate(
        "[...document.querySelectorAll('#v-chosen button')].map(b => b.textContent)"
    ) == ["Fryslân ×", "'s-Gravenhage (gemeente) ×"]
    _type(browser, "Atlantis")
    assert "Geen regio heet 'Atlantis'." in _text(browser, "v-region-message")  # a sentence
    _choose(browser, "v-from", "2010")
    _choose(browser, "v-to", "2019")
    series = {p["series"] for p in browser.evaluate("window.verkenner.points()")}
    assert series == {"Fryslân", "'s-Gravenhage (gemeente)"}
    assert browser.evaluate("document.querySelectorAll('#v-chart .mark-line path').length") == 2
    choice = explore.Choice(
        "70072ned",
        ("Fryslân", "'s-Gravenhage (gemeente)"),
        (),
        "Eenpersoonshuishoudens_86",
        None,
        (2010, 2019),
    )
    configure()
    frame = explore.load_table("70072ned")
    offer = explore.options(frame)
    expected = explore.title(explore.select(frame, choice, offer), choice, offer)
    # one rule, both explorers; on the page "%" keeps to its number (a no-break space)
    expected = expected.replace(" %", "\u00a0%")
    assert _text(browser, "v-title") == expected
    assert ", 2015: het hoogst in " in expected  # the one year both have
    assert expected.endswith("; het enige jaar dat elke reeks heeft")

    browser.evaluate("document.getElementById('v-chart').focus()")
    browser.press("ArrowRight")
    assert re.fullmatch("Fryslân, 2010: \\d+,\\d\u00a0%", _text(browser, "v-readout"))  # no-break

    url = browser.evaluate("location.href")
    assert "#tabel=70072ned&regio=PV21,GM0518" in url and "jaren=2010-2019" in url
    csv = browser.evaluate("window.verkenner.csv()")
    assert csv.startswith("\ufeffRegio,Jaar,") and csv.count("\r\n") == 1 + len(
        browser.evaluate("window.verkenner.points()")
    )
    dutch_excel = browser.evaluate("window.verkenner.csv(true)")  # the same, as Excel-nl reads
    assert dutch_excel.startswith("\ufeffRegio;Jaar;") and dutch_excel.count("\r\n") == csv.count(
        "\r\n"
    )
    assert re.search(r";\d+,\d+;", dutch_excel) and not re.search(r";\d+\.\d+;", dutch_excel)

    assert not _open(browser, url)  # a shared link, opened anew
    assert _text(browser, "v-title") == expected
    assert "per=&" in url and _text(browser, "v-region-message") == ""  # no "as % of": no fault
    assert browser.evaluate("document.getElementById('v-to').value") == "2019"
    assert browser.evaluate("document.getElementById('v-chart').dataset.series") == "2"

    outside = [u for u in _requests(browser) if not u.startswith(("file:", "data:", "blob:"))]
    assert outside == []
    assert browser.axe() == []
    browser.size(400, 800)
    _settle(browser)
    assert browser.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    assert browser.axe() == []


def test_several_ages_are_separate_series_of_loneliness(browser, site):
    browser.size(1280, 900)
    assert not _open(browser, (site.build / "verkenner.html").as_uri())
    browser.evaluate("document.querySelector('#v-dimensions input:not(:checked)').click()")
    _settle(browser)
    series = [p["series"] for p in browser.evaluate("window.verkenner.points()")]
    assert list(dict.fromkeys(series)) == ["18 jaar of ouder", "65 jaar of ouder"]
    assert "leeftijd=20300,80200" in browser.evaluate("location.hash")


def test_eurostat_flags_are_shown_beside_their_value_and_said_in_words(browser, site):
    browser.size(400, 800)
    for page, note, page_lang in (
        ("verkenner.html", "b = breuk in de reeks", "nl"),
        ("en/explorer.html", "b = break in series", "en"),
    ):
        url = (site.build / page).as_uri() + "#tabel=eurostat-ilc_lvph03&regio=NL&jaren=2011-2020"
        assert not _open(browser, url)
        browser.evaluate("document.getElementById('v-tab-rows').click()")
        rows = browser.evaluate(
            "[...document.querySelectorAll('#v-rows tr')].map(r =>"
            " [...r.children].map(c => c.textContent))"
        )
        frame = explore.load_table("eurostat-ilc_lvph03")
        real = frame[frame["geo_code"] == "NL"].set_index("periode")["vlag"].dropna()
        assert rows[0][-1] in ("Vlag", "Flag")
        assert {r[1]: r[-1] for r in rows[1:] if r[-1]} == real.to_dict()
        assert note in _text(browser, "v-flags")
        first = "document.querySelector('#v-table option')"
        assert browser.evaluate(f"{first}.closest('[lang]').lang") == page_lang  # translated
        assert browser.evaluate(f"{first}.textContent").startswith(
            {"nl": "Gezondheid per wijk", "en": "Health by district"}[page_lang]
        )
        assert browser.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
        assert browser.axe() == []


def test_a_gap_stays_a_gap_and_regions_are_found_as_readers_type_them(browser, site):
    """A figure the table lacks is no point, also as a share ("als % van": not 0 %); a line
    breaks at a year without a figure; "as % of" offers only counts in the measure's unit; in
    English "den haag" finds The Hague and Eurostat's two codes for Greece stay apart."""
    young = "#tabel=71488ned&regio=NL01&geslacht=T001038&leeftijd=70100,70200"
    shares = young + "&maat=Alleenstaand_4&per=TotaalPersonenInHuishoudens_1&jaren=2000-2024"
    assert not _open(browser, (site.build / "verkenner.html").as_uri() + shares)
    assert browser.evaluate("document.getElementById('v-per').value") != ""  # a share, asked
    assert browser.evaluate("window.verkenner.points()") == []  # CBS gives no figure under 15
    assert _text(browser, "v-title") == "Geen cijfers voor deze keuze"
    percent = "#tabel=70072ned&regio=NL01&maat=Eenpersoonshuishoudens_86"
    assert not _open(browser, (site.build / "verkenner.html").as_uri() + percent)
    offered = "[...document.getElementById('v-per').options].map(o => o.value)"
    assert browser.evaluate(offered) == [""]  # a percentage is no count to divide
    assert _text(browser, "v-title").endswith("in Nederland, 2015: 37,4\u00a0%")  # one point
    turkey = "#tabel=eurostat-ilc_lvph03&regio=TR&jaren=2011-2020"
    english = site.build / "en" / "explorer.html"
    assert not _open(browser, english.as_uri() + turkey)
    years = [p["year"] for p in browser.evaluate("window.verkenner.points()")]
    assert 2012 in years and 2014 in years and 2013 not in years
    assert browser.evaluate("document.querySelectorAll('#v-chart .mark-line path').length") == 2
    for typed in ("the hague", "den haag"):
        browser.evaluate("location.hash = '#tabel=70072ned&regio=NL01'")
        _settle(browser)
        _type(browser, typed)
        chosen = "[...document.querySelectorAll('#v-chosen button')].map(b => b.textContent)"
        assert browser.evaluate(chosen) == ["The Netherlands ×", "The Hague (municipality) ×"]
    many = "AT,BE,BG,CY,CZ,DE,DK,EE"  # one more than there are colours
    browser.evaluate(f"location.hash = '#tabel=eurostat-ilc_lvph03&regio={many}'")
    _settle(browser)
    assert _text(browser, "v-title").startswith("Choose at most 7 series")
    assert browser.evaluate("window.verkenner.points()") == []
    browser.evaluate("location.hash = '#tabel=eurostat-ilc_lvph03&regio=EL,GR'")
    _settle(browser)
    greece = {"Greece", "Greece (code GR)"}
    assert {p["series"] for p in browser.evaluate("window.verkenner.points()")} == greece
    browser.evaluate("document.querySelector('a.skip').click()")  # #main: no choice, kept
    _settle(browser)
    assert {p["series"] for p in browser.evaluate("window.verkenner.points()")} == greece


def test_long_series_names_go_in_a_key_above_the_plot_not_beside_it(browser, site):
    """Names at the lines' ends would squeeze the plot (a long name, a phone): then a key
    above it names the lines, and the chart stays as wide as its box."""
    page = (site.build / "en" / "explorer.html").as_uri() + "#tabel=eurostat-ilc_lvph03"
    fits = (
        "[document.querySelector('#v-chart svg').getBoundingClientRect().width"
        " <= document.getElementById('v-chart').clientWidth + 1,"
        " document.querySelectorAll('#v-chart .role-legend').length]"
    )
    for width, regions, key in (
        (1280, "NL,DE", 0),
        (1280, "NL,EU27_2020,DE", 1),
        (400, "NL,DE", 1),
    ):
        browser.size(width, 900)
        assert not _open(browser, f"{page}&regio={regions}&jaren=2011-2020")
        assert browser.evaluate(fits) == [True, key], (width, regions)


def test_the_chart_and_table_tabs_follow_the_arrow_keys(browser, site):
    """The explorer's two tabs work as on the story pages: arrow keys, Home and End move the
    choice and the focus, and only the chosen tab is in the Tab order."""
    browser.size(1280, 900)
    assert not _open(browser, (site.build / "verkenner.html").as_uri())
    state = (
        "[document.activeElement.id, document.getElementById('v-rows-view').hidden,"
        " document.getElementById('v-tab-chart').tabIndex]"
    )
    browser.evaluate("document.getElementById('v-tab-chart').focus()")
    browser.press("ArrowRight")
    assert browser.evaluate(state) == ["v-tab-rows", False, -1]
    browser.press("Home")
    _settle(browser)
    assert browser.evaluate(state) == ["v-tab-chart", True, 0]


def _chosen(browser) -> list[str]:
    return browser.evaluate(
        "[...document.querySelectorAll('#v-chosen button')].map(b => b.textContent)"
    )


def test_the_title_names_the_one_region_when_the_series_are_ages(browser, site):
    """Every fixed choice is said: a line per age group in Amsterdam names Amsterdam, and the
    highest group is "bij 65 jaar of ouder", not "in"; series that share no year say so; the
    same title as the notebook's, in both languages, and the chart's name follows it."""
    browser.size(1280, 900)
    ages = (
        "#tabel=rivm-eenzaamheid&regio=GM0363&leeftijd=20300,80200&maat=Eenzaam_28&jaren=2012-2020"
    )
    choice = explore.Choice(
        "rivm-eenzaamheid",
        ("Amsterdam",),
        (("leeftijd", ("18 jaar of ouder", "65 jaar of ouder")),),
        "Eenzaam_28",
        None,
        (2012, 2020),
    )
    panels = "#tabel=71488ned&regio=PV20,PV21&geslacht=3000,4000&leeftijd=10000&jaren=2020-2024"
    by_sex = explore.Choice(
        "71488ned",
        ("Groningen", "Fryslân"),
        (("geslacht", ("Mannen", "Vrouwen")), ("leeftijd", ("Totaal",))),
        "Alleenstaand_4",
        "TotaalPersonenInHuishoudens_1",
        (2020, 2024),
    )
    apart = "#tabel=eurostat-ilc_lvph03&regio=GR,XK&jaren=2011-2020"  # 2019 only, 2018 only
    no_year_shared = explore.Choice(
        "eurostat-ilc_lvph03",
        ("Griekenland (code GR)", "Kosovo"),
        (),
        "aandeel",
        None,
        (2011, 2020),
    )
    tied = "#tabel=eurostat-ilc_lvph03&regio=EL,GR&jaren=2011-2020"  # both 25.7 % in 2019
    both = no_year_shared._replace(regions=("Griekenland", "Griekenland (code GR)"))
    apart_years = "#tabel=eurostat-ilc_lvph03&regio=EL,SK&jaren=2011-2020"  # 2013-2020, 2014
    greece_slovakia = no_year_shared._replace(regions=("Griekenland", "Slowakije"))
    every_year = "#tabel=eurostat-ilc_lvph03&regio=CY,MK&jaren=2011-2019"  # Cyprus at 20.8 %
    cyprus = no_year_shared._replace(regions=("Cyprus", "Noord-Macedonië"), years=(2011, 2019))
    one_group = "#tabel=71488ned&regio=NL01&geslacht=3000,4000&leeftijd=71400,71500"
    sex_by_age = by_sex._replace(
        regions=("Nederland",),
        filters=(
            ("geslacht", ("Mannen", "Vrouwen")),
            ("leeftijd", ("65 tot 70 jaar", "70 tot 75 jaar")),
        ),
        years=(2000, 2025),
    )
    for page, lang, link, chosen, words in (
        ("en/explorer.html", "en", one_group, sex_by_age, ("among women aged 70 to 74 (",)),
        ("verkenner.html", "nl", one_group, sex_by_age, ("bij vrouwen van 70 tot 75 jaar (",)),
        ("en/explorer.html", "en", tied, both, ("highest in Greece and in Greece (code GR)",)),
        ("verkenner.html", "nl", apart_years, greece_slovakia, ("in Slowakije in 2014 (25,7",)),
        ("en/explorer.html", "en", every_year, cyprus, ("in Cyprus (20.8% in 2011–2019)",)),
        (
            "verkenner.html",
            "nl",
            apart,
            no_year_shared,
            ("; de reeksen beslaan verschillende jaren",),
        ),
        ("en/explorer.html", "en", apart, no_year_shared, ("; the series cover different years",)),
        ("verkenner.html", "nl", ages, choice, ("in Amsterdam, 2012–2020", "hoogst bij 65 jaar")),
        ("en/explorer.html", "en", ages, choice, ("in Amsterdam, 2012–2020", "people aged 65")),
        ("verkenner.html", "nl", panels, by_sex, ("het hoogst in Groningen, bij mannen",)),
        ("en/explorer.html", "en", panels, by_sex, ("highest in Groningen, among men",)),
    ):
        assert not _open(browser, (site.build / page).as_uri() + link)
        configure(lang=lang)
        frame = explore.load_table(chosen.table)
        offer = explore.options(frame)
        expected = explore.title(explore.select(frame, chosen, offer), chosen, offer)
        assert all(w in expected for w in words), expected
        assert _text(browser, "v-title") == re.sub(r"(\d) %", "\\1\u00a0%", expected)
        name = browser.evaluate("document.getElementById('v-chart').getAttribute('aria-label')")
        assert name.startswith(_text(browser, "v-title"))


def test_a_broken_or_odd_link_shows_what_it_can(browser, site):
    """A link with broken %-encoding, unknown codes or codes twice: what can be read is
    shown, what cannot is ignored or named, never an empty page."""
    page = (site.build / "verkenner.html").as_uri()
    for broken in ("#tabel=rivm-eenzaamheid&regio=%", "#tabel=70072ned&regio=PV21,%E0%A4%A"):
        assert not _open(browser, page + broken), broken
        assert browser.evaluate("document.getElementById('v-chart').dataset.series") == "1"
        assert _text(browser, "v-title").startswith("E")
    assert _chosen(browser) == ["Fryslân ×"]
    assert not _open(
        browser, page + "#tabel=rivm-eenzaamheid&regio=XX99,NL01,NL01,QQ1&leeftijd=20300,20300"
    )
    assert _chosen(browser) == ["Nederland ×"]
    message = _text(browser, "v-region-message")
    assert "XX99" in message and "QQ1" in message and message[0].isupper()
    assert "leeftijd=20300&" in browser.evaluate("location.hash")
    assert not _open(browser, page + "#tabel=71488ned&maat=nope&jaren=1800-1900")
    message = _text(browser, "v-region-message")  # a measure or years it lacks: said, too
    assert "nope" in message and "1800-1900" in message
    assert not _open(browser, page + "#tabel=71488ned&jaren=2000-2010")
    assert _text(browser, "v-region-message") == ""  # what it has: nothing to say
    assert not _open(browser, page + "#tabel=nope&regio=NL01")  # a table it does not offer
    assert _text(browser, "v-region-message") == "Tabel 'nope' staat niet in de verkenner"
    assert _text(browser, "v-title").startswith("Eenzaam")  # the first table, said to be so


def test_the_last_table_chosen_is_the_one_shown(browser, site):
    """Two tables chosen quickly: the figures of the first, arriving last, are not shown."""
    assert not _open(browser, (site.build / "verkenner.html").as_uri())
    browser.evaluate(
        "(() => { const e = document.getElementById('v-table');"
        " e.value = '71488ned'; e.dispatchEvent(new Event('change'));"
        " e.value = 'rivm-eenzaamheid'; e.dispatchEvent(new Event('change')); })()"
    )
    browser.evaluate(
        "new Promise(r => { const t = setInterval(() => { if ((window.VERKENNER_DATA || {})"
        "['71488ned']) { clearInterval(t); setTimeout(r, 300); } }, 20); })"
    )
    _settle(browser)
    assert browser.evaluate("document.getElementById('v-table').value") == "rivm-eenzaamheid"
    assert "tabel=rivm-eenzaamheid" in browser.evaluate("location.hash")
    assert _text(browser, "v-title").startswith("Eenzaam")


def test_as_a_percentage_only_of_a_whole(browser, site):
    """ "Als % van" offers a measure only where it can be the whole: never a total as % of
    its part, nor a group as % of another."""
    page = (site.build / "verkenner.html").as_uri() + "#tabel=71488ned&regio=NL01"
    offered = "[...document.getElementById('v-per').options].map(o => o.value)"
    assert not _open(browser, page + "&maat=Alleenstaand_4")
    assert browser.evaluate(offered) == ["", "TotaalPersonenInHuishoudens_1"]
    assert not _open(browser, page + "&maat=TotaalPersonenInHuishoudens_1")
    assert browser.evaluate(offered) == [""]


def test_an_empty_chart_is_no_image_and_offers_no_download(browser, site):
    """Nothing drawn: the chart is no image with an old name, the downloads are off, and
    every message starts with a capital; drawn again, all comes back."""
    state = (
        "(() => { const c = document.getElementById('v-chart'); return [c.getAttribute('role'),"
        " c.getAttribute('aria-label'), document.getElementById('v-csv').disabled]; })()"
    )
    page = (site.build / "verkenner.html").as_uri()
    assert not _open(browser, page + "#tabel=71488ned&regio=")
    assert browser.evaluate(state) == [None, None, True]
    assert browser.axe() == []
    assert not _open(browser, page + "#tabel=71488ned&regio=NL01")
    role, _, off = browser.evaluate(state)
    assert role and not off  # an image again (Vega names it a graphics document)
    browser.evaluate("document.querySelector('#v-chosen button').click()")
    _settle(browser)
    assert browser.evaluate(state) == [None, None, True]
    assert _text(browser, "v-title") == "Kies een of meer regio's"
    many = "#tabel=71488ned&regio=NL01,PV20&geslacht=T001038,3000&leeftijd=10000,70100"
    assert not _open(browser, page + many)
    assert _text(browser, "v-title").startswith("Kies bij ten hoogste")
    assert not _open(browser, page + "#tabel=70072ned&regio=GM0363&jaren=1995-2010")
    assert (
        _text(browser, "v-subtitle") == "Geen cijfers voor Amsterdam (wel voor 2015) in 1995–2010"
    )


def test_a_region_without_figures_says_its_years_as_the_notebook_does(browser, site):
    """The same sentence on the web page as in notebook 10: the years a region has figures for
    (runs of three or more as a span: Türkiye has no 2013), also with nothing drawn."""
    europe = explore.load_table("eurostat-ilc_lvph03")
    offer = explore.options(europe)
    browser.size(1280, 900)
    for regions, codes in ((("Turkije", "Nederland"), "TR,NL"), (("Turkije",), "TR")):
        choice = explore.default(offer)._replace(regions=regions, years=(2013, 2013))
        try:
            said = explore.draw(europe, choice, offer).subtitle.split(". ")[-1]
        except explore.ExploreError as error:  # nothing drawn
            said = str(error)
        assert said == "Geen cijfers voor Turkije (wel voor 2011, 2012 en 2014–2019) in 2013"
        page = f"#tabel=eurostat-ilc_lvph03&regio={codes}&jaren=2013-2013"
        assert not _open(browser, (site.build / "verkenner.html").as_uri() + page)
        assert _text(browser, "v-subtitle").endswith(said)


def test_the_language_link_keeps_the_choice(browser, site):
    choice = "#tabel=70072ned&regio=PV21"
    assert not _open(browser, (site.build / "verkenner.html").as_uri() + choice)
    link = browser.evaluate("document.querySelector('a[hreflang=en]').href")
    assert link.endswith("en/explorer.html" + browser.evaluate("location.hash"))
    assert "regio=PV21" in link


def test_enter_takes_aliases_other_names_and_says_a_name_is_ambiguous(browser, site):
    page = (site.build / "verkenner.html").as_uri() + "#tabel=70072ned&regio=NL01"
    assert not _open(browser, page)
    _type(browser, "friesland")
    assert _chosen(browser)[-1] == "Fryslân ×"
    _type(browser, "Bergen")
    message = _text(browser, "v-region-message")
    assert (
        "Bergen (L.)" in message and "Bergen (NH.)" in message and "geen regio heet" not in message
    )
    browser.evaluate("document.getElementById('v-region').value = ''")
    for char in "gron":
        browser.press(char)
    browser.press("ArrowDown")
    browser.press("Escape")
    region = "document.getElementById('v-region')"
    assert browser.evaluate(f"{region}.getAttribute('aria-expanded')") == "false"
    assert browser.evaluate(f"{region}.getAttribute('aria-activedescendant')") is None
    browser.press("Enter")
    _settle(browser)
    assert len(_chosen(browser)) == 2  # the hidden option is not added
    english = (site.build / "en" / "explorer.html").as_uri() + "#tabel=eurostat-ilc_lvph03&regio=NL"
    assert not _open(browser, english)
    _type(browser, "griekenland")
    assert _chosen(browser)[-1] == "Greece ×"
    _type(browser, "greece")  # chosen: said so, not "Greece (code GR)", the one name left
    assert _chosen(browser) == ["The Netherlands ×", "Greece ×"]
    assert _text(browser, "v-region-message") == "Already chosen: Greece"
    browser.evaluate("document.getElementById('v-region').value = ''")
    _type(browser, "GR")  # the code the page shows: "Greece (code GR)"
    assert _chosen(browser)[-1] == "Greece (code GR) ×"
    browser.evaluate("document.getElementById('v-region').value = ''")
    _type(browser, "euro")  # names with commas in them, told apart
    message = _text(browser, "v-region-message")
    assert message.startswith("No region is called 'euro'. Did you mean: ")
    assert "European Union, 27 countries (2007-2013); European Union" in message
    browser.evaluate("document.getElementById('v-region').value = ''")
    _type(browser, "Turkey")  # the name in common use; the page shows CLDR's
    assert _chosen(browser)[-1] == "Türkiye ×"
    dutch = (site.build / "verkenner.html").as_uri() + "#tabel=eurostat-ilc_lvph03&regio=NL"
    assert not _open(browser, dutch)
    _type(browser, "Germany")  # the English name on the Dutch page, as in Python
    assert _chosen(browser)[-1] == "Duitsland ×"
    assert not _open(browser, page.replace("regio=NL01", "regio=GM0893"))  # Bergen (L.)
    _type(browser, "Bergen")  # the one Bergen not yet chosen
    assert _chosen(browser)[-1] == "Bergen (NH.) ×"
    _type(browser, "utrecht")  # the province or the city: the reader says which
    message = _text(browser, "v-region-message")
    assert "Utrecht (provincie), Utrecht (gemeente)" in message
    assert _chosen(browser)[-1] == "Bergen (NH.) ×"


def test_eurostat_greece_is_explained_and_a_break_breaks_the_line(browser, site):
    page = (site.build / "en" / "explorer.html").as_uri()
    assert not _open(browser, page + "#tabel=eurostat-ilc_lvph03&regio=EL,GR")
    assert "Eurostat lists Greece under two codes: EL and GR" in _text(browser, "v-notes")
    assert not _open(browser, page + "#tabel=eurostat-ilc_lvph03&regio=NL&jaren=2011-2020")
    assert browser.evaluate("document.querySelectorAll('#v-chart .mark-line path').length") == 2
    assert "break in series (flag b) in 2016" in _text(browser, "v-notes")
    assert not _open(browser, page + "#tabel=eurostat-ilc_lvph03&regio=NL&jaren=2016-2020")
    assert browser.evaluate("document.querySelectorAll('#v-chart .mark-line path').length") == 1
    assert "break" not in _text(browser, "v-notes")  # on its first year nothing is cut


def test_what_has_no_figures_is_said_as_in_a_sentence_and_only_what_lacks_them(browser, site):
    """As the notebook: "no figures for women in 2025" (2025 has only the national total);
    when nothing at all is drawn, the regions say which years they have, and the sexes and
    ages chosen are not blamed for it."""
    page = (site.build / "en" / "explorer.html").as_uri()
    women = "#tabel=71488ned&regio=NL01&geslacht=T001038,4000&leeftijd=10000&jaren=2025-2025"
    assert not _open(browser, page + women)
    assert _text(browser, "v-subtitle").endswith(". No figures for women in 2025")
    only_women = women.replace("T001038,4000", "4000")
    assert not _open(browser, page + only_women)
    assert _text(browser, "v-title") == "No figures for this choice"
    assert _text(browser, "v-subtitle") == (
        "No figures for the Netherlands (only for 2000–2024) in 2025"
    )


def test_bars_name_each_series_whole_and_standing_alone_on_a_phone(browser, site):
    """One year gives bars: at 400 px a long name goes on two lines at its comma instead of
    being cut off ("European Union, 27 countri…"), and a name stands alone with a capital."""
    browser.size(400, 800)
    page = (site.build / "en" / "explorer.html").as_uri()
    bars = "#tabel=eurostat-ilc_lvph03&regio=NL,DE,EU27_2020,EU27_2007&jaren=2015-2015"
    assert not _open(browser, page + bars)
    texts = browser.evaluate(
        "[...document.querySelectorAll('#v-chart text')].map(t => t.textContent)"
    )
    assert not [t for t in texts if "…" in t]
    lines = browser.evaluate(
        "[...document.querySelectorAll('#v-chart text tspan')].map(t => t.textContent)"
    )
    assert "The Netherlands" in texts and {"European Union", "27 countries (from 2020)"} <= set(
        lines
    )
    browser.size(1280, 900)


def test_the_source_line_names_the_sources_of_what_is_drawn(browser, site):
    """As the notebook's chart: social loneliness has no 2012 figure, so its line names the
    monitors of 2016 and 2020; without 2025 the line does not say 2025 was transcribed; a
    row of the CSV names its own source."""
    page = (site.build / "en" / "explorer.html").as_uri()
    social = "#tabel=rivm-eenzaamheid&regio=NL01&leeftijd=20300&maat=SociaalEenzaam_31"
    assert not _open(browser, page + social)
    configure(lang="en")
    frame = explore.load_table("rivm-eenzaamheid")
    offer = explore.options(frame)
    choice = explore.default(offer)._replace(measure="SociaalEenzaam_31", years=(2012, 2020))
    expected = ch.source_line(explore.select(frame, choice, offer))
    assert "Elderly 2016 and 2020 (model" in expected and _text(browser, "v-source") == expected
    persons = "#tabel=71488ned&regio=NL01&jaren=2000-2024"
    assert not _open(browser, page + persons)
    assert _text(browser, "v-source") == "Source: CBS, table 71488ned (retrieved 5 Jun 2025)"
    assert not _open(browser, page + persons.replace("2000-2024", "2020-2025"))
    assert "2025 transcribed from cbs.nl" in _text(browser, "v-source")
    rows = browser.evaluate("window.verkenner.csv()").splitlines()
    assert rows[-1].endswith(',"CBS, table 71488ned (transcribed from cbs.nl, date not recorded)"')
    assert rows[-2].endswith(',"CBS, table 71488ned (retrieved 5 Jun 2025)"')


def test_the_table_names_the_unit_and_the_file_the_choice(browser, site):
    page = (site.build / "verkenner.html").as_uri() + "#tabel=70072ned&regio=PV21&jaren=2010-2012"
    assert not _open(browser, page)
    browser.evaluate("document.getElementById('v-tab-rows').click()")
    head = browser.evaluate(
        "[...document.querySelectorAll('#v-rows th')].map(th => th.textContent)"
    )
    assert head[-1] == "Eenpersoonshuishoudens (% van huishoudens)"  # its unit, said once
    assert browser.evaluate("window.verkenner.file()") == (
        "verkenner_70072ned_pv21_eenpersoonshuishoudens_86_2010-2012"
    )
    sexes = "#tabel=71488ned&regio=PV20&geslacht=3000,4000&leeftijd=10000&jaren=2023-2024"
    assert not _open(browser, page.split("#")[0] + sexes)
    head = browser.evaluate(
        "[...document.querySelectorAll('#v-rows th')].map(th => th.textContent)"
    )  # on a phone every column counts: one age chosen (the total) is no column on screen
    assert head[:3] == ["Regio", "Geslacht", "Jaar"]
    assert browser.evaluate("window.verkenner.csv()").startswith("\ufeffRegio,Geslacht,Leeftijd,")
    english = (site.build / "en" / "explorer.html").as_uri() + "#tabel=70072ned&regio=NL01,PV21"
    assert not _open(browser, english)
    browser.evaluate("document.getElementById('v-tab-rows').click()")
    cells = browser.evaluate(
        "[...document.querySelectorAll('#v-rows td')].map(td => td.textContent)"
    )
    csv = browser.evaluate("window.verkenner.csv()")  # a name on its own, as on the chart
    assert "The Netherlands" in cells and "\r\nThe Netherlands," in csv and "the Neth" not in csv


def test_a_table_that_does_not_arrive_is_said_and_never_shown_under_another_name(
    browser, site, tmp_path
):
    """Figures that do not arrive (a lost connection). The first table: its title says so,
    nothing can be downloaded, no error is left unhandled, and choosing it again asks again.
    A table chosen while another is shown: nothing can be downloaded while it loads; then the
    picker goes back to the table shown, whose chart, source and downloads stay together, and
    a message names what failed. No download holds one table's figures under another's name."""
    shutil.copytree(site.build / "assets", tmp_path / "assets")
    shutil.copy(site.build / "verkenner.html", tmp_path / "verkenner.html")
    first = tmp_path / "assets" / "verkenner" / "rivm-eenzaamheid.js"
    kept = first.read_bytes()
    first.unlink()
    errors = _open(browser, (tmp_path / "verkenner.html").as_uri())
    assert not [e for e in errors if "Uncaught" in e or "cycle" in e], errors
    assert "niet geladen" in _text(browser, "v-title")
    assert browser.evaluate("document.getElementById('v-csv').disabled")
    first.write_bytes(kept)  # the connection is back
    _choose(browser, "v-table", "rivm-eenzaamheid")
    assert (
        _text(browser, "v-title").startswith("Eenzaam") and _text(browser, "v-table-message") == ""
    )
    title, source = _text(browser, "v-title"), _text(browser, "v-source")
    (tmp_path / "assets" / "verkenner" / "70072ned.js").unlink()  # gone again
    loading = browser.evaluate(
        "(() => { const e = document.getElementById('v-table'); e.value = '70072ned';"
        " e.dispatchEvent(new Event('change'));"
        " return [document.getElementById('v-csv').disabled, e.value]; })()"
    )
    assert loading == [True, "70072ned"]  # asked for, and no download meanwhile
    _settle(browser)
    assert browser.evaluate("document.getElementById('v-table').value") == "rivm-eenzaamheid"
    assert (_text(browser, "v-title"), _text(browser, "v-source")) == (title, source)
    assert not browser.evaluate("document.getElementById('v-csv').disabled")
    assert "tabel=rivm-eenzaamheid" in browser.evaluate("location.hash")
    message = _text(browser, "v-table-message")
    assert "Regionale kerncijfers" in message and "niet geladen" in message
    _choose(browser, "v-table", "71488ned")  # another table still loads, and the message goes
    assert browser.evaluate("document.getElementById('v-table').value") == "71488ned"
    assert _text(browser, "v-table-message") == ""
