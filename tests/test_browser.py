"""The website copied away from the repository (``usb``) in a real browser (headless
Chromium): charts switch to their table, code unfolds, slides follow the keys. Every page of
the copy at desktop and phone width: tests/test_browser_pages.py."""

import pytest


@pytest.fixture
def browser(chromium):
    """The session's Chromium (tests/conftest.py)."""
    return chromium


def test_a_chart_shows_its_table_and_the_code_unfolds(browser, usb):
    browser.size(1280, 900)
    assert not browser.open((usb / "01_alleenstaanden.html").as_uri())
    first = "document.querySelector('figure.chart')"
    visible = (
        f"[...{first}.querySelectorAll('.view')].filter(v => !v.hidden).map(v => v.dataset.view)"
    )
    assert browser.evaluate(visible) == ["chart"]
    browser.evaluate(f"{first}.querySelector('button[data-view=table]').click()")
    assert browser.evaluate(visible) == ["table"]
    assert browser.evaluate(f"{first}.querySelectorAll('tbody tr').length") > 10
    assert browser.evaluate(f"{first}.querySelector('table').offsetHeight") > 100
    browser.evaluate(f"{first}.querySelector('button[data-view=download]').click()")
    assert browser.evaluate(f"{first}.querySelector('a[href$=\".svg\"]') !== null")
    assert browser.evaluate(f"{first}.id") == "01_alleenstaanden_aantal"  # a stable anchor
    folded = "[...document.querySelectorAll('details.code')].filter(d => d.open).length"
    assert browser.evaluate(folded) == 0
    browser.evaluate("document.querySelector('button.all-code').click()")
    assert browser.evaluate(folded) == browser.evaluate(
        "document.querySelectorAll('details.code').length"
    )
    assert browser.axe() == []  # the code and its tables as a reader who opens them gets them


def test_slides_follow_the_keys_and_link_each_slide(browser, usb):
    browser.size(1280, 720)
    deck = usb / "slides-01_alleenstaanden.html"
    assert not browser.open(deck.as_uri())
    where = "[document.querySelector('.bar .number').textContent, location.hash]"
    total = browser.evaluate("document.querySelectorAll('.slide').length")
    assert browser.evaluate(where) == [f"1 / {total}", "#start"]
    browser.press("ArrowRight")
    assert browser.evaluate(where) == [f"2 / {total}", "#01_alleenstaanden_aantal"]
    browser.press(" ")
    browser.press("PageDown")
    assert browser.evaluate(where)[0] == f"4 / {total}"
    browser.press("PageUp")
    browser.press("ArrowLeft")
    assert browser.evaluate(where)[0] == f"2 / {total}"
    browser.press("End")
    assert browser.evaluate(where) == [f"{total} / {total}", "#end"]
    browser.press("Home")
    assert browser.evaluate(where)[0] == f"1 / {total}"
    assert not browser.open(deck.as_uri() + "#01_alleenstaanden_noemers")
    assert browser.evaluate(where) == [f"3 / {total}", "#01_alleenstaanden_noemers"]
    shown = browser.evaluate(
        "(() => { const i = document.querySelector('.slide:not([hidden]) img');"
        " const r = i.getBoundingClientRect(); return [r.width, r.height]; })()"
    )
    assert shown[0] > 1000 or shown[1] > 600, f"the chart is not scaled to the screen: {shown}"


def test_every_title_slide_fits_a_projector_of_1280_by_720(browser, usb):
    """A deck's first slide (the story's title and what you learn) is whole on a small
    projector: nothing above the top or below the bar, in both languages."""
    browser.size(1280, 720)
    decks = sorted(usb.glob("slides-*.html")) + sorted((usb / "en").glob("slides-*.html"))
    assert len(decks) > 15
    cut = {}
    for deck in decks:
        assert not browser.open(deck.as_uri())
        box = browser.evaluate(
            "(() => { const s = document.querySelector('.slide.title');"
            " const r = [...s.children].map(c => c.getBoundingClientRect());"
            " return [Math.min(...r.map(b => b.top)), Math.max(...r.map(b => b.bottom)),"
            " s.getBoundingClientRect().bottom]; })()"
        )
        if box[0] < 0 or box[1] > box[2] + 0.5:
            cut[f"{deck.parent.name}/{deck.name}"] = box
    assert not cut, cut


def test_a_finger_can_hit_the_code_toggles_and_the_downloads_on_a_phone(browser, usb):
    """At 400 px every "Code" toggle and every download link is at least 32 CSS px high
    (WCAG 2.5.8 asks 24; a finger wants more)."""
    browser.size(400, 800)
    assert not browser.open((usb / "01_alleenstaanden.html").as_uri())
    browser.evaluate(
        "document.querySelectorAll('button[data-view=download]').forEach(b => b.click())"
    )
    heights = browser.evaluate(
        "[...document.querySelectorAll('details.code summary, ul.downloads a')]"
        ".map(e => e.getBoundingClientRect().height)"
    )
    assert len(heights) > 10 and min(heights) >= 32, sorted(heights)[:5]
