"""Offline slide decks in a real browser (headless Chromium) at a projector's 1920 × 1080: the
keys and buttons do what their labels say, and every chart fills its slide in each language."""

import pytest

pytestmark = pytest.mark.browser

DECK = "slides-01_alleenstaanden.html"
WHERE = "document.querySelector('.bar .number').textContent"
SPY = """['requestFullscreen', 'exitFullscreen'].forEach(name => {
  const owner = name === 'exitFullscreen' ? document : document.documentElement;
  owner[name] = () => { window.toggled = (window.toggled || 0) + 1; return Promise.resolve(); };
}); window.toggled = 0"""


def _key(chromium, key: str, code: str, number: int, text: str) -> None:
    common = {"key": key, "code": code, "windowsVirtualKeyCode": number}
    chromium.send("Input.dispatchKeyEvent", type="keyDown", text=text, **common)
    chromium.send("Input.dispatchKeyEvent", type="keyUp", **common)


def _click(chromium, selector: str) -> None:
    x, y = chromium.evaluate(
        f"(r => [r.x + r.width / 2, r.y + r.height / 2])"
        f"(document.querySelector('{selector}').getBoundingClientRect())"
    )
    for kind in ("mousePressed", "mouseReleased"):
        chromium.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)


@pytest.fixture
def deck(chromium, site):
    chromium.size(1920, 1080)
    assert not chromium.open((site.build / DECK).as_uri())
    chromium.evaluate(SPY)
    return chromium


def test_enter_and_space_on_the_full_screen_button_toggle_full_screen(deck):
    total = deck.evaluate("document.querySelectorAll('.slide').length")
    deck.evaluate("document.querySelector('.bar .fullscreen').focus()")
    _key(deck, "Enter", "Enter", 13, "\r")
    assert deck.evaluate(WHERE) == f"1 / {total}" and deck.evaluate("toggled") == 1
    _key(deck, " ", "Space", 32, " ")
    assert deck.evaluate(WHERE) == f"1 / {total}" and deck.evaluate("toggled") == 2
    _click(deck, ".bar .fullscreen")  # a click leaves the keys to the slides
    assert deck.evaluate("toggled") == 3
    _key(deck, " ", "Space", 32, " ")
    assert deck.evaluate(WHERE) == f"2 / {total}"
    _key(deck, "f", "KeyF", 70, "f")
    assert deck.evaluate("toggled") == 4 and deck.evaluate(WHERE) == f"2 / {total}"


def test_enter_on_the_focused_link_follows_it(deck):
    assert deck.evaluate("document.querySelector('.bar a').textContent") == "Terug naar het verhaal"
    deck.evaluate("document.querySelector('.bar a').focus()")
    _key(deck, "Enter", "Enter", 13, "\r")
    deck.wait_for("Page.loadEventFired")
    assert deck.evaluate("location.pathname").endswith("/01_alleenstaanden.html")


@pytest.mark.parametrize(("folder", "kind"), [("", ".svg"), ("en/", "college/en/")])
def test_every_chart_fills_its_slide_in_each_language(chromium, site, folder, kind):
    """Dutch was built in the print theme only: its slides show the SVG, scaled sharply;
    English was built in the college theme: its slides show the lecture PNGs."""
    chromium.size(1920, 1080)
    assert not chromium.open((site.build / folder / "slides.html").as_uri())
    chromium.evaluate("location.hash = document.querySelector('.slide.chart').id")
    shown = chromium.evaluate(
        "[...document.querySelectorAll('.slide.chart img')].map(i => [i.getAttribute('src'),"
        " i.naturalWidth, i.naturalHeight])"
    )
    width, height = chromium.evaluate(
        "(r => [r.width, r.height])(document.querySelector('.slide:not([hidden]) img')"
        ".getBoundingClientRect())"
    )
    assert len(shown) >= 20 and width >= 0.95 * 1920 and height >= 0.9 * 1080
    for src, natural_width, natural_height in shown:
        assert kind in src and natural_width > 0, src
        scale = min(width / natural_width, height / natural_height)  # object-fit: contain
        assert src.endswith(".svg") or scale <= 1.05, f"{src} enlarged {scale:.2f}×: blurred"
