"""The browser tests' axe (tests/browser.py) judges the contrast of one table cell of each look
and still finds a faint cell however deep in a long table, whatever makes it faint; it judges
what is shown (not the contents of a closed <details> or a hidden tab panel until they are
opened) and leaves the page as it found it."""

from pathlib import Path

ROWS = 400
PAGE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Proef</title>
<style>body {{ color: #222; background: #fff; }} tr.book td {{ font-style: italic; }}
.faint {{ color: #bbb; }} tr.dark {{ background: #666; }}</style></head>
<body><main><h1>Proef</h1><table><caption>Tabel</caption>
<thead><tr><th scope="col">Jaar</th><th scope="col">Aandeel</th></tr></thead>
<tbody>{rows}</tbody></table></main></body></html>"""


def _page(folder: Path, odd_row: int | None, odd: str) -> Path:
    rows = []
    for number in range(ROWS):
        row, cell = ("", "") if number != odd_row else odd.split(";")
        rows.append(f"<tr{row}><td>{1900 + number}</td><td{cell}>{number % 97},3</td></tr>")
    path = folder / f"table-{odd_row}-{len(odd)}.html"
    path.write_text(PAGE.format(rows="".join(rows)), "utf-8")
    return path


def test_axe_skips_cells_that_look_alike_and_finds_the_one_that_does_not(chromium, tmp_path):
    browser = chromium
    browser.size(1280, 900)
    assert not browser.open(_page(tmp_path, None, ";").as_uri())
    assert browser.axe() == []
    alike = browser.evaluate("document.querySelectorAll('[data-axe-alike]').length")
    assert alike > 2 * ROWS - 10  # a table of one look: its cells are judged once per column
    for odd in ('; class="faint"', ' class="dark";', ' class="book faint";'):
        assert not browser.open(_page(tmp_path, 321, odd).as_uri())
        found = browser.axe()
        assert len(found) == 1 and found[0].startswith("color-contrast"), (odd, found)


FOLDED = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Proef</title>
<style>body {{ color: #222; background: #fff; }} .faint {{ color: #ccc; }}</style></head>
<body><main><h1>Proef</h1><details{open}><summary>Code</summary><pre><code>{words}</code></pre>
</details></main></body></html>"""


def test_axe_skips_what_a_closed_details_hides_and_judges_it_once_open(chromium, tmp_path):
    """What takes a closed <details>'s contents out of the page while axe runs
    (``browser.UNSHOWN``, for speed) must not reach an open one: there the faint word is
    found."""
    browser = chromium
    browser.size(1280, 900)
    words = "".join(f'<span class="{"faint" if n == 77 else "n"}">w{n} </span>' for n in range(200))
    for state, expected in (("", 0), (" open", 1)):
        path = tmp_path / f"folded{state.strip()}.html"
        path.write_text(FOLDED.format(open=state, words=words), "utf-8")
        assert not browser.open(path.as_uri())
        found = browser.axe()
        assert len(found) == expected and all(f.startswith("color-contrast") for f in found)


HIDDEN = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Proef</title>
<style>body {{ color: #222; background: #fff; }} .faint {{ color: #ccc; }}</style></head>
<body><main><h1>Proef</h1><div role="tablist"><button role="tab" aria-controls="paneel"
aria-selected="{shown}">Tabel</button></div><div id="paneel" role="tabpanel"{hidden}>
<p class="faint">vaag</p><p>tekst</p></div><details><summary>Code</summary><pre><code>
<span class="faint">x</span> = 1</code></pre></details><p>slot</p></main></body></html>"""


def test_axe_judges_a_hidden_panel_once_shown_and_puts_back_what_it_took(chromium, tmp_path):
    """A faint text in a hidden tab panel counts once the panel is shown; after axe the page
    holds all it held before, in the same order (axe runs without what is not shown)."""
    browser = chromium
    browser.size(1280, 900)
    whole = 'document.body.innerHTML.replace(/ (data-axe-alike|style)="[^"]*"/g, \'\')'
    for hidden, expected in ((" hidden", []), ("", ["color-contrast"])):
        path = tmp_path / f"panel{hidden.strip()}.html"
        path.write_text(HIDDEN.format(hidden=hidden, shown=str(not hidden).lower()), "utf-8")
        assert not browser.open(path.as_uri())
        before = browser.evaluate(whole)
        found = browser.axe()
        assert [f.split(" ", 1)[0] for f in found] == expected, (hidden, found)
        assert browser.evaluate(whole) == before
