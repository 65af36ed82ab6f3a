"""The main job is incremental: a notebook runs again only when it, the package code it
imports, the data it reads or the settings changed; it runs without kernel warnings. A story
page shows only reader text, tables a person reads, charts with their sources, and keeps text
from data as text."""

import json
import re
import time
from pathlib import Path

import pandas as pd
import pytest

from eenzaamheid import charts as ch
from eenzaamheid import settings
from eenzaamheid.charts.layout_labels import luminance
from eenzaamheid.site import build, chartdata, listing, story
from eenzaamheid.site.cache import Cache, notebook_digest
from eenzaamheid.site.chartblock import chart_block
from eenzaamheid.site.i18n import TranslationError
from eenzaamheid.site.layout import Chart
from eenzaamheid.site.slides import write_decks
from eenzaamheid.site.story import Story, markdown, mathml, pygments_css, render

STATLINE_URL = "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/71488ned/table"
INJECTED = ('<img src=x onerror="window.pwned=1">', '"><script>window.pwned=2</script>')


def _notebook(path, *sources):
    cells = [
        {
            "cell_type": "code",
            "id": f"c{i}",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": source,
        }
        for i, source in enumerate(sources)
    ]
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = {"cells": cells, "metadata": {"kernelspec": kernel}, "nbformat": 4}
    path.write_text(json.dumps(notebook | {"nbformat_minor": 5}))


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Two tiny notebooks in a folder of their own; private data, figures and build folders."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    data = tmp_path / "snapshot"
    data.mkdir()
    (data / "getal.txt").write_text("41")
    reads = "import os, pathlib\n" + (
        "n = int(pathlib.Path(os.environ['EENZAAMHEID_SNAPSHOT'], 'getal.txt').read_text())\nn + 1"
    )
    _notebook(notebooks / "01_leest.ipynb", reads)
    _notebook(notebooks / "02_rekent.ipynb", "import eenzaamheid.settings\n1 + 1")
    monkeypatch.setattr(listing, "NOTEBOOKS", notebooks)
    for name, folder in (("SNAPSHOT", data), ("FIGURES", "figures"), ("BUILD", "build")):
        monkeypatch.setenv(f"EENZAAMHEID_{name}", str(tmp_path / folder))
    return tmp_path


def _ran(capsys) -> set[str]:
    out = capsys.readouterr().out
    assert "WARNING" not in out and "Kernel is running" not in out
    return {f"{line.split()[1]}.ipynb" for line in out.splitlines() if line.startswith("[")}


def test_only_what_changed_runs_again(project, capsys):
    build()
    assert _ran(capsys) == {"01_leest.ipynb", "02_rekent.ipynb"}
    started = time.perf_counter()
    build()
    assert _ran(capsys) == set()
    assert time.perf_counter() - started < 3
    (project / "snapshot" / "getal.txt").write_text("1")  # the data 01 reads
    build()
    assert _ran(capsys) == {"01_leest.ipynb"}
    _notebook(project / "notebooks" / "02_rekent.ipynb", "import eenzaamheid.settings\n2 + 2")
    build()
    assert _ran(capsys) == {"02_rekent.ipynb"}
    build(lang="en")  # another language is another run
    assert _ran(capsys) == {"01_leest.ipynb", "02_rekent.ipynb"}
    build(force=True)
    assert _ran(capsys) == {"01_leest.ipynb", "02_rekent.ipynb"}


def test_a_build_names_each_chart_whose_texts_collide_at_a_size(tmp_path):
    """The test site draws two of six themes and languages: the main job says itself which
    chart, at which size, has texts that overlap or are cut off."""
    from eenzaamheid.site.run import collisions

    cut = ["'16 %' is cut off at the edge"]
    for name, found in (("ok", {"": [], "smal": []}), ("krap", {"": [], "smal": cut})):
        (tmp_path / f"{name}.json").write_text(json.dumps({"collisions": found}))
    assert collisions(["ok", "krap"], tmp_path) == [
        "check krap (smal): '16 %' is cut off at the edge"
    ]
    assert collisions(["ok"], tmp_path) == []


def test_a_build_keeps_the_other_languages_pages_when_their_run_is_too_old_to_translate(
    project, capsys
):
    """Building Dutch rewrites the English pages too, from English's last run. When that run
    holds a paragraph the catalogue no longer translates (the notebook changed since), the
    English pages stay as they were and the build says how to bring them up to date."""
    build(lang="en")
    executed = project / "build" / ".cache" / "notebook-en" / "01_leest.ipynb"
    notebook = json.loads(executed.read_text())
    old = {"cell_type": "markdown", "metadata": {}, "source": "Een alinea die niet meer bestaat."}
    executed.write_text(json.dumps(notebook | {"cells": [old, *notebook["cells"]]}))
    english = project / "build" / "en" / "01_leest.html"
    before = english.read_text()
    capsys.readouterr()
    build()
    out = capsys.readouterr().out
    assert "--lang en" in out and "01_leest" in out
    assert english.read_text() == before
    assert (project / "build" / "01_leest.html").exists()
    with pytest.raises(TranslationError):  # the English build itself still refuses
        build(lang="en")


def test_a_page_takes_its_text_from_a_run_of_the_notebook_as_it_is_now(project):
    """A site holds the runs of several themes. After a notebook changed and one theme ran it
    again, its page says what the notebook says now, not what another theme's older run said
    (the notebook theme comes first on a page when its run is current)."""
    path = project / "notebooks" / "01_leest.ipynb"
    notebook = json.loads(path.read_text())
    heading = {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# 1. Oude titel"}
    path.write_text(json.dumps(notebook | {"cells": [heading, *notebook["cells"]]}))
    build(theme="notebook")
    page = project / "build" / "01_leest.html"
    assert "Oude titel" in page.read_text()
    heading["source"] = "# 1. Nieuwe titel"
    path.write_text(json.dumps(notebook | {"cells": [heading, *notebook["cells"]]}))
    build(theme="artikel")  # the notebook theme's run is now of an older notebook
    assert "Nieuwe titel" in page.read_text() and "Oude titel" not in page.read_text()
    build(theme="notebook")
    assert "Nieuwe titel" in page.read_text()


def test_two_sources_of_one_kind_on_one_site_get_link_texts_that_tell_them_apart():
    """Two news reprints on the same website support different years: each link says which
    (the same text for two destinations tells a reader, and a screen reader, nothing)."""
    from eenzaamheid.site.chartdata import Link, source_list, source_note

    found = [  # fixture links, as chartdata.links makes them from a chart's rows
        Link("https://nieuws.example/a", "CBS news via nieuws.example", ("2019",)),
        Link("https://nieuws.example/b", "CBS news via nieuws.example", ("2023", "2024")),
        Link("https://www.cbs.nl/x", "CBS, table 85766NED", ("2019", "2022")),
    ]
    texts = re.findall(r">([^<]+)</a>", source_list(found, "en"))
    assert texts == [
        "CBS news via nieuws.example (2019)",
        "CBS news via nieuws.example (2023, 2024)",
        "CBS, table 85766NED",
    ]
    assert re.findall(r">([^<]+)</a>", source_note({"source": "Bron"}, found, "en")) == texts
    same_years = [Link(f"https://n.example/{i}", "news", ("2019",)) for i in "ab"]
    assert re.findall(r">([^<]+)</a>", source_list(same_years, "en")) == ["news (1)", "news (2)"]


def test_the_record_names_the_data_and_the_modules(project):
    build()
    config = settings.current()
    entry = Cache(config).entry(project / "notebooks" / "01_leest.ipynb")
    assert str(project / "snapshot" / "getal.txt") in entry.files
    modules = Cache(config).entry(project / "notebooks" / "02_rekent.ipynb").files
    assert any(name.endswith("eenzaamheid/settings.py") for name in modules)
    executed = Cache(config).executed(project / "notebooks" / "01_leest.ipynb")
    assert len(executed["cells"]) == 1  # the recording cells are gone
    assert executed["cells"][0]["outputs"][0]["data"]["text/plain"] == "42"


def test_outputs_do_not_change_the_fingerprint(project):
    path = project / "notebooks" / "01_leest.ipynb"
    notebook = json.loads(path.read_text())
    before = notebook_digest(notebook)
    notebook["cells"][0]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
    notebook["cells"][0]["execution_count"] = 3
    assert notebook_digest(notebook) == before


def test_a_story_page_folds_code_and_tables_and_keeps_the_prose(project):
    markdown = {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# 3. Titel\n\nLead."}
    path = project / "notebooks" / "03_verhaal.ipynb"
    table = "import pandas as pd\npd.DataFrame({'a': [1]})"
    prose = "from IPython.display import Markdown\nMarkdown('**Berekend:** 42')"
    _notebook(path, "print('gezegd')", table, prose)
    notebook = json.loads(path.read_text())
    notebook["cells"].insert(0, markdown)
    path.write_text(json.dumps(notebook))
    index = build(only=["03_"])
    page = (index.parent / "03_verhaal.html").read_text()
    assert "<title>3. Titel · " in page and 'href="index.html"' in page
    assert '<h1 id="3-titel">3. Titel</h1>' in page
    assert (
        page.count('<details class="code">') == 1
    )  # code cells in a row (print hidden): one click
    assert "gezegd" not in page.replace("'gezegd'", "")  # printed: for the analyst, not the reader
    folded = page.split("<summary>Code en tabel</summary>")[1].split("</details>")[0]
    assert "<table" in folded  # a table shown by the code is behind the same click
    assert '<section class="prose"><p><strong>Berekend:</strong> 42</p>' in page  # computed prose
    assert "3. Titel" in index.read_text()


def _output(kind, data=None, text=""):
    if kind == "stream":
        return {"output_type": "stream", "name": "stdout", "text": text}
    return {"output_type": "display_data", "data": data, "metadata": {}}


def _code_cell(outputs, tags=()):
    metadata = {"tags": list(tags)} if tags else {}
    return {"cell_type": "code", "source": "x = 1", "metadata": metadata, "outputs": outputs}


def test_a_percentage_in_prose_stays_on_one_line_with_its_number():
    """Dutch writes "33 %": the line may not break between number and sign (on a phone it
    left "(33" at the end of one line and "%)" at the start of the next)."""
    html = markdown(
        "De andere opbouw is het grootst (33 %), en 4,5 % in **12 %** van de\ngevallen."
    )
    assert html.count("\u00a0%") == 3 and " %" not in html


def test_markdown_escapes_html_and_draws_math_as_mathml():
    html = markdown(f"Regio {INJECTED[0]} en {INJECTED[1]}: $A = P \\cdot r_i$\n\n$$s_i$$")
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=" in html and "&lt;script&gt;" in html
    assert html.count("<math") == 2 and "$" not in html and "\\cdot" not in html
    assert "<msub><mi>r</mi><mi>i</mi></msub>" in html
    # latex2mathml copies \text{...} unescaped: such TeX stays visible as code
    assert mathml("\\text{<img src=x>}", display=False) == "<code>\\text{&lt;img src=x&gt;}</code>"
    assert (
        "javascript" not in mathml("\\href{javascript:alert(1)}{a}", display=False).split("code")[0]
    )


def test_a_word_marked_with_its_language_is_said_in_that_language():
    """Pandoc's ``[word]{lang=nl}``: a translator marks the Dutch term an English sentence
    quotes; its text is escaped, and anything but a language code stays text."""
    html = markdown(
        f"A person *living alone* ([alleenstaande]{{lang=nl}}), [{INJECTED[0]}]{{lang=nl}}"
    )
    assert '(<span lang="nl">alleenstaande</span>)' in html
    assert "<img" not in html and '<span lang="nl">&lt;img src=x onerror=' in html
    odd = markdown('[x]{lang=nl" onmouseover="alert(1)}')
    assert "<span" not in odd and "&quot;" in odd
    assert story._plain("Wie is *[alleenstaande]{lang=nl}*?") == "Wie is alleenstaande?"  # a title


def test_only_reader_text_reaches_the_page(tmp_path):
    frame = pd.DataFrame({"regio": [INJECTED[0]], "aantal": [3340560], "aandeel": [47.0]})
    reader = ch.table(frame, {"regio": "Gemeente", "aantal": "Personen", "aandeel": "%"})
    cells = [
        _code_cell([_output("stream", text="{'bron_soort': 'statline'}")]),
        _code_cell([_output("data", {"text/plain": "['a', 'b']"})]),
        _code_cell([_output("data", {"text/markdown": f"**Berekend:** {INJECTED[1]}"})]),
        _code_cell([_output("data", {"text/markdown": "weggelaten"})], tags=["remove-output"]),
        _code_cell([_output("data", {"text/html": reader._repr_html_(), "text/plain": "t"})]),
        _code_cell([_output("data", {"text/html": frame.to_html(), "text/plain": "df"})]),
    ]
    page = render(Story("03_x", {"cells": cells}, {}), "nl", tmp_path, "")
    assert "bron_soort" not in page and "['a'" not in page and "weggelaten" not in page
    assert "<strong>Berekend:</strong> &quot;&gt;&lt;script&gt;" in page
    assert '<td class="num">3.340.560</td><td class="num">47,0</td>' in page
    assert "&lt;img src=x" in page and "<img" not in page and "<script" not in page
    assert 'class="dataframe' in page.split('<details class="code">')[-1]  # folded with code


def test_unfolded_code_is_legible_reachable_and_its_tables_have_no_empty_headers(tmp_path):
    """A reader who opens the code gets every Pygments colour at 4.5:1 or more on the code's
    background, each code box in the tab order (it scrolls sideways when a line is long), and
    a pandas table whose empty corner cells are not column headers without a name."""
    css = pygments_css()
    background = re.search(r"pre\.highlight \{ background: (#[0-9a-f]{6})", css).group(1)
    tokens = dict(re.findall(r"\.highlight \.(\w+) \{[^}]*?(?<![-\w])color: (#[0-9A-Fa-f]+)", css))
    assert len(tokens) > 50 and "w" in tokens  # whitespace: no text a reader sees
    for colour in {c for token, c in tokens.items() if token != "w"}:
        lighter, darker = sorted((luminance(colour), luminance(background)), reverse=True)
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5, f"{colour} on {background}"
    frame = pd.DataFrame({"a": [1]}, index=pd.Index(["x"]))
    cells = [_code_cell([_output("data", {"text/html": frame.to_html(), "text/plain": "df"})])]
    page = render(Story("03_x", {"cells": cells}, {}), "nl", tmp_path, "")
    assert '<pre class="highlight" tabindex="0">' in page
    assert not re.search(r"<th[^>]*>\s*</th>", page) and "<td></td>" in page
    english = render(Story("03_x", {"cells": cells}, {}), "en", tmp_path, "")
    note = re.search(r'<summary>Code and table</summary><p class="note">([^<]+)</p>', english)
    assert note and "in Dutch" in note.group(1)  # the data's own column keys and labels
    assert "kolomnamen en labels zoals het CBS" in page


@pytest.mark.parametrize(
    ("lang", "prose", "linked"),
    [
        (
            "nl",
            "Zie notebook 1 over noemers. Notebooks 2 en 7 meten anders; notebook 12 bestaat niet;"
            " `notebook 7` en [notebook 7](x.ipynb) blijven.",
            'Zie <a href="01_a.html">verhaal 1</a> over noemers. <a href="02_b.html">Verhaal 2</a>'
            ' en <a href="07_c.html">verhaal 7</a> meten anders; notebook 12 bestaat niet;'
            ' <code>notebook 7</code> en <a href="x.ipynb">notebook 7</a> blijven.',
        ),
        (
            "en",
            "Notebook 7 decomposes the growth (see notebooks 1 and 2).",
            '<a href="07_c.html">Story 7</a> decomposes the growth (see <a href="01_a.html">story'
            ' 1</a> and <a href="02_b.html">story 2</a>).',
        ),
        (  # the explorer's page in the page's language: a translator keeps the link target
            "en",
            "Without Python: [the explorer](verkenner.html) ([here](verkenner.html#tabel=x)).",
            'Without Python: <a href="explorer.html">the explorer</a> (<a'
            ' href="explorer.html#tabel=x">here</a>).',
        ),
    ],
)
def test_a_notebook_named_in_the_prose_is_a_link_to_its_story(tmp_path, lang, prose, linked):
    """On the site the notebooks are stories: "notebook 7" in prose and in computed prose is
    a link to story 7, in the site's word; a number without a story, code and a link stay as
    written."""
    cells = [
        {"cell_type": "markdown", "source": prose},
        _code_cell([_output("data", {"text/markdown": prose})]),
    ]
    stems = ["01_a", "02_b", "07_c"]
    page = render(Story("03_x", {"cells": cells}, {}), lang, tmp_path, "", stems)  # as written
    assert page.count(linked) == 2


def _chart(build, lang, title):
    """A chart's files as the main job leaves them (fixture values, not real figures)."""
    folder = build / "figures" / "artikel" / lang
    folder.mkdir(parents=True)
    rows = [
        ["regio", "jaar", "aantal", "aandeel", "bron_soort", "tabel", "bron_url"],
        [INJECTED[0], "2024", "3340560", "47.0", "statline", "71488ned", STATLINE_URL],
        [INJECTED[1], "2024", "12", "", "eurostat", "ilc_lvph03", ""],
        ["boek", "2017", "3000000", "", "book", "claim-1", ""],
    ]
    text = "\n".join(",".join(f'"{v.replace(chr(34), chr(34) * 2)}"' for v in r) for r in rows)
    (folder / "x.csv").write_text("\ufeff" + text + "\n", encoding="utf-8")
    record = {
        "title": title,
        "subtitle": INJECTED[1],
        "source": f"Bron: {INJECTED[0]}",
        "alt": f"Lijngrafiek {INJECTED[1]}",
        "theme": "artikel",
        "png_pixels": [1950, 1200],
        "smallest_text_pt": 6.8,
        "files": {k: f"x.{k}" for k in ("png", "svg", "pdf", "csv", "xlsx", "json")}
        | {"png_smal": "x_smal.png"},
    }
    return Chart("x", {"artikel": record}, {"artikel": f"figures/artikel/{lang}"})


@pytest.mark.parametrize(
    ("lang", "numbers", "header", "label"),
    [
        ("nl", ("3.340.560", "47,0"), "Personen (aantal)", "voor een artikel, 300 dpi"),
        ("en", ("3,340,560", "47.0"), "People (number)", "for an article, 300 dpi"),
    ],
)
def test_a_chart_block_reads_as_a_table_with_its_sources(tmp_path, lang, numbers, header, label):
    chart = _chart(tmp_path, lang, INJECTED[0])
    block = chart_block(chart, lang, tmp_path, "")
    assert "<img" not in block.replace('<img src="figures/artikel', "") and "<script" not in block
    table = block.split("<figcaption")[0]  # rows from CBS, Eurostat and the book: each says so
    assert "<th scope=col>regio</th>" in table and "<th scope=col>bron_soort</th>" in table
    assert "<th scope=col>tabel</th>" not in table and STATLINE_URL not in table
    assert "\ufeff" not in block and "thema" not in block and label in block
    assert f'<td class="num">{numbers[0]}</td><td class="num">{numbers[1]}</td>' in block
    assert 'srcset="figures/artikel/' + lang + '/x_smal.png"' in block  # the phone image
    caption = block.split("<figcaption>")[1]
    assert 'href="https://opendata.cbs.nl/statline/#/CBS/nl/dataset/71488ned/table"' in caption
    assert caption.count("<a ") == 1  # only rows that record their page (bron_url) link one
    record = chart.records["artikel"]
    record["columns"] = [  # contract 4: headers in words from the JSON sidecar
        {"key": "regio", "label": "Regio", "kind": "text"},
        {"key": "jaar", "label": "Jaar", "kind": "period"},
        {"key": "aantal", "label": header, "kind": "count"},
        {"key": "aandeel", "label": "%", "kind": "percent"},
        *({"key": k, "label": k, "kind": "source"} for k in ("bron_soort", "tabel", "bron_url")),
    ]
    block = chart_block(chart, lang, tmp_path, "")
    assert f'<th scope=col class="num">{header}</th>' in block and "<td>2024</td>" in block


def test_slides_keep_text_from_data_as_text(tmp_path):
    chart = _chart(tmp_path, "nl", INJECTED[0])
    story = Story("03_x", {"cells": []}, {}, charts=[chart])
    for path in write_decks(tmp_path, "nl", [story], ""):
        text = path.read_text()
        assert "<img src=x" not in text and "<script>window" not in text
        assert "&lt;img src=x" in text


def _reader_table(tmp_path: Path, columns: list[tuple[str, str, str]], rows: str, lang: str):
    """The reader's table of a chart whose data file holds these columns (key, label, kind)
    and CSV rows."""
    header = ",".join(key for key, _, _ in columns)
    (tmp_path / "x.csv").write_text(f"{header}\n{rows}", encoding="utf-8")
    record = {"columns": [{"key": k, "label": label, "kind": kind} for k, label, kind in columns]}
    return chartdata.table(tmp_path / "x.csv", record, lang)


def test_a_value_every_row_shares_is_said_once_above_the_table(tmp_path):
    """On a phone every column costs room before the numbers: "Periode 2024" in each row
    goes into the caption; a column whose values differ, the kind of source, and a table of
    one row or without numbers, stay as they are."""
    columns = [
        ("periode", "Periode", "period"),
        ("regio", "Regio", "text"),
        ("geslacht", "Geslacht", "text"),
        ("aandeel", "Aandeel (%)", "percent"),
        ("bron_soort", "Soort bron", "source"),
    ]
    rows = "2024,Nederland,Mannen,5.4,CBS\n2024,Nederland,Vrouwen,6.7,CBS\n2024,Nederland,X,,boek\n"
    folders = [tmp_path / name for name in ("twee", "een", "woorden")]
    for folder in folders:
        folder.mkdir()
    table = _reader_table(folders[0], columns, rows, "nl")
    single = _reader_table(folders[1], columns, "2024,Nederland,Mannen,5.4,CBS\n", "nl")
    words = _reader_table(
        folders[2], columns[:3], "2024,Nederland,Mannen\n2024,Nederland,Mannen\n", "nl"
    )
    assert "<caption>Periode: 2024 · Regio: Nederland</caption>" in table  # not "Soort bron"
    assert "<caption>" not in words
    headers = re.findall(r"<th scope=col[^>]*>([^<]*)</th>", table)
    assert headers == ["Geslacht", "Aandeel (%)", "Soort bron"] and "<td>Vrouwen</td>" in table
    assert "<caption>" not in single and "<th scope=col>Periode</th>" in single


@pytest.mark.parametrize(("lang", "exact", "rounded"), [("nl", "29,2", "43"), ("en", "29.2", "43")])
def test_a_rounded_figure_keeps_its_whole_number_in_the_reader_table(
    tmp_path, lang, exact, rounded
):
    """A row whose ``precisie`` says rounded (a figure published as a whole percent) is not
    shown with a decimal it never had."""
    words = {"nl": "afgerond", "en": "rounded"}[lang]
    rows = f"2022,29.2,exact,\n2016,43.0,{words},42.5\n"
    columns = [
        ("jaar", "Jaar", "period"),
        ("percentage", "%", "percent"),
        ("precisie", "Precisie", "text"),
        ("ondergrens", "Ondergrens", "percent"),
    ]
    shown = _reader_table(tmp_path, columns, rows, lang)
    cells = re.findall(r'<td class="num">([^<]*)</td>', shown)
    bound = "42,5" if lang == "nl" else "42.5"  # a bound computed from it keeps its half
    assert cells == [exact, "", rounded, bound]


def test_a_chart_record_from_an_older_build_still_gets_a_phone_width():
    """Another theme's files left in figures/ by an older build have no ``smallest_text_pt``:
    the page is still written (it used to stop with a KeyError)."""
    from eenzaamheid.site.chartblock import min_width

    record = {"theme": "notebook", "png_pixels": [1200, 750]}
    assert min_width(record, False) == min_width(record | {"smallest_text_pt": 8.8}, False)


@pytest.mark.parametrize(("lang", "book"), [("nl", "het boek"), ("en", "the book")])
def test_reader_table_says_which_rows_are_the_books_and_drops_rows_without_a_number(
    tmp_path, lang, book
):
    """Rows from CBS and from the book side by side: each says its kind of source; a row
    with no number at all (an age group without figures) is left out, a gap in a row that
    has a number stays an empty cell."""
    cbs = {"nl": "CBS-tabel (StatLine)", "en": "CBS table (StatLine)"}[lang]
    rows = f"0 tot 5 jaar,,,{cbs}\n15 tot 25 jaar,12.1,,{cbs}\n15 tot 25 jaar,12.1,,{book}\n"
    columns = [
        ("groep", "Groep", "text"),
        ("percentage", "%", "percent"),
        ("aantal", "Aantal", "count"),
        ("bron_soort", "Soort bron", "source"),
    ]
    shown = _reader_table(tmp_path, columns, rows, lang)
    assert "<th scope=col>Soort bron</th>" in shown and "0 tot 5 jaar" not in shown
    rows = re.findall(r"<tr>(.*?)</tr>", shown)[1:]
    assert [re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in rows] == [
        ["12.1".replace(".", "," if lang == "nl" else "."), "", cbs],
        ["12.1".replace(".", "," if lang == "nl" else "."), "", book],
    ]
    assert "<caption>Groep: 15 tot 25 jaar</caption>" in shown  # the group both rows share
    one_source = _reader_table(tmp_path, columns[:2] + columns[3:], f"Totaal,10.7,{cbs}\n", lang)
    assert "Soort bron" not in one_source and cbs not in one_source


def test_reader_table_leaves_out_a_unit_column_its_header_already_gives(tmp_path):
    """``Percentage (%)`` beside a column of ``%`` in every row: the column goes. A unit that
    says more than the headers (``% van personen``), or one no header gives, stays."""
    columns = [
        ("jaar", "Jaar", "period"),
        ("percentage", "Percentage (%)", "percent"),
        ("eenheid", "Eenheid", "text"),
    ]

    def headers_of(columns: list[tuple[str, str, str]], rows: str) -> list[str]:
        table = _reader_table(tmp_path, columns, rows, "nl")
        return re.findall(r"<th scope=col[^>]*>([^<]*)</th>", table)

    def headers(rows: str) -> list[str]:
        return headers_of(columns, rows)

    assert headers("2022,29.2,%\n2016,43.0,%\n") == ["Jaar", "Percentage (%)"]
    assert "Eenheid" in headers("2022,29.2,% van personen\n")
    assert "Eenheid" in headers("2022,29.2,%\n2016,12.0,personen\n")
    english = [("jaar", "Year", "period"), ("aandeel", "Share (%)", "percent"), columns[2]]
    shown = _reader_table(tmp_path, english, "2022,29.2,%\n", "en")
    assert "Eenheid" not in shown and '<th scope=col class="num">Share (%)</th>' in shown
    columns[1] = ("waarde", "Waarde", "number")  # the unit is another column's: it stays
    columns.insert(2, ("marge", "Marge (%)", "percent"))
    assert "Eenheid" in headers("2022,29.2,1.5,%\n")
    # every number's header gives its unit, and the column's units are among them: it goes
    # (beside counts of persons, "% van personen" in every row read as theirs)
    counts = [("jaar", "Jaar", "period"), ("alleen", "Alleenstaanden (personen)", "count")]
    share = [("aandeel", "Aandeel (% van personen)", "percent"), columns[-1]]
    assert headers_of(counts + share, "2024,27993,5.4,% van personen\n") == [
        "Jaar",
        "Alleenstaanden (personen)",
        "Aandeel (% van personen)",
    ]
    mixed = [*counts, ("percentage", "Percentage (%)", "percent"), columns[-1]]
    assert "Eenheid" not in headers_of(mixed, "2019,,14,%\n2022,3149006,,personen\n")


@pytest.mark.parametrize(("lang", "page"), [("nl", "verkenner.html"), ("en", "explorer.html")])
def test_the_notebooks_controls_point_to_the_explorer_on_the_website(tmp_path, lang, page):
    """Where a story shows widgets (story 10), which work only in JupyterLab, a reader without
    Python gets a link to the explorer page of the site, in the page's language."""
    from eenzaamheid.site.story import WIDGET

    cells = [_code_cell([_output("display_data", {WIDGET: {"model_id": "x"}, "text/plain": "w"})])]
    html = render(Story("10_x", {"cells": cells}, {}), lang, tmp_path, "")
    assert f'<a href="{page}">' in html


def test_the_explorer_page_says_what_to_do_without_javascript_and_announces_its_title(site):
    """Without JavaScript the explorer is an empty form: a note says where the figures are
    and links to the overview; the chart's title (which also says a choice has no figures)
    is read out when it changes."""
    for page in (site.build / "verkenner.html", site.build / "en" / "explorer.html"):
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<noscript><p class="note">[^<]+<a href="index.html">', html), page
        assert '<p id="v-title" class="v-title" aria-live="polite">' in html


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_chart_that_pairs_two_measures_reads_as_a_row_per_pair(site, lang):
    """Story 6's scatter pairs each municipality's share of one-person households with its
    estimated loneliness: its table has a row per municipality with both figures (the wide
    layout), not the two lists one after the other, cut off after 400 rows."""
    figures = site.figures / ("artikel/nl" if lang == "nl" else "college/en")
    path = figures / "06_eenpersoons_en_eenzaamheid.csv"
    record = json.loads(path.with_suffix(".json").read_text("utf-8"))
    html = chartdata.table(path, record, lang)
    rows = re.findall(r"<tr>(.*?)</tr>", html)
    assert len(rows) == 1 + len(pd.read_csv(path.with_name(path.stem + "_breed.csv")))
    assert len(rows) - 1 < 400 and "class=note" not in html  # every pair, nothing cut off
    head = re.findall(r"<th scope=col[^>]*>(.*?)</th>", rows[0])
    assert head[0] == {"nl": "Regio", "en": "Region"}[lang] and len(head) == 3
    amsterdam = next(r for r in rows if ">Amsterdam<" in r)
    assert len(re.findall(r'<td class="num">\d+[.,]\d</td>', amsterdam)) == 2
    assert "2015" in html and "2016" in html and ">2.015<" not in html  # years in the caption
