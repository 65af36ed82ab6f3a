"""The browser tests' axe (tests/browser.py) judges the contrast of one table cell of each look
and still finds a faint cell however deep in a long table, whatever makes it faint; it skips
the contents of a closed <details> and judges them once it is open."""

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
    """What leaves a closed <details> out of axe's context (``browser.FOLDED``, for speed)
    must not reach an open one: there the faint word is found."""
    browser = chromium
    browser.size(1280, 900)
    words = "".join(f'<span class="{"faint" if n == 77 else "n"}">w{n} </span>' for n in range(200))
    for state, expected in (("", 0), (" open", 1)):
        path = tmp_path / f"folded{state.strip()}.html"
        path.write_text(FOLDED.format(open=state, words=words), "utf-8")
        assert not browser.open(path.as_uri())
        found = browser.axe()
        assert len(found) == expected and all(f.startswith("color-contrast") for f in found)
