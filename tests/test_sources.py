"""Source lines: every table used is credited once, with its date or "datum niet vastgelegd",
and every StatLine row links to the table's public page."""

import json
import re

import pandas as pd
import pytest

from eenzaamheid import charts as ch
from eenzaamheid import configure, load
from eenzaamheid.charts.sources import PUBLIC_PAGES
from eenzaamheid.data import snapshot_tables

PAGE_71488 = "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/71488ned/table"
# Fixture rows (not CBS figures) with the provenance loaded rows carry.
DOWNLOAD = pd.DataFrame({"periode": ["2024"], "waarde": [1.0]}).assign(
    bron_soort="statline", tabel="71488ned", bron_url=PAGE_71488, bron_datum="2025-06-05"
)
FROM_PAGE = DOWNLOAD.assign(
    periode="2025",
    bron_soort="statline_table_page",
    bron_url="https://www.cbs.nl/nl-nl/cijfers/detail/71488ned",
    bron_datum="",
)


@pytest.fixture(autouse=True)
def dutch():
    configure(lang="nl")  # conftest resets it after the test


def test_a_statline_row_without_its_public_page_is_refused():
    with pytest.raises(ValueError, match=r"\['71488ned'\] have no bron_url"):
        ch.source_line(DOWNLOAD.assign(bron_url=""))
    with pytest.raises(ValueError, match="no bron_url"):
        ch.source_line(DOWNLOAD.drop(columns="bron_url"))


@pytest.mark.parametrize("date", ["unknown", "Unknown", "onbekend", "2025"])
def test_a_date_column_holds_dates_or_nothing(date):
    with pytest.raises(ValueError, match="bron_datum holds"):
        ch.source_line(DOWNLOAD.assign(bron_datum=date))


def test_a_table_read_from_its_download_and_its_page_is_named_once():
    line = ch.source_line(pd.concat([DOWNLOAD, FROM_PAGE]))
    assert line == (
        "Bron: CBS, tabel 71488ned (opgehaald 05-06-2025; 2025 overgenomen van cbs.nl, datum "
        "niet vastgelegd)"
    )
    configure(lang="en")
    assert ch.source_line(FROM_PAGE) == (
        "Source: CBS, table 71488ned (transcribed from cbs.nl, date not recorded)"
    )


def test_dates_where_known_and_words_where_not():
    undated = DOWNLOAD.assign(tabel="70072ned", bron_datum="")
    assert ch.source_line(pd.concat([DOWNLOAD, undated])) == (
        "Bron: CBS, tabellen 71488ned (opgehaald 05-06-2025) en 70072ned (datum niet vastgelegd)"
    )


def test_a_table_used_only_to_choose_is_credited_in_the_same_line_once():
    chooser = DOWNLOAD.assign(tabel="70072ned", bron_datum="").drop(columns="waarde")
    line = ch.source_line(DOWNLOAD, credit=pd.concat([chooser, DOWNLOAD]))
    assert line.count("70072ned") == 1 and line.count("71488ned") == 1
    assert ch.source_line(DOWNLOAD, ("een noot",), chooser).endswith("vastgelegd); een noot")


@pytest.mark.parametrize("table", snapshot_tables())
def test_every_snapshot_table_gets_a_page_and_a_date_or_nothing(table):
    rows = ch.sourced(load(table, source="snapshot"))
    statline = rows[rows["bron_soort"] == "statline"]
    pages = statline["tabel"].map(lambda name: PUBLIC_PAGES["statline"].format(table=name))
    assert (statline["bron_url"] == pages).all(), table
    assert rows["bron_url"].fillna("").str.match(r"^https://\S+$").all(), table
    dates = rows["bron_datum"].fillna("").astype(str)
    assert dates.str.fullmatch(r"(\d{4}-\d\d-\d\d)?").all(), set(dates)
    ch.source_line(rows)  # passes the checks


def test_every_chart_names_each_table_once_and_no_unknown_date(site):
    tables = re.compile(r"\b\d{5}(?:NED|ned)\b|\bilc_\w+|\brivm-\w+")
    for charts in (site.figures / "artikel" / "nl", site.figures / "college" / "en"):
        for path in charts.glob("*.json"):
            line = json.loads(path.read_text())["source"]
            named = tables.findall(line)
            assert len(named) == len(set(named)), f"{path.name}: {line}"
            assert "unknown" not in line.lower(), f"{path.name}: {line}"
        for path in charts.glob("*.csv"):
            if path.stem.endswith(("_excel-nl", "_breed")):  # other layouts of the same rows
                continue
            cells = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
            assert not cells.isin(["unknown", "onbekend"]).any().any(), path.name


def test_chart_save_credits_a_table_used_to_choose(tmp_path, monkeypatch):
    monkeypatch.setenv("EENZAAMHEID_FIGURES", str(tmp_path))
    chooser = DOWNLOAD.assign(tabel="70072ned", bron_datum="")
    with ch.Chart("Een titel", "Wat en eenheid") as chart:
        chart.ax.plot([2024], [1.0])
        record = chart.save("gekozen", DOWNLOAD.assign(jaar=2024), alt="Een punt.", credit=chooser)
    source = json.loads(record["json"].read_text())["source"]
    assert source == (
        "Bron: CBS, tabellen 71488ned (opgehaald 05-06-2025) en 70072ned (datum niet vastgelegd)"
    )
    written = pd.read_csv(record["csv"], dtype=str, encoding="utf-8-sig")
    assert "70072ned" not in written.to_string()  # credited, not drawn: not in the data file


def test_the_books_rows_say_whether_it_gives_a_figure_exact_or_rounded():
    """From the register's precision (half the last digit): 31,5 exact, 11 rounded."""
    import pandas as pd

    from eenzaamheid.charts.sources import book_rows

    rows = book_rows(pd.DataFrame({"value": [31.5, 11.0], "precision": [0.05, 0.5]}), "B3")
    assert rows["precisie"].tolist() == ["exact", "rounded"] and "precision" not in rows
    assert set(rows["bron_soort"]) == {"book"} and set(rows["tabel"]) == {"B3"}


TABLE_ID = re.compile(r"\b\d{5}(?:ned|NED)\b")


def _first_mentions(texts: list[str], after: str) -> dict[str, str]:
    """Per table id, what follows its first mention in ``texts`` (in order): a title in the
    form ``after`` (a regex with one group) or ``""``."""
    found: dict[str, str] = {}
    for text in texts:
        text = " ".join(text.split())
        for match in TABLE_ID.finditer(text):
            title = re.match(after, text[match.end() :])
            found.setdefault(match.group(), title.group(1) if title else "")
    return found


def test_a_story_names_each_cbs_table_by_its_own_title_the_first_time():
    """The first time a story names a CBS table, it gives the table's title as CBS does
    (in quotes; in English a translation in brackets, the same in every story), so a table is
    not known by three names."""
    from babel.messages.pofile import read_po

    from eenzaamheid.explore.known import KNOWN
    from eenzaamheid.settings import ROOT
    from eenzaamheid.site import notebooks
    from eenzaamheid.site.i18n import CATALOGUE

    titles = {
        path.stem.split("-")[0]: json.loads(path.read_text("utf-8"))["meta"]["title"]
        for path in (ROOT / "data" / "snapshot").glob("*.json")
    }
    with CATALOGUE.open("rb") as file:
        english = [m for m in read_po(file) if m.id and m.context]
    wrong, translations = [], {}
    for notebook in notebooks():
        cells = json.loads(notebook.read_text("utf-8"))["cells"]
        markdown = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
        for table, title in _first_mentions(markdown, r' "([^"]+)"').items():
            if table in titles and title != titles[table]:
                wrong.append(f"{notebook.stem}: {table} “{title}”, not “{titles[table]}”")
        texts = [m.string for m in english if m.context == notebook.stem]
        for table, title in _first_mentions(texts, r" \[([^\]]+)\]").items():
            if table in titles:
                translations.setdefault(table, set()).add(title)
    for table, known in KNOWN.items():  # the explorer's English title of a table
        if known.title_en and table in translations:
            translations[table].add(known.title_en)
    assert not wrong, "\n".join(wrong)
    several = {table: names for table, names in translations.items() if len(names) > 1}
    assert not several, several
    assert all("" not in names for names in translations.values())  # each story gives one


def test_stories_spell_each_licence_as_the_manifest_does():
    import yaml
    from babel.messages.pofile import read_po

    from eenzaamheid.settings import ROOT
    from eenzaamheid.site import notebooks
    from eenzaamheid.site.i18n import CATALOGUE

    manifest = yaml.safe_load((ROOT / "data" / "raw" / "manifest.yaml").read_text("utf-8"))
    licences = {entry["licence"].split(" (")[0] for entry in manifest}  # "CC BY 4.0 (…)"
    with CATALOGUE.open("rb") as file:
        texts = [m.string for m in read_po(file) if m.id]
    texts += [notebook.read_text("utf-8") for notebook in notebooks()]
    named = {name for text in texts for name in re.findall(r"[Ll]icen(?:tie|ce) `([^`]+)`", text)}
    assert named and named <= licences, named - licences
