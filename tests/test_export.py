"""A chart is written in every format at the theme's size, with title, source and numbers;
the theme applies only inside the chart's ``with`` block."""

import io
import json
import re
import zlib

import matplotlib
import pandas as pd
import pytest
from matplotlib.image import imread
from PIL import Image

from eenzaamheid import charts as ch
from eenzaamheid import configure

matplotlib.use("Agg")


def pdf_text(path) -> str:
    """The text drawn on a matplotlib PDF page (Type 42 fonts write UTF-16 strings)."""
    parts = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", path.read_bytes(), re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            continue
        for array in re.findall(rb"\[(.*?)\]\s*TJ", content, re.S):
            raw = b"".join(re.findall(rb"\(((?:\\.|[^\\)])*)\)", array, re.S))
            parts.append(re.sub(rb"\\(.)", rb"\1", raw).decode("utf-16-be", errors="replace"))
    return " ".join(parts)


@pytest.fixture(autouse=True)
def figures(tmp_path, monkeypatch):
    monkeypatch.setenv("EENZAAMHEID_FIGURES", str(tmp_path))
    return tmp_path


# Fixture rows (not CBS figures), each with a source as loaded data would have it.
FIXTURE = pd.DataFrame({"jaar": [2000, 2024], "waarde": [1.0, 2.25], "eenheid": "%"}).assign(
    bron_soort="statline",
    tabel="71488ned",
    bron_url="https://opendata.cbs.nl/statline/#/CBS/nl/dataset/71488ned/table",
    bron_datum="2025-06-05",
)


def _line_chart(title="Een titel die de bevinding zegt", name="proef", narrow=False):
    with ch.Chart(title, "Wat en eenheid") as chart:
        chart.ax.plot(FIXTURE["jaar"], FIXTURE["waarde"])
        ch.number_axis(chart.ax)
        return chart.save(name, FIXTURE, alt="Een lijn die stijgt.", narrow=narrow)


@pytest.mark.parametrize(
    ("theme", "pixels"),
    [("notebook", (1200, 750)), ("artikel", (1950, 1200)), ("college", (1920, 1080))],
)
def test_every_format_at_the_theme_size(figures, theme, pixels):
    configure(theme=theme, lang="nl")
    paths = _line_chart()
    assert paths["png"].parent == figures / theme / "nl"
    height, width = imread(paths["png"]).shape[:2]
    assert (width, height) == pixels
    svg = paths["svg"].read_text()
    assert (
        "Een titel die de bevinding zegt" in svg
        and "Bron: CBS, tabel 71488ned (opgehaald 05-06-2025)" in svg
    )
    drawn = pdf_text(paths["pdf"])
    assert (
        "Een titel die de bevinding zegt" in drawn
        and "Bron: CBS, tabel 71488ned (opgehaald 05-06-2025)" in drawn
    )
    written = pd.read_csv(paths["csv"], encoding="utf-8-sig")
    assert written["Waarde (%)"].tolist() == [1.0, 2.2]  # rounded to one decimal (half to even)
    assert set(written["Bron"]) == {"CBS, tabel 71488ned (opgehaald 05-06-2025)"}
    assert paths["csv"].read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8
    sheets = pd.read_excel(paths["xlsx"], sheet_name=None, engine="calamine")
    assert sheets["cijfers"]["Waarde (%)"].tolist() == [1.0, 2.2]
    assert "Bron: CBS, tabel 71488ned (opgehaald 05-06-2025)" in sheets["toelichting"].to_string()
    record = json.loads(paths["json"].read_text())
    assert record["alt"] == "Een lijn die stijgt." and record["png_pixels"] == list(pixels)
    assert (
        record["source"] == "Bron: CBS, tabel 71488ned (opgehaald 05-06-2025)"
    )  # from the rows' sources
    assert record["collisions"] == {}


def _embedded_fonts(path) -> list:
    """The TrueType fonts embedded in a matplotlib PDF (``/FontFile2`` streams)."""
    from io import BytesIO

    from fontTools.ttLib import TTFont

    pdf = path.read_bytes()
    fonts = []
    for match in re.finditer(rb"/FontFile2 (\d+) 0 R", pdf):
        body = re.search(rb"\n%s 0 obj\s.*?stream\r?\n(.*?)endstream" % match[1], pdf, re.S)
        fonts.append(TTFont(BytesIO(zlib.decompress(body[1]))))
    return fonts


def test_the_pdf_embeds_glyphs_without_the_tables_that_shape_text(figures):
    """A PDF reader draws each glyph where the file puts it: the embedded font needs outlines,
    not GSUB/GPOS (leaving them out makes the export four times faster)."""
    configure(theme="notebook", lang="nl")
    paths = _line_chart()
    fonts = _embedded_fonts(paths["pdf"])
    assert len(fonts) == 2  # regular and bold
    for font in fonts:
        assert "glyf" in font and "cmap" in font
        assert not {"GSUB", "GPOS", "GDEF", "kern"} & set(font.keys())
    assert "Een titel die de bevinding zegt" in pdf_text(paths["pdf"])


@pytest.mark.parametrize(("background", "mode"), [("white", "RGB"), ("none", "RGBA")])
def test_the_png_is_the_drawing_made_to_check_the_texts(figures, background, mode):
    """The PNG is written from the drawing that measured the texts (one draw less), and is the
    image ``savefig`` draws, pixel for pixel, metadata and resolution too; without an alpha
    channel when nothing in it is see-through (a tenth smaller, and faster to write)."""
    configure(theme="artikel", lang="nl")
    with ch.Chart("Een titel die de bevinding zegt", "Wat en eenheid") as chart:
        chart.fig.set_facecolor(background)
        chart.ax.bar(["a", "b"], [1.0, 2.25])
        metadata = {"Title": "t", "Description": "d"}
        with chart.laid_out() as collided:
            chart.write_png(figures / "getekend.png", metadata)
        chart.fig.savefig(
            figures / "opnieuw.png", dpi=chart.theme.dpi, metadata=metadata, facecolor=background
        )
    assert collided == []
    drawn, again = Image.open(figures / "getekend.png"), Image.open(figures / "opnieuw.png")
    assert drawn.size == again.size == (1950, 1200)
    assert drawn.info == again.info and drawn.info["Description"] == "d"
    assert drawn.mode == mode and again.mode == "RGBA"
    assert drawn.convert("RGBA").tobytes() == again.tobytes()


@pytest.mark.parametrize("automatic", [None, "figure.constrained_layout.use", "figure.autolayout"])
def test_a_vector_file_written_in_the_layout_is_drawn_once(figures, monkeypatch, automatic):
    """Inside ``laid_out`` the layout is done: ``savefig`` draws each SVG and PDF once (without
    a pass that only lays out again, a third of their time), also where the user's settings
    ask matplotlib to lay out every figure; afterwards the chart lays itself out as before."""
    from matplotlib.figure import Figure

    if automatic:
        monkeypatch.setitem(matplotlib.rcParams, automatic, True)
    draws = []
    original = Figure.draw
    monkeypatch.setattr(
        Figure, "draw", lambda fig, renderer: draws.append(1) or original(fig, renderer)
    )
    configure(theme="artikel", lang="nl")
    with ch.Chart("Een titel die de bevinding zegt", "Wat en eenheid") as chart:
        chart.ax.bar(["a", "b"], [1.0, 2.25])
        engine = chart.fig.get_layout_engine()
        with chart.laid_out():
            draws.clear()
            for _ in range(2):
                chart.fig.savefig(figures / "proef.svg")
                chart.fig.savefig(figures / "proef.pdf")
            assert len(draws) == 4
        assert chart.fig.get_layout_engine() is engine
    assert "Een titel die de bevinding zegt" in pdf_text(figures / "proef.pdf")


def test_the_theme_applies_only_inside_the_chart():
    configure(theme="college")
    before = dict(matplotlib.rcParams)
    with ch.Chart("t", "s") as chart:
        assert matplotlib.rcParams["font.size"] == ch.THEMES["college"].font_size
        (line,) = chart.ax.plot([1, 2], [1, 2])
        assert line.get_linewidth() == ch.THEMES["college"].line_width
    assert dict(matplotlib.rcParams) == before


def test_importing_the_package_changes_nothing_in_matplotlib():
    import subprocess
    import sys

    code = (
        "import matplotlib as mpl; before = dict(mpl.rcParams); "
        "import eenzaamheid, eenzaamheid.charts, eenzaamheid.site, eenzaamheid.cli; "
        "print(dict(mpl.rcParams) == before)"
    )
    assert subprocess.check_output([sys.executable, "-c", code], text=True).strip() == "True"


def test_artikel_also_writes_the_one_column_size_on_request():
    configure(theme="artikel", lang="nl")
    paths = _line_chart(
        "Een lange titel die bij een smalle kolom over meer regels moet", "smal", True
    )
    height, width = imread(paths["png_smal"]).shape[:2]
    assert (width, height) == (1005, 900)  # 85 mm wide at 300 dpi
    assert "smalle kolom" in pdf_text(paths["pdf_smal"])
    height, width = imread(paths["png"]).shape[:2]
    assert (width, height) == (1950, 1200)  # the full-width file is unchanged
    assert "png_smal" not in _line_chart(name="breed")


def test_a_chart_can_be_laid_out_anew_for_one_column_and_only_those_files_show_it():
    """``narrow=`` a function: it gets the chart at one-column size before the ``_smal`` files
    are drawn (fewer year labels, say); the full-width files keep their own layout."""
    configure(theme="artikel", lang="nl")
    sizes = []

    def one_column(chart) -> None:
        sizes.append(tuple(chart.fig.get_size_inches()))
        chart.ax.set_xticks([2000, 2024], ["begin", "eind"], fontsize=5)

    paths = _line_chart(name="herschikt", narrow=one_column)
    assert sizes == [(1005 / 300, 900 / 300)]  # called once, at the one-column size
    assert "eind" in pdf_text(paths["pdf_smal"]) and "eind" not in pdf_text(paths["pdf"])
    record = json.loads(paths["json"].read_text())  # a page sizes each file by its own text
    assert record["smallest_text_pt_smal"] == 5 < record["smallest_text_pt"]


def test_the_subtitle_keeps_its_place_under_the_title_at_any_figure_height():
    """The layout puts the title a fixed padding below the top edge, whatever the height; the
    subtitle follows it (it was placed by a share of the height: low on a tall figure, over
    the first panel of a stacked one-column chart, and on the title when the figure shrank)."""
    configure(theme="college", lang="nl")
    below_top = []
    for height in (3.0, 12.0):
        with ch.Chart("Een titel die over twee regels loopt " * 2, "Ondertitel") as chart:
            chart.ax.plot(FIXTURE["jaar"], FIXTURE["waarde"])
            chart.fig.set_size_inches(chart.theme.narrow[0], height)
            chart.fig.savefig(io.BytesIO(), dpi=300)  # texts keep the renderer they drew with
            chart.fit_texts()
            chart.fig.canvas.draw()
            subtitle = next(t for t in chart.fig.texts if t.get_text() == "Ondertitel")
            box = subtitle.get_window_extent(chart.fig.canvas.get_renderer())
            below_top.append((chart.fig.bbox.y1 - box.y1) * 72 / chart.fig.dpi)
            assert chart.collisions() == []
    assert abs(below_top[0] - below_top[1]) < 1  # points


def test_panels_side_by_side_can_be_stacked_for_one_column():
    """``stack_panels`` in a one-column layout: the panels one under another in their order,
    each naming its own rows (they share them side by side), the figure as high as asked."""
    configure(theme="artikel", lang="nl")
    with ch.Chart("Een titel", "Wat en eenheid", ncols=2, sharey=True) as chart:
        for ax in chart.axes:
            ax.barh(["a", "b"], FIXTURE["waarde"])
        chart.stack_panels(height=4.5)
        chart.fig.canvas.draw()
        top, bottom = (ax.get_position() for ax in chart.axes)
        assert top.y0 > bottom.y1 and abs(top.x0 - bottom.x0) < 0.05  # one column
        assert all(t.get_visible() for t in chart.axes[1].get_yticklabels())
        assert chart.fig.get_size_inches()[1] == 4.5


def test_a_one_column_chart_grows_taller_where_its_texts_leave_the_plot_too_little_room():
    """Many lines of subtitle on one column: the figure grows until its plot is a third of
    its width high, instead of squashing the plot (08's projection)."""
    configure(theme="artikel", lang="nl")
    long = ", ".join(["een ondertitel die op een smalle kolom veel regels vraagt"] * 5)
    with ch.Chart("Een titel", long) as chart:
        chart.ax.plot(FIXTURE["jaar"], FIXTURE["waarde"])
        ch.number_axis(chart.ax)
        paths = chart.save("hoog", FIXTURE, alt="Een lijn die stijgt.", narrow=True)
        plot = chart.ax.get_position().height * chart.fig.get_size_inches()[1]
    height, width = imread(paths["png_smal"]).shape[:2]
    assert width == 1005 and height > 900  # 85 mm wide, taller than the 3 inches
    assert plot >= 3.35 / 3 - 0.02


@pytest.mark.parametrize(("theme", "pixels"), [("notebook", (660, 600)), ("college", (1320, 1200))])
def test_screen_themes_write_a_one_column_size_for_phones(theme, pixels):
    """A page on a phone shows the one-column PNG in every theme, not only in print; only
    print (artikel) writes the one-column size as SVG and PDF too."""
    configure(theme=theme, lang="nl")
    paths = _line_chart(name="smal", narrow=True)
    height, width = imread(paths["png_smal"]).shape[:2]
    assert (width, height) == pixels
    assert not {"svg_smal", "pdf_smal"} & set(paths)
    assert not list(paths["png_smal"].parent.glob("smal_smal.[sp][vd][gf]"))


def test_the_record_gives_the_smallest_text_drawn():
    """Pages size a chart on a phone by its smallest text (the source line, small labels), not
    by the theme's axis text."""
    configure(theme="notebook", lang="nl")
    with ch.Chart("Titel", "Wat en eenheid") as chart:
        chart.ax.plot(FIXTURE["jaar"], FIXTURE["waarde"])
        chart.ax.annotate("klein", (2000, 1.0), fontsize=6)
        paths = chart.save("klein", FIXTURE, alt="Een lijn.")
    record = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert record["smallest_text_pt"] == 6
    record = json.loads(_line_chart(name="gewoon")["json"].read_text(encoding="utf-8"))
    assert record["smallest_text_pt"] == pytest.approx(11 * 0.8)  # the source line


def test_empty_alt_text_is_refused():
    with ch.Chart("t", "s") as chart, pytest.raises(ValueError, match="alt text"):
        chart.save("x", FIXTURE, alt=" ")


def test_a_drawn_number_missing_from_the_data_is_refused():
    with ch.Chart("t", "s") as chart:
        chart.ax.plot(FIXTURE["jaar"], FIXTURE["waarde"])
        chart.ax.axhline(1.5)  # a reference line whose value the data lack
        ch.number_axis(chart.ax)
        with pytest.raises(ValueError, match=r"draws \[1.5\]"):
            chart.save("x", FIXTURE, alt="Lijn.")
        chart.save("x", pd.concat([FIXTURE, FIXTURE.head(1).assign(waarde=1.5)]), alt="Lijn.")


def test_rows_without_a_source_are_refused():
    with ch.Chart("t", "s") as chart, pytest.raises(ValueError, match="give every row its"):
        chart.save("x", FIXTURE.drop(columns=["bron_soort"]), alt="Lijn.")


def test_overlapping_texts_are_reported(figures):
    with ch.Chart("t", "s") as chart:
        chart.ax.plot(FIXTURE["jaar"], FIXTURE["waarde"])
        chart.ax.text(2018, 1.1, "een label")
        chart.ax.text(2018, 1.1, "een ander label")
        record = chart.save("botsing", FIXTURE, alt="Lijn.")
    collisions = json.loads(record["json"].read_text())["collisions"][""]
    assert collisions == ["'een label' overlaps 'een ander label'"]


def test_a_text_above_the_top_edge_is_cut_off(figures):
    """An axis label moved above the plot (its own coordinates: outside the layout) leaves the
    figure at the top once the plot takes the titles' room (``_kaal``): every edge counts."""
    configure(theme="artikel", lang="nl")
    with ch.Chart("t", "s") as chart:
        chart.ax.plot(FIXTURE["jaar"], FIXTURE["waarde"])
        chart.ax.set_ylabel("boven de as", rotation=0, ha="left", va="bottom")
        chart.ax.yaxis.set_label_coords(0, 1.02)
        record = chart.save("boven", FIXTURE, alt="Lijn.")
    collisions = json.loads(record["json"].read_text())["collisions"]
    assert collisions.get("kaal") == ["'boven de as' is cut off at the edge"]


def test_collisions_are_recorded_at_every_size_written(figures):
    """Full width, without titles (``_kaal``) and one column (``_smal``): each its own layout."""
    configure(theme="artikel", lang="nl")
    with ch.Chart("t", "s") as chart:
        chart.ax.plot(FIXTURE["jaar"], FIXTURE["waarde"])
        chart.ax.text(0.5, 0.5, "op de lijn", ha="center", transform=chart.ax.transAxes)
        ch.number_axis(chart.ax)
        record = chart.save("botsing", FIXTURE, alt="Lijn.", narrow=True)
    collisions = json.loads(record["json"].read_text())["collisions"]
    assert collisions == {size: ["'op de lijn' lies on a line"] for size in ("", "kaal", "smal")}


def test_an_english_build_writes_english_data_files(figures):
    configure(lang="en")
    paths = _line_chart()
    written = pd.read_csv(paths["csv"], encoding="utf-8-sig")
    assert list(written.columns) == [
        "Year",
        "Value (%)",
        "Unit",
        "Kind of source",
        "Table or source",
        "Source (web address)",
        "Source (date)",
        "Source",
    ]
    assert set(written["Source"]) == {"CBS, table 71488ned (retrieved 5 Jun 2025)"}
    columns = json.loads(paths["json"].read_text())["columns"]
    assert columns[:2] == [
        {"key": "jaar", "label": "Year", "kind": "period"},
        {"key": "waarde", "label": "Value (%)", "kind": "percent"},
    ]


def test_dutch_and_english_number_formats():
    configure(lang="nl")
    assert ch.fmt_number(1234567) == "1.234.567" and ch.fmt_percent(10.7) == "10,7 %"
    # a minus sign, not a hyphen (as matplotlib's own ticks): a screen reader says "minus"
    assert ch.fmt_number(-100000) == "\u2212100.000" and ch.fmt_percent(-3.5) == "\u22123,5 %"
    signed = [ch.fmt_number(v, signed=True) for v in (611000, -50, 0.2, 0, -0.2, -0.0)]
    assert signed == ["+611.000", "\u221250", "0", "0", "0", "0"]  # what reads 0 has no sign
    assert ch.fmt_percent(-0.04) == "0,0 %" and ch.fmt_number(-0.2) == "0"
    assert ch.fmt_percent(13.4, 0, signed=True) == "+13 %"
    assert ch.fmt_number(float("-inf")) == "\u2212\u221e"  # no digit 1-9, yet not zero
    with pytest.raises(ValueError, match="missing"):  # a gap is never written as a number
        ch.fmt_percent(float("nan"))
    assert ch.say(nl="Alleen wonen", en="Living alone") == "Alleen wonen"
    configure(lang="en")
    assert ch.fmt_number(1234567) == "1,234,567" and ch.fmt_percent(10.7) == "10.7%"
    assert ch.fmt_millions(-1.5e6) == "\u22121.5 mn" and ch.fmt_millions(0) == "0"
    assert ch.fmt_millions(6.04e6, in_words=True) == "6.0 million"  # in a sentence
    assert ch.fmt_percent(-0.4, signed=True) == "\u22120.4%"
    assert ch.say(nl="Alleen wonen", en="Living alone") == "Living alone"
    rows = pd.concat([FIXTURE, FIXTURE.assign(tabel="37296ned", bron_datum="")])
    assert ch.source_line(rows) == (
        "Source: CBS, tables 71488ned (retrieved 5 Jun 2025) and 37296ned (date not recorded)"
    )
    book = ch.book_rows(FIXTURE.head(1), "B1")
    assert ch.source_line(pd.concat([book, rows])).endswith("recorded); the book (claim register)")
    with pytest.raises(ValueError, match="theme"):
        configure(theme="poster")


def test_alt_text_is_written_from_the_numbers():
    configure(lang="nl")
    data = pd.DataFrame({"jaar": [1950, 2025, 1950, 2025], "waarde": [1.0, 3.0, 2.0, 4.0]})
    data["reeks"] = ["a", "a", "b", "b"]
    text = ch.alt_series("Lijnen", data, "jaar", "waarde", ch.fmt_number, by="reeks")
    assert text == "Lijnen: a van 1 in 1950 tot 3 in 2025, b van 2 in 1950 tot 4 in 2025."
    configure(lang="en")
    text = ch.alt_change("Dots", ["x"], [8.7], [10.7], lambda v: ch.fmt_percent(v, 1), note="Z.")
    assert text == "Dots: x from 8.7% to 10.7%. Z."
    text = ch.alt_pairs(
        "Dots",
        ["x (differs)", "y"],
        ["22 percent", "5%"],
        ["17.3%", "3.0%"],
        str,
        names=("book", "CBS data"),
    )  # two sources side by side, no change
    assert text == "Dots: x (differs): book 22 percent, CBS data 17.3%; y: book 5%, CBS data 3.0%."
    values = pd.Series([3.0, 9.0], index=["GM1", "GM2"])
    names = pd.Series(["Urk", "Amsterdam"], index=["GM1", "GM2"])
    assert ch.alt_range("Map", values, names, ch.fmt_number) == (
        "Map from 3 (Urk) to 9 (Amsterdam)."
    )


@pytest.mark.parametrize("theme", ["notebook", "artikel", "college"])
def test_long_titles_are_wrapped_inside_the_figure(theme):
    """Measured in the font: words full of wide letters (m, w) stay inside the figure."""
    configure(theme=theme, lang="nl")
    title = "Gemeenten met meer eenpersoonshuishoudens hebben meer eenzame volwassenen " * 2
    with ch.Chart(title.strip(), "Wat en eenheid, in woorden " * 3) as chart:
        chart.source = (
            "Bron: CBS, tabel 71488ned (opgehaald 05-06-2025); " * 4
        )  # as save() would set it
        sizes = [chart.fig.get_size_inches().copy()]
        sizes += [chart.theme.narrow] if chart.theme.narrow else []
        for size in sizes:
            chart.fig.set_size_inches(size)
            chart.fit_texts()
            chart.fig.canvas.draw()
            for text in chart._texts:
                box = text.get_window_extent()
                assert box.x0 >= 0 and box.x1 <= chart.fig.bbox.width, text.get_text()
            assert chart._texts[0].get_text().count("\n") >= 2  # wrapped, not cut


def test_an_axis_label_wider_than_the_chart_wraps_and_unwraps_with_its_width():
    """At one-column width a long x-axis label goes onto more lines instead of off both
    edges; back at full width it is one line again."""
    configure(theme="artikel", lang="nl")
    label = "eenpersoonshuishoudens, % van particuliere huishoudens (2015)"
    with ch.Chart("Titel", "Ondertitel") as chart:
        chart.ax.plot([20, 60], [40, 50])
        chart.ax.set_xlabel(label)
        full = chart.fig.get_size_inches().copy()
        chart.fig.canvas.draw()  # a layout at full width, as save() makes before one column
        chart.fig.set_size_inches(chart.theme.narrow)
        chart.fit_texts()
        assert "\n" in chart.ax.xaxis.label.get_text()
        assert chart.collisions() == []
        chart.fig.set_size_inches(full)
        chart.fit_texts()
        assert chart.ax.xaxis.label.get_text() == label


def _wrapped(text: str, lang: str) -> list[list[str]]:
    """The lines of ``text`` wrapped at widths from 2 to 8 inches, in the theme's font."""
    from eenzaamheid.charts.frame import _wrap

    configure(theme="notebook", lang=lang)
    with ch.Chart("t", "s"):  # the theme's font
        return [_wrap(text, width / 10, 11).split("\n") for width in range(20, 80)]


def test_a_percentage_is_not_broken_from_its_sign_when_a_title_wraps():
    """Dutch writes "37,4 %" with a space: a line may not start with the sign."""
    text = "Eenpersoonshuishoudens, 2015; de lijn: heel Nederland (37,4 %) en 18,8 % in Urk"
    lines = [line for wrapped in _wrapped(text, "nl") for line in wrapped]
    assert not any(line.startswith("%") for line in lines)
    assert any(line.endswith("(37,4 %)") for line in lines)


def test_a_day_is_not_broken_from_its_month_when_a_subtitle_wraps():
    """A subtitle with "op 1 januari": no line ends with the day, the month on the next."""
    text = "Alleenstaanden (= eenpersoonshuishoudens) op 1 januari, Nederland"
    lines = [line for wrapped in _wrapped(text, "nl") for line in wrapped]
    assert not any(line.endswith(" 1") or line.startswith("januari") for line in lines)
    assert sum("1 januari," in line for line in lines) == len(_wrapped(text, "nl"))


def test_fill_takes_a_word_down_to_a_lone_last_word_only_where_the_two_fit():
    from eenzaamheid.charts.frame import _fill, _words

    def fits(words: list[str]) -> bool:  # a line holds 12 characters
        return len(" ".join(words)) <= 12

    assert _fill(["aaaa", "bbbb", "cc", "dd"], fits) == [["aaaa", "bbbb"], ["cc", "dd"]]
    assert _fill(["aaaa", "bbbb", "cccc", "dd"], fits) == [["aaaa", "bbbb"], ["cccc", "dd"]]
    assert _fill(["aaaa", "bbbbbbb", "cccccccc"], fits) == [["aaaa", "bbbbbbb"], ["cccccccc"]]
    assert _fill(["aaaaaaaaaaaaaaaa"], fits) == [["aaaaaaaaaaaaaaaa"]]  # too long: its own line
    ages = ["mensen", "van", "35–44 jaar", "en", "75+ jaar"]
    assert _words("mensen van 35–44 jaar en 75+ jaar") == ages
    assert _words("r = 0,63; 14 keer in 2050 *") == ["r = 0,63;", "14 keer", "in", "2050 *"]
    names = "schaal van De Jong Gierveld; The Netherlands: 47 %, CBS en RIVM"
    assert _words(names) == [
        *("schaal", "van", "De Jong Gierveld;", "The Netherlands:", "47 %,", "CBS", "en", "RIVM")
    ]


def test_a_figure_and_its_unit_stay_on_one_line():
    """A number with decimals keeps the word after it (``0.7 million``, ``0,1 procentpunt``),
    and percentage points stay together: a title never ends a line with the bare number."""
    from eenzaamheid.charts.frame import _words

    assert _words("in 2050, 0.7 million more") == ["in", "2050,", "0.7 million", "more"]
    assert _words("within 0.1 percentage points") == ["within", "0.1 percentage points"]
    assert _words("binnen 0,1 procentpunt; 3,38 mln") == ["binnen", "0,1 procentpunt;", "3,38 mln"]
    assert _words("−1.5 percentage point") == ["−1.5 percentage point"]
    assert _words("was 2.8–3.6 percentage points") == ["was", "2.8–3.6 percentage points"]


def _word_by_word(words: list[str], fits) -> list[list[str]]:
    """Lines filled by trying each next word in turn (the plainest way, as a reference), then
    a lone last word joined by the one before it where the two fit."""
    lines: list[list[str]] = [[]]
    for word in words:
        if lines[-1] and not fits([*lines[-1], word]):
            lines.append([])
        lines[-1].append(word)
    alone = len(lines) > 1 and len(lines[-1]) == 1 < len(lines[-2])
    if alone and fits([lines[-2][-1], *lines[-1]]):
        lines[-1].insert(0, lines[-2].pop())
    return lines


def test_fill_measures_few_lines_and_breaks_as_trying_word_by_word():
    """Measuring a line costs a millisecond: ``_fill`` measures each line from a guess of its
    length, and gives the lines that trying word by word gives (then the lone-word rule),
    however far off the guess."""
    import random

    from eenzaamheid.charts.frame import _fill

    rng = random.Random(7)
    for _ in range(300):
        words = ["x" * rng.randint(1, 9) for _ in range(rng.randint(1, 30))]
        limit = rng.randint(4, 30)
        lines = _word_by_word(words, lambda line, n=limit: len(" ".join(line)) <= n)
        guess = rng.choice([0, limit, rng.uniform(0, 60)])
        filled = _fill(words, lambda line, n=limit: len(" ".join(line)) <= n, guess)
        assert filled == lines
    measured = []
    _fill(["abc"] * 60, lambda line: measured.append(line) or len(" ".join(line)) <= 20, 22)
    assert len(measured) <= 2 * 12  # twelve lines; word by word: 72 measurements


def test_a_wrapped_text_does_not_end_with_one_word_alone_on_its_last_line():
    """A source line or subtitle that wraps keeps at least two words on its last line ("… a
    break (b)": the "(b)" goes down with "break"; "… CBS en RIVM": not "RIVM" alone)."""
    texts = {
        "en": "One-person households, % of all households (EU-SILC); the line stops at a break (b)",
        "nl": "Bron: RIVM (volksgezondheidenzorg.info, vzinfo.nl); Gezondheidsmonitor Volwassenen "
        "en Ouderen van GGD'en, CBS en RIVM",
    }
    for lang, text in texts.items():
        wrapped = [lines for lines in _wrapped(text, lang) if len(lines) > 1]
        assert len(wrapped) > 30, lang  # it wraps at most widths
        alone = [lines for lines in wrapped if " " not in lines[-1]]
        assert not alone, alone[:3]
    assert "break (b)" in [lines[-1] for lines in _wrapped(texts["en"], "en")]


def test_a_bare_files_title_is_the_alt_texts_lead_with_its_brackets_closed():
    """``<name>_kaal.*`` is titled with the alt text's lead, cut at the first colon or full stop
    outside brackets: a year's colon inside them does not leave a bracket open."""
    from eenzaamheid.charts.export import _short

    alt = "Staafdiagram van eenzaamheid (2016: 43 %, 2020: 46,6 %): de balken stijgen. Meer."
    assert _short(alt) == "Staafdiagram van eenzaamheid (2016: 43 %, 2020: 46,6 %)"
    assert _short("Lijngrafiek: twee lijnen.") == "Lijngrafiek"
    assert _short("Een kaart van Nederland. Donker is hoog.") == "Een kaart van Nederland"
    assert _short("Alleen een zin.") == "Alleen een zin"
