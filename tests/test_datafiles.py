"""The files a writer takes away with a chart: CSV, CSV for Dutch Excel, the wide layout, XLSX,
the chart without title and source line, the alt text in the SVG; none runs code, counts are
whole numbers, no path on this computer, and each names the notebook and cell that drew it."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from matplotlib.image import imread
from openpyxl import load_workbook

from eenzaamheid import charts as ch
from eenzaamheid import configure
from eenzaamheid.errors import CbsError

from .test_export import pdf_text

matplotlib.use("Agg")

SVG = "{http://www.w3.org/2000/svg}"
FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-a", "@b", "\tc", "\rd"]
TITLE, SUBTITLE = "Een titel die de bevinding zegt", "Aandeel in procenten"


@pytest.fixture(autouse=True)
def figures(tmp_path, monkeypatch):
    monkeypatch.setenv("EENZAAMHEID_FIGURES", str(tmp_path))
    return tmp_path


STATLINE_71488 = "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/71488ned/table"


def _rows() -> pd.DataFrame:
    """Fixture rows (not CBS figures): three years, two sexes, a share and a count."""
    rows = pd.DataFrame(
        {
            "jaar": [2000, 2000, 2010, 2010, 2024, 2024],
            "geslacht": ["Mannen", "Vrouwen"] * 3,
            "aandeel": [10.25, 12.0, 11.5, 13.0, 12.75, 14.0],
            "Alleenstaand_4": [456609.0, 500000.0, 510000.0, 560000.0, 600000.0, 650000.0],
            "eenheid": "%",
        }
    )
    return rows.assign(
        bron_soort="statline", tabel="71488ned", bron_datum="2025-06-05", bron_url=STATLINE_71488
    )


def _save(data: pd.DataFrame, name="proef", theme="artikel", lang="nl"):
    configure(theme=theme, lang=lang)
    with ch.Chart(TITLE, SUBTITLE) as chart:
        for _, rows in data.groupby("geslacht"):
            chart.ax.plot(rows["jaar"], rows["aandeel"])
        return chart.save(name, data, alt="Lijngrafiek: twee lijnen die stijgen.")


@pytest.fixture(scope="module")
def proef(tmp_path_factory):
    """The fixture rows saved once (artikel, Dutch) for the tests that only read the files."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EENZAAMHEID_FIGURES", str(tmp_path_factory.mktemp("proef")))
        try:
            return _save(_rows())
        finally:
            configure()


def _labelled(paths, key: str = "csv", **read) -> pd.DataFrame:
    """A data file read back, with the column keys of the chart's JSON as names."""
    record = json.loads(paths["json"].read_text())
    names = {c["label"]: c["key"] for c in record["columns"]}
    return pd.read_csv(paths[key], encoding="utf-8-sig", **read).rename(columns=names)


def test_the_dutch_excel_csv_holds_the_same_numbers(proef):
    standard = pd.read_csv(proef["csv"], encoding="utf-8-sig")
    dutch = pd.read_csv(proef["csv_excel_nl"], encoding="utf-8-sig", sep=";", decimal=",")
    pd.testing.assert_frame_equal(dutch, standard)
    assert "10,2" in proef["csv_excel_nl"].read_text(encoding="utf-8-sig")  # a decimal comma
    assert list(standard.columns[:4]) == [
        "Jaar",
        "Geslacht",
        "Aandeel (%)",
        "Alleenstaanden (personen)",
    ]


def test_the_wide_file_is_the_long_file_pivoted(proef):
    long = _labelled(proef)
    wide = pd.read_csv(proef["csv_breed"], encoding="utf-8-sig").set_index("Jaar")
    assert list(wide.columns) == [
        "Mannen, Aandeel (%)",
        "Vrouwen, Aandeel (%)",
        "Mannen, Alleenstaanden (personen)",
        "Vrouwen, Alleenstaanden (personen)",
    ]
    pivoted = long.pivot(index="jaar", columns="geslacht", values="aandeel")
    assert wide["Mannen, Aandeel (%)"].tolist() == pivoted["Mannen"].tolist() == [10.2, 11.5, 12.8]
    assert wide["Vrouwen, Alleenstaanden (personen)"].tolist() == [500000, 560000, 650000]
    assert json.loads(proef["json"].read_text())["wide"] == {
        "rows": "jaar",
        "series": ["geslacht"],
        "values": ["aandeel", "Alleenstaand_4"],
        "alongside": [],
        "notes": [],
        "kinds": ["period", "percent", "percent", "count", "count"],  # of each column, in order
    }
    sheets = pd.read_excel(proef["xlsx"], sheet_name=None, engine="calamine")
    assert list(sheets) == ["cijfers", "breed", "toelichting"]
    pd.testing.assert_frame_equal(sheets["breed"].set_index("Jaar"), wide, check_dtype=False)


def test_one_value_gives_series_named_by_their_category_and_unit():
    paths = _save(_rows().drop(columns="Alleenstaand_4"))
    wide = pd.read_csv(paths["csv_breed"], encoding="utf-8-sig")
    assert list(wide.columns) == ["Jaar", "Mannen (%)", "Vrouwen (%)"]


def test_no_wide_file_when_no_layout_holds_every_value_once():
    rows = pd.concat([_rows(), _rows().head(1).assign(aandeel=10.0)])  # one point twice
    paths = _save(rows)
    assert "csv_breed" not in paths and json.loads(paths["json"].read_text())["wide"] is None


def test_the_bare_files_have_no_title_subtitle_or_source_line(proef):
    source = "Bron: CBS, tabel 71488ned (opgehaald 05-06-2025)"
    for fmt in ("svg", "pdf"):
        assert TITLE in pdf_text(proef["pdf"]) and source in proef["svg"].read_text()
        text = pdf_text(proef[f"{fmt}_kaal"]) if fmt == "pdf" else proef["svg_kaal"].read_text()
        for words in (TITLE, SUBTITLE, source, "Bron"):
            assert words not in text, (fmt, words)
    assert "2010" in pdf_text(proef["pdf_kaal"])  # the axes are still there
    assert imread(proef["png_kaal"]).shape == imread(proef["png"]).shape


def _svg(path):
    root = ET.parse(path).getroot()
    assert len(root.findall(f"{SVG}title")) == len(root.findall(f"{SVG}desc")) == 1
    return root[0].tag, root.find(f"{SVG}title").text, root.find(f"{SVG}desc").text


def test_every_svg_carries_the_alt_text_in_its_desc(proef):
    assert _svg(proef["svg"]) == (f"{SVG}title", TITLE, "Lijngrafiek: twee lijnen die stijgen.")
    assert _svg(proef["svg_kaal"])[1:] == ("Lijngrafiek", "Lijngrafiek: twee lijnen die stijgen.")


def test_an_svg_names_fonts_to_fall_back_on_after_the_one_it_was_drawn_in(proef):
    """A lecture hall's computer without DejaVu Sans shows a sans-serif (Arial, Helvetica),
    not the browser's default serif."""
    families = set(re.findall(r"font-family: ([^;\"]+)", proef["svg"].read_text()))
    assert families and all(
        f.startswith("'DejaVu Sans'") and "Arial" in f and f.endswith("sans-serif")
        for f in families
    ), families


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_xlsx_has_widths_a_frozen_header_and_typed_cells(lang):
    paths = _save(_rows().assign(jaar=lambda d: d["jaar"].astype(str)), lang=lang)  # as text
    book = load_workbook(paths["xlsx"])
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    assert sheet.column_dimensions["A"].width >= 8 and sheet.column_dimensions["D"].width >= 26
    year, share, count = sheet["A2"], sheet["C2"], sheet["D2"]
    assert (year.value, year.data_type, year.number_format) == (2000, "n", "0")
    assert (share.value, share.number_format) == (10.2, "#,##0.0")
    assert (count.value, count.number_format) == (456609, "#,##0")
    assert isinstance(count.value, int)
    about = book.worksheets[-1]
    keys = [row[1].value for row in about.iter_rows() if row[1].value]
    assert "Alleenstaand_4" in keys and "jaar" in keys  # the CBS key beside the header


def test_no_text_from_data_runs_as_a_formula():
    rows = _rows().assign(geslacht=FORMULAS, aandeel=[-3.5, 1.0, 2.0, 3.0, 4.0, 5.0])
    with ch.Chart(TITLE, SUBTITLE) as chart:
        chart.ax.plot(rows["jaar"], rows["aandeel"])
        paths = chart.save("formules", rows, alt="Lijn.")
    for key in ("csv", "csv_excel_nl"):
        sep = ";" if key == "csv_excel_nl" else ","
        read = pd.read_csv(paths[key], encoding="utf-8-sig", sep=sep, dtype=str)
        assert read["Geslacht"].tolist() == ["'" + f for f in FORMULAS], key
        assert read["Aandeel (%)"].iloc[0] in ("-3.5", "-3,5")  # a number stays a number
    wide = pd.read_csv(paths["csv_breed"], encoding="utf-8-sig", dtype=str)
    assert all(any(c.startswith("'" + f) for c in wide.columns) for f in FORMULAS)
    assert not [c for c in wide.columns if c.startswith(tuple("=+-@\t\r"))]
    book = load_workbook(paths["xlsx"])
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    read_back = [f.replace("\r", "\n") for f in FORMULAS]  # XML reads a CR as a line end
    labels = {c.value: c for c in cells if c.value in read_back}
    assert set(labels) == set(read_back)  # as written, kept text by the quote prefix
    assert all(c.data_type == "s" and c.quotePrefix for c in labels.values())
    assert book.worksheets[0]["C2"].value == -3.5


def test_counts_are_whole_numbers_also_beside_other_units():
    rows = pd.DataFrame(
        {"onderdeel": ["a", "b"], "waarde": [456609.0, 22.25], "eenheid": ["personen", "%"]}
    ).assign(
        bron_soort="statline", tabel="71488ned", bron_datum="2025-06-05", bron_url=STATLINE_71488
    )
    with ch.Chart(TITLE, SUBTITLE) as chart:
        chart.ax.bar(rows["onderdeel"], rows["waarde"])
        paths = chart.save("aantallen", rows, alt="Staven.", decimals={})
    text = pd.read_csv(paths["csv"], encoding="utf-8-sig", dtype=str)  # as text: sees ".0"
    assert text["Waarde"].tolist() == ["456609", "22.2"]
    cells = load_workbook(paths["xlsx"]).worksheets[0]
    assert cells["B2"].value == 456609 and isinstance(cells["B2"].value, int)
    with ch.Chart(TITLE, SUBTITLE) as chart:
        chart.ax.bar(rows["onderdeel"], rows["waarde"])
        paths = chart.save("nul", rows, alt="Staven.", decimals={"waarde": 0})
    assert pd.read_csv(paths["csv"], dtype=str)["Waarde"].tolist() == ["456609", "22"]


def test_a_figure_known_only_rounded_keeps_its_published_digits_in_every_file():
    """11 % as a news release gave it is written 11, never 11.0 (a decimal no one published),
    beside an exact 10.7 in the same column: in the CSVs, the wide file and the workbook."""
    rows = pd.DataFrame(  # fixture values, shaped as story 2's strongly lonely
        {"jaar": [2021, 2022], "waarde": [11.0, 10.7], "eenheid": "%"}
    ).assign(precisie=["rounded", "exact"], bron_soort="statline", tabel="85766NED",
             bron_datum="2025-06-05", bron_url=STATLINE_71488)  # fmt: skip
    with ch.Chart(TITLE, SUBTITLE) as chart:
        chart.ax.plot(rows["jaar"], rows["waarde"], "o")
        paths = chart.save("afgerond", rows, alt="Stippen.")
    assert pd.read_csv(paths["csv"], dtype=str)["Waarde (%)"].tolist() == ["11", "10.7"]
    excel = pd.read_csv(paths["csv_excel_nl"], sep=";", dtype=str, encoding="utf-8-sig")
    assert excel["Waarde (%)"].tolist() == ["11", "10,7"]
    cells = load_workbook(paths["xlsx"]).worksheets[0]
    assert [cells["B2"].value, cells["B2"].number_format] == [11, "#,##0"]
    assert [cells["B3"].value, cells["B3"].number_format] == [10.7, "#,##0.0"]


@pytest.mark.parametrize(("lang", "words"), [("nl", "berekend"), ("en", "computed")])
def test_a_rows_precision_is_said_in_words_and_an_unknown_one_refused(lang, words):
    precision = ["exact", "rounded", "computed", "exact", "rounded", "computed"]
    words_of = {"exact": "exact", "rounded": {"nl": "afgerond", "en": "rounded"}[lang]}
    paths = _save(_rows().assign(precisie=precision), lang=lang)
    assert _labelled(paths)["precisie"].iloc[2] == words
    assert _labelled(paths)["precisie"].tolist()[:2] == [words_of["exact"], words_of["rounded"]]
    with pytest.raises(
        CbsError, match=r"precisie \['ongeveer'\]: use one of exact, rounded, computed"
    ):
        _save(_rows().assign(precisie="ongeveer"), lang=lang)


def test_a_path_on_this_computer_is_refused_and_a_map_named_by_its_public_source():
    rows = _rows().assign(kaart="data/raw/elders/gemeente_2015.topojson")
    with pytest.raises(CbsError, match=re.escape("'kaart' holds 'data/raw/elders/gemeente_20")):
        _save(rows)
    with pytest.raises(CbsError, match=re.escape("'tabel' holds '/home/")):
        _save(_rows().assign(tabel="/home/iemand/tabel.csv"))
    boundaries = ch.load_map("gemeente_2015")
    for kaart in (boundaries["source"], boundaries["source"]["file"]):  # record or file
        paths = _save(_rows().assign(kaart=[kaart] * 6))
        assert set(_labelled(paths)["kaart"]) == {
            "CBS/PDOK, gemeentegrenzen 2015 (https://github.com/cartomap/nl/blob/"
            "10e524b4348439e7d022bef107fa5cb000120449/rd/gemeente_2015.topojson)"
        }


def test_outside_a_notebook_the_files_say_so(proef):
    record = json.loads(proef["json"].read_text())
    assert (record["notebook"], record["cell"]) == (None, None)
    about = pd.read_excel(proef["xlsx"], sheet_name="toelichting", header=None, engine="calamine")
    assert "niet vastgelegd (buiten een notebook getekend)" in about[1].tolist()


def test_every_chart_names_the_notebook_and_cell_that_drew_it(every_chart):
    """The main job's kernels (as JupyterLab's) record where each chart was drawn: the
    notebook, the cell's number and id in the saved notebook, also in the about-sheet."""
    notebooks = Path(__file__).resolve().parents[1] / "notebooks"
    for _folder, record in every_chart:
        cells = json.loads((notebooks / record["notebook"]).read_text("utf-8"))["cells"]
        cell = cells[record["cell"] - 1]  # counted from 1, as the about-sheet says it
        assert (cell["cell_type"], cell["id"]) == ("code", record["cell_id"]), record["name"]
        assert "save" in "".join(cell["source"]), record["name"]  # .save(…) or save=True
    folder, record = every_chart[0]
    about = pd.read_excel(
        folder / record["files"]["xlsx"], sheet_name="toelichting", header=None, engine="calamine"
    )
    said = f"{record['notebook']}, cel {record['cell']} "
    assert said in " ".join(about[1].dropna().astype(str))


PATH_LIKE = re.compile(r"(?<![\w/.:-])(?:data|src|notebooks|tests|build|figures)/|^~?/")


@pytest.fixture(scope="module")
def every_chart(site):
    """Every chart the main job wrote: artikel in Dutch, college in English."""
    folders = (site.figures / "artikel" / "nl", site.figures / "college" / "en")
    return [(f, json.loads(p.read_text())) for f in folders for p in sorted(f.glob("*.json"))]


def test_every_chart_has_its_writers_files(every_chart):
    assert len(every_chart) >= 50
    for folder, record in every_chart:
        files = {k: folder / v for k, v in record["files"].items()}
        assert {"csv", "csv_excel_nl", "xlsx", "json"} <= set(files)
        bare = {"png_kaal", "svg_kaal", "pdf_kaal"}
        assert bare <= set(files) if record["theme"] == "artikel" else not bare & set(files)
        for key in ("svg", "svg_kaal") if record["theme"] == "artikel" else ("svg",):
            assert ET.parse(files[key]).getroot().find(f"{SVG}desc").text == record["alt"]
        assert record["notebook"] and record["cell"], record["name"]
        if record["theme"] != "artikel":
            continue
        title = ET.parse(files["svg_kaal"]).getroot().find(f"{SVG}title").text
        assert title.count("(") == title.count(")"), (record["name"], title)
        drawn = ET.parse(files["svg_kaal"]).getroot().iter(f"{SVG}text")
        svg, pdf = " ".join("".join(t.itertext()) for t in drawn), pdf_text(files["pdf_kaal"])
        for text in (record["title"], record["subtitle"], record["source"]):
            assert text[:30] not in svg and text[:30] not in pdf, (record["name"], text)


COLOURS = re.compile(  # colours and line styles; Dutch ones also ending a word (lichtblauw)
    r"\b(?:\w*(?:grijs|grijze|blauwe?|oranje|rood|rode|groene?|geel|gele|paarse?|zwarte?|wit|"
    r"witte|gestippelde?|stippellijn|gestreepte?)|gr[ae]y|blue|orange|red|green|yellow|purple|"
    r"black|white|dashed|dotted)\b",
    re.IGNORECASE,
)


def test_a_chart_keys_its_marks_on_the_plot_not_by_colour_in_its_title(every_chart):
    """No title or subtitle names a colour ("grotere bevolking (grijs)"): the ``_kaal`` file
    has neither, so its key would be lost, and a reader who cannot tell the colours apart never
    had it. A key, a label or an axis on the plot says what a mark is."""
    named = {
        (record["name"], record["lang"], key): found
        for _, record in every_chart
        for key in ("title", "subtitle")
        if (found := COLOURS.findall(record[key]))
    }
    assert named == {}


def test_a_name_in_a_cell_of_a_data_file_stands_on_its_own(every_chart):
    """A row of a writer's file is a label on its own, as on the chart: "The Netherlands", not
    the "the Netherlands" a sentence needs (04's and the explorer's files had it)."""
    lowered = {}
    for folder, record in every_chart:
        if record["lang"] != "en":
            continue
        text = pd.read_csv(folder / record["files"]["csv"], encoding="utf-8-sig", dtype=str)
        for column in text.columns:
            cells = set(text[column].dropna()) & {"the Netherlands"}
            if cells:
                lowered[(record["name"], column)] = cells
    assert lowered == {}


def test_every_data_file_reads_right(every_chart):
    for folder, record in every_chart:
        files = {k: folder / v for k, v in record["files"].items()}
        text = pd.read_csv(files["csv"], encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(text.columns) == [c["label"] for c in record["columns"]]
        for column in record["columns"]:
            values = text[column["label"]]
            if column["kind"] == "count":
                assert not values.str.contains(r"\.").any(), (record["name"], column)
            assert not values.str.contains(PATH_LIKE).any(), (record["name"], column)
        standard = pd.read_csv(files["csv"], encoding="utf-8-sig")
        dutch = pd.read_csv(files["csv_excel_nl"], encoding="utf-8-sig", sep=";", decimal=",")
        pd.testing.assert_frame_equal(dutch, standard, obj=record["name"])


def _cells(frame: pd.DataFrame, rows: str, values: list[str]) -> list[tuple[str, str]]:
    return sorted(
        (str(row), value)
        for column in values
        for row, value in zip(frame[rows], frame[column], strict=True)
        if value != ""
    )


def test_every_wide_file_is_its_long_file_pivoted(every_chart):
    written = alongside = flagged = 0
    for folder, record in every_chart:
        if record["wide"] is None:
            continue
        written += 1
        files = {k: folder / v for k, v in record["files"].items()}
        read = {"encoding": "utf-8-sig", "dtype": str, "keep_default_na": False}
        long = pd.read_csv(files["csv"], **read)
        long.columns = [c["key"] for c in record["columns"]]
        wide = pd.read_csv(files["csv_breed"], **read)
        spec = record["wide"]
        after = len(spec["alongside"]) + len(spec["notes"])  # the columns after the series
        series = list(wide.columns[1 : len(wide.columns) - after])
        assert _cells(long, spec["rows"], spec["values"]) == _cells(
            wide, wide.columns[0], series
        ), record["name"]
        labels = {c["key"]: c["label"] for c in record["columns"]}
        beside = wide.columns[len(wide.columns) - after :]
        assert list(beside[: len(spec["alongside"])]) == [labels[k] for k in spec["alongside"]]
        for note, header in zip(spec["notes"], beside[len(spec["alongside"]) :], strict=True):
            assert note["series"] in series and header.startswith(labels[note["key"]])
        alongside += bool(spec["alongside"])
        flagged += "vlag" in {note["key"] for note in spec["notes"]}
    assert written >= 0.8 * len(every_chart)
    assert alongside >= 0.5 * written  # most say beside their numbers what they are
    assert flagged >= 2  # Eurostat's flags stay beside the values of story 9 (in each language)


FOOTNOTE = re.compile(r"\* (\d{4}): ([^;]+)")  # "* 2017: andere vragenlijst, niet ..."


def test_a_year_footnoted_on_the_chart_is_noted_on_its_rows_in_the_files(every_chart):
    """What a chart says of one year under the plot (2017: another questionnaire, not
    comparable) the data files say of that year's rows, in the long and the wide file: a
    writer who takes only the numbers keeps it."""
    footnoted = 0
    for folder, record in every_chart:
        for year, note in FOOTNOTE.findall(record["source"]):
            footnoted += 1
            for name in ("csv", "csv_breed"):
                rows = pd.read_csv(folder / record["files"][name], encoding="utf-8-sig", dtype=str)
                noted = rows[rows.iloc[:, 0] == year].iloc[:, 1:].fillna("").apply(" ".join, axis=1)
                assert noted.str.contains(note.strip(), regex=False).all(), (name, year)
                assert len(noted), (record["name"], name, year)
    assert footnoted == 2  # story 2's chart of the years, in Dutch and in English


def test_a_note_on_rows_is_a_column_of_its_own_not_part_of_a_name(every_chart):
    """A remark on some rows ("the table gives thousands, here x 1,000") goes in the Note
    column beside them; inside a category's name it became a wide file's header
    ("one-person households; the table gives thousands, ... (persons)")."""
    headers = {
        f"{record['name']}: {header}"
        for folder, record in every_chart
        if record["files"].get("csv_breed")
        for header in pd.read_csv(folder / record["files"]["csv_breed"], nrows=0).columns
        if ";" in header
    }
    assert headers == set()


def test_a_row_without_a_period_stays_blank_in_the_wide_file():
    rows = pd.concat([_rows(), _rows().head(1).assign(jaar=None, geslacht="Totaal")])
    paths = _save(rows)
    first = pd.read_csv(paths["csv_breed"], encoding="utf-8-sig", dtype=str).iloc[:, 0]
    assert first.tolist()[:3] == ["2000", "2010", "2024"] and pd.isna(first.iloc[3])


def test_a_share_without_a_unit_says_in_its_header_that_it_is_a_percentage():
    """The decomposition's share of the growth beside counts of persons: "Deel van de groei
    (%)", so that no reader takes the row's unit (persons) for its unit."""
    from eenzaamheid.charts.datafile import export_frame

    rows = _rows().head(1).assign(onderdeel="grotere bevolking", procent=32.1, eenheid="personen")
    rows = rows.drop(columns=["aandeel", "geslacht"])
    for lang, share in (("nl", "Deel van de groei (%)"), ("en", "Part of the growth (%)")):
        configure(lang=lang)
        labels = {c.key: c.label for c in export_frame(rows).columns}
        assert labels["procent"] == share and labels["Alleenstaand_4"].endswith(
            "(personen)" if lang == "nl" else "(persons)"
        )
