"""Every built page as a reader gets it, in real Chromium: no axe-core violation, no TeX source
or Python printout in the text, the one-column image on a phone with axis text of at least
9 CSS px, a source a reader can follow for every chart, tabs that follow the keys, and labels
from data that stay text."""

import json
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest
import yaml

from eenzaamheid.charts.sources import kind_of
from eenzaamheid.charts.theme import THEMES
from eenzaamheid.claims import CLAIMS_FILE
from eenzaamheid.site import chartdata
from eenzaamheid.site.chartblock import MIN_TEXT_PX, min_width
from eenzaamheid.site.layout import page
from eenzaamheid.site.slides import write_decks
from eenzaamheid.site.story import Story, render

from .browser import Browser
from .test_i18n import dutch
from .test_site import INJECTED, _chart

TEX = re.compile(r"\$[^$\s][^$]*\$|\\(?:cdot|sum|frac|text|sqrt|times)\b")
PRINTOUT = re.compile(r"\{'|\['|dtype:|<class '|opgeslagen in|saved in")
NOTEBOOK_NUMBER = re.compile(r"\b[Nn]otebooks? \d")  # on the site a notebook is a story
READER_TEXT = (  # the page's text without the folded code
    "(() => { const m = document.querySelector('main').cloneNode(true);"
    " m.querySelectorAll('details.code').forEach(d => d.remove()); return m.innerText; })()"
)


@pytest.fixture
def browser(chromium):
    """The session's Chromium (tests/conftest.py)."""
    return chromium


def _open(browser: Browser, path: Path) -> None:
    assert not browser.open(path.as_uri()), path.name
    browser.socket.settimeout(300)  # axe on a long page under load


def _pages(build: Path) -> list[Path]:
    return sorted(build.glob("*.html")) + sorted((build / "en").glob("*.html"))


LINKS = (  # each chart's source links online, and the page's closing list of sources
    "[[...document.querySelectorAll('figure.chart')].map(f => [f.id,"
    " [...f.querySelectorAll('figcaption a[href^=http]')].map(a => a.href)]),"
    " [...document.querySelectorAll('section.sources a')].map(a => a.href)]"
)
PASSAGES = (  # the text of each passage, and the language it says it is in
    "[...document.querySelectorAll('main p, main li, main td, main th, main figcaption')]"
    ".map(e => [e.textContent, e.closest('[lang]').lang])"
)


def _story_problems(browser: Browser, path: Path) -> list[str]:
    """What a reader of a story at desktop width would trip over: TeX, a Python printout or a
    notebook's number in the text, a chart without a source link online (or one the closing
    list lacks), Dutch on an English page without ``lang="nl"``."""
    problems = []
    text = browser.evaluate(READER_TEXT)
    problems += [f"TeX {m.group()!r}" for m in [TEX.search(text)] if m]
    problems += [f"printout {m.group()!r}" for m in [PRINTOUT.search(text)] if m]
    problems += [f"names {m.group()!r}" for m in [NOTEBOOK_NUMBER.search(text)] if m]
    if browser.evaluate("document.querySelectorAll('main pre:not(details pre)').length"):
        problems.append("code or output outside the folded code")
    charts, closing = browser.evaluate(LINKS)
    for name, hrefs in charts:
        if not hrefs and not _offers_no_page(path, name):
            problems.append(f"{name} has no source link")
        problems += [
            f"{name} links {h}, not in the closing list" for h in set(hrefs) - set(closing)
        ]
    if path.parent.name == "en":
        passages = browser.evaluate(PASSAGES)
        problems += [
            f"Dutch without lang: {t[:80]}" for t, lang in passages if dutch(t) and lang != "nl"
        ]
    return problems


IMAGES = "[...document.images].map(i => [i.getAttribute('src'), i.naturalWidth, i.alt])"


def _page_problems(browser: Browser, width: int) -> list[str]:
    """What no page may have at any width: an image that did not load or has no alt text, and
    sideways scrolling."""
    images = browser.evaluate(IMAGES)
    problems = [f"{src} did not load" for src, pixels, _ in images if pixels == 0]
    problems += [f"{src} has no alt text" for src, _, alt in images if not alt.strip()]
    scroll = browser.evaluate("document.documentElement.scrollWidth - innerWidth")
    return problems + ([f"scrolls {scroll} px sideways at {width} px"] if scroll > 0 else [])


@pytest.mark.long
def test_every_page_at_desktop_width(browser, usb):
    """Each page of the site copied away on its own (``usb``) opened once at 1280 px: it loads
    without errors, :func:`_page_problems` finds nothing, axe finds nothing, and a story holds
    nothing in :func:`_story_problems`. axe judges contrast on the Dutch pages: the English
    pages use the same markup and styles
    (``test_english_pages_use_only_the_looks_of_the_dutch_pages``)."""
    pages = _pages(usb)
    assert {"index.html", "slides.html", "01_alleenstaanden.html"} <= {p.name for p in pages}
    assert len(pages) > 20 and (usb / "en" / "index.html") in pages
    browser.size(1280, 900)
    found = {}
    for path in pages:
        _open(browser, path)
        lang = "en" if path.parent.name == "en" else "nl"
        problems = [] if browser.evaluate("document.documentElement.lang") == lang else ["lang"]
        problems += _page_problems(browser, 1280)
        problems += browser.axe(("color-contrast",) if lang == "en" else ())
        if re.match(r"\d\d_", path.name):
            problems += _story_problems(browser, path)
        found[f"{lang}/{path.name}"] = problems
    assert not {name: problems for name, problems in found.items() if problems}


def _phone_charts(browser: Browser, path: Path) -> tuple[int, int]:
    """At 400 px every chart that has a one-column image shows it; the smallest text of every
    chart (often its source line) is at least 9 CSS px high; a chart that is then wider than
    the phone says that it scrolls sideways. Returns the charts and one-column images seen."""
    checked = narrow = 0
    images = browser.evaluate(
        "[...document.querySelectorAll('figure.chart img')].map(i => [i.currentSrc,"
        " i.naturalWidth, i.getBoundingClientRect().width,"
        " i.parentElement.querySelector('source') !== null,"
        " i.closest('.view').querySelector('.swipe')?.offsetHeight > 0])"
    )
    for src, pixels, shown, has_narrow, hint in images:
        assert src.endswith("_smal.png") == has_narrow, f"{path.name}: {src}"
        assert hint != has_narrow, f"{path.name}: {src} wider than a phone, and no hint"
        png = Path(urllib.parse.unquote(urllib.parse.urlparse(src).path))
        record = json.loads(png.with_name(png.name.replace("_smal.png", ".png"))
                            .with_suffix(".json").read_text("utf-8"))  # fmt: skip
        theme = THEMES[record["theme"]]
        points = record["smallest_text_pt_smal" if has_narrow else "smallest_text_pt"]
        text = points * theme.dpi / 72 * shown / pixels  # in the file shown, as drawn
        assert text >= MIN_TEXT_PX - 0.1, f"{path.name}: text {text:.1f} px in {src}"
        checked, narrow = checked + 1, narrow + has_narrow
    return checked, narrow


def _offers_no_page(page: Path, name: str) -> bool:
    """A chart whose rows name only the book, or a study without its ``bron_url``."""
    lang = "en" if page.parent.name == "en" else "nl"
    build = page.parent.parent if lang == "en" else page.parent
    path = next((build / "figures").glob(f"*/{lang}/{name}.csv"))
    record = json.loads(path.with_suffix(".json").read_text("utf-8"))
    columns, rows = chartdata.read(path, record)
    kind = [c.key for c in columns].index("bron_soort")
    named = {kind_of(row[kind]) for row in rows}
    return named <= {"book", "study"} and not chartdata.links(path, record, lang)


def test_tabs_follow_the_keys_and_the_skip_link_passes_the_code(browser, site):
    browser.size(1280, 900)
    _open(browser, site.build / "en" / "01_alleenstaanden.html")
    skip = browser.evaluate("document.querySelector('a.skip').getAttribute('href')")
    assert skip == "#" + browser.evaluate("document.querySelector('figure.chart').id")
    assert browser.evaluate("document.querySelector('a[hreflang=nl]').lang") == "nl"
    tabs = "document.querySelector('figure.chart').querySelectorAll('[role=tab]')"
    browser.evaluate(f"{tabs}[0].focus()")
    browser.press("ArrowRight")
    state = (
        "[document.activeElement.dataset.view, document.activeElement.getAttribute('aria-selected'),"
        " document.getElementById(document.activeElement.getAttribute('aria-controls')).hidden]"
    )
    assert browser.evaluate(state) == ["table", "true", False]
    browser.press("End")
    assert browser.evaluate(state)[0] == "download"
    browser.press("ArrowRight")
    assert browser.evaluate(state)[0] == "chart"
    browser.press("Tab")  # the link to this chart (#), then the link to its image: a ring
    browser.press("Tab")  # inside its box, which scrolls (a ring outside would be cut off)
    ring = "(s => [s.outlineStyle, parseFloat(s.outlineOffset)])(getComputedStyle(document.activeElement))"
    assert browser.evaluate("document.activeElement.matches('.view > a:focus-visible')")
    style, offset = browser.evaluate(ring)
    assert style == "solid" and offset < 0


def test_a_phone_gets_legible_slides_also_without_a_one_column_chart(browser, site, tmp_path):
    """A deck of a theme that wrote no ``_smal`` (the notebook theme of ``make figures``): on a
    phone the chart keeps axis text of at least 9 CSS px and its slide scrolls sideways, as a
    focusable named region; on a wide screen it fills the slide."""
    shutil.copytree(site.build / "assets", tmp_path / "assets")
    chart = _chart(tmp_path, "nl", "Titel")
    record = chart.records["artikel"]
    del record["files"]["png_smal"]
    real = next(site.charts.glob("*_smal.png")).name.replace("_smal.png", ".svg")
    shutil.copy(site.charts / real, tmp_path / "figures" / "artikel" / "nl" / "x.svg")
    story = Story("03_x", {"cells": [{"cell_type": "markdown", "source": "# Titel"}]}, {},
                  charts=[chart])  # fmt: skip
    deck = write_decks(tmp_path, "nl", [story], "")[0]
    legible = min_width(record, False)
    shown = "document.querySelector('.slide.chart img').getBoundingClientRect().width"
    browser.size(400, 800)
    _open(browser, deck)
    browser.press("ArrowRight")
    assert browser.evaluate(shown) >= legible > 400
    slide = "document.querySelector('.slide.chart')"
    assert browser.evaluate(f"{slide}.scrollWidth > {slide}.clientWidth")
    assert browser.evaluate(f"{slide}.tabIndex") == 0
    assert browser.evaluate(f"{slide}.getAttribute('aria-label')") == "Titel"
    number = "document.querySelector('.bar .number').textContent"
    at = browser.evaluate(number)
    browser.send("Emulation.setTouchEmulationEnabled", enabled=True)
    try:  # a finger moving the wide chart sideways scrolls it and stays on the slide
        for kind, points in (("touchStart", [{"x": 300, "y": 400}]),
                             ("touchMove", [{"x": 100, "y": 400}]), ("touchEnd", [])):  # fmt: skip
            browser.send("Input.dispatchTouchEvent", type=kind, touchPoints=points)
        browser.evaluate("new Promise(r => setTimeout(r, 100))")
        assert browser.evaluate(number) == at and browser.evaluate(f"{slide}.scrollLeft") > 0
    finally:
        browser.send("Emulation.setTouchEmulationEnabled", enabled=False)
    assert browser.axe() == []
    browser.size(1280, 720)
    _open(browser, deck)
    browser.press("ArrowRight")
    assert browser.evaluate(shown) > 1000


def test_labels_from_data_stay_text_in_a_built_page(browser, site, tmp_path):
    """A label carrying markup goes through a chart title, prose, a table and the slides."""
    shutil.copytree(site.build / "assets", tmp_path / "assets")
    chart = _chart(tmp_path, "nl", INJECTED[0])
    real = next(site.charts.glob("*_smal.png"))
    for name in ("x.png", "x_smal.png"):
        shutil.copy(real, tmp_path / "figures" / "artikel" / "nl" / name)
    svg = real.with_name(real.name.replace("_smal.png", ".svg"))  # decks show the SVG
    shutil.copy(svg, tmp_path / "figures" / "artikel" / "nl" / "x.svg")
    markdown = {"data": {"text/markdown": f"Regio {INJECTED[0]} {INJECTED[1]}"}}
    cells = [
        {"cell_type": "markdown", "source": f"# Titel {INJECTED[1]}\n\n{INJECTED[0]}"},
        {
            "cell_type": "code",
            "source": "x",
            "outputs": [{"output_type": "display_data"} | markdown],
        },
    ]
    story = Story("03_x", {"cells": cells}, {1: ["x"]}, charts=[chart])
    body = render(story, "nl", tmp_path, "")
    (tmp_path / "03_x.html").write_text(page("nl", story.title, body, root="", skip="x"), "utf-8")
    decks = write_decks(tmp_path, "nl", [story], "")
    for path in [tmp_path / "03_x.html", *decks]:
        _open(browser, path)
        browser.evaluate("document.querySelectorAll('[role=tab]').forEach(t => t.click())")
        assert browser.evaluate("window.pwned === undefined"), path.name
        assert (
            browser.evaluate("document.querySelectorAll('img[src=x], script:not([src])').length")
            == 0
        )
        assert INJECTED[0] in browser.evaluate(
            "document.body.textContent + document.title + "
            "[...document.querySelectorAll('[alt]')].map(i => i.alt).join()"
        )


def test_the_books_quotes_and_the_studys_title_carry_their_lang(browser, site):
    """The book's Dutch quotes in the English claim register say ``lang="nl"``; the study's
    English title on the Dutch page says ``lang="en"`` (every Dutch passage of every English
    story: :func:`test_every_page_at_desktop_width`)."""
    browser.size(1280, 900)
    _open(browser, site.build / "en" / "00_klopt_het_boek.html")
    passages = browser.evaluate(PASSAGES)  # a page keeps "29,2 %" together (a no-break space)
    marked = {text.replace("\u00a0", " ") for text, lang in passages if lang == "nl"}
    says = [claim["says"] for claim in yaml.safe_load(CLAIMS_FILE.read_text("utf-8"))]
    assert len(says) >= 9 and set(says) <= marked  # the book's own words
    _open(browser, site.build / "05_eenzaamheid_en_gezondheid.html")
    title = "[...document.querySelectorAll('main p')].find(p => p.textContent.includes('{}'))"
    study = title.format("meta-analytic review")
    assert browser.evaluate(f"{study}.closest('[lang]').lang") == "en"
    assert browser.evaluate(f"{title.format('relatieve toename')}.closest('[lang]').lang") == "nl"


SCROLLERS = (  # the boxes in a page that scroll sideways on their own
    "[...document.querySelectorAll('main *')].filter(e => e.scrollWidth > e.clientWidth + 1"
    " && /auto|scroll/.test(getComputedStyle(e).overflowX))"
)


def _phone_tables(browser: Browser, path: Path) -> int:
    """With every chart on its table at 400 px: the page does not scroll sideways; each box
    that does is focusable, named and shows that it scrolls. Returns the number of boxes."""
    browser.evaluate(
        "document.querySelectorAll('[role=tab][data-view=table]').forEach(t => t.click())"
    )
    overflow = browser.evaluate("document.scrollingElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"{path.parent.name}/{path.name} scrolls {overflow} px sideways"
    boxes = browser.evaluate(
        f"{SCROLLERS}.filter(e => !e.closest('details')).map(e => [e.tagName, e.className,"
        " e.tabIndex, e.getAttribute('aria-label') || e.getAttribute('aria-labelledby'),"
        " getComputedStyle(e).backgroundImage.includes('gradient')])"
    )
    for tag, classes, tabindex, name, shadow in boxes:
        where = f"{path.name}: {tag}.{classes}"
        assert tabindex >= 0 and name, f"{where} cannot be reached or named"
        assert shadow, f"{where} does not show that it scrolls"
    return len(boxes)


@pytest.mark.long
def test_every_page_on_a_phone(browser, usb):
    """Each page of the copied site opened once at 400 px: it loads without errors and
    :func:`_page_problems` finds nothing. A story's charts (:func:`_phone_charts`), then every
    chart on its table (:func:`_phone_tables`); axe finds nothing on the Dutch stories (the
    English ones have the same markup and styles, and axe checks them at 1280 px; here they
    get every other check). A box that scrolls sideways scrolls with the arrow keys."""
    browser.size(400, 800)
    checked = narrow = wide = 0
    found = {}
    for path in _pages(usb):
        _open(browser, path)
        found[f"{path.parent.name}/{path.name}"] = _page_problems(browser, 400)
        if not re.match(r"\d\d_", path.name):
            continue
        charts, narrow_charts = _phone_charts(browser, path)
        checked, narrow = checked + charts, narrow + narrow_charts
        wide += _phone_tables(browser, path)
        if path.parent.name != "en":
            assert browser.axe() == [], path.name
    assert not {name: problems for name, problems in found.items() if problems}
    assert checked > 40 and narrow > 20  # both themes write _smal files
    assert wide > 10  # tables wider than a phone exist, and each scrolls in its box
    _open(browser, usb / "01_alleenstaanden.html")
    browser.evaluate("document.querySelector('[role=tab][data-view=table]').click()")
    browser.evaluate("document.querySelector('[role=tabpanel][data-view=table]').focus()")
    browser.press("ArrowRight")
    scrolled = "new Promise(r => setTimeout(r, 300)).then(() => document.activeElement.scrollLeft)"
    assert browser.evaluate(scrolled) > 0


def test_a_phone_gets_the_one_column_chart_on_the_slides(browser, site):
    browser.size(400, 800)
    _open(browser, site.build / "slides-01_alleenstaanden.html")
    shown = (
        "[...document.querySelectorAll('.slide.chart img')].map(i => [i.currentSrc,"
        " i.parentElement.querySelector('source') !== null])"
    )
    images = browser.evaluate(shown)
    assert any(narrow for _, narrow in images)
    assert all(src.endswith("_smal.png") == narrow for src, narrow in images), images
    browser.size(1280, 720)
    _open(browser, site.build / "slides-01_alleenstaanden.html")
    assert not any(src.endswith("_smal.png") for src, _ in browser.evaluate(shown))
