"""save_figure writes every format at the theme's size, with title, source and numbers."""

import json
import re
import zlib

import matplotlib
import pandas as pd
import pytest
from matplotlib.image import imread

from eenzaamheid.export import save_figure
from eenzaamheid.style import fmt_number, fmt_percent, new_chart, use_theme

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
    yield tmp_path
    use_theme("notebook", "nl")


@pytest.mark.parametrize(
    ("theme", "pixels"),
    [("notebook", (1200, 750)), ("artikel", (1950, 1200)), ("college", (1920, 1080))],
)
def test_every_format_at_the_theme_size(figures, theme, pixels):
    use_theme(theme, "nl")
    fig, ax = new_chart(
        "Een titel die de bevinding zegt", "Wat en eenheid", "Bron: CBS, tabel 71488ned (2025)"
    )
    ax.plot([2000, 2024], [1, 2])
    data = pd.DataFrame({"jaar": [2000, 2024], "waarde": [1, 2], "eenheid": "personen"})
    paths = save_figure(fig, "proef", data, alt="Een lijn die stijgt.")
    height, width = imread(paths["png"]).shape[:2]
    assert (width, height) == pixels
    svg = paths["svg"].read_text()
    assert "Een titel die de bevinding zegt" in svg and "Bron: CBS, tabel 71488ned (2025)" in svg
    drawn = pdf_text(paths["pdf"])
    assert (
        "Een titel die de bevinding zegt" in drawn and "Bron: CBS, tabel 71488ned (2025)" in drawn
    )
    written = pd.read_csv(paths["csv"])
    assert written["waarde"].tolist() == [1, 2]
    assert set(written["bron"]) == {"Bron: CBS, tabel 71488ned (2025)"}
    record = json.loads(paths["json"].read_text())
    assert record["alt"] == "Een lijn die stijgt." and record["png_pixels"] == list(pixels)


def test_artikel_also_writes_the_one_column_size_on_request():
    use_theme("artikel", "nl")
    fig, ax = new_chart(
        "Een lange titel die bij een smalle kolom over meer regels moet", "Wat", "Bron: CBS"
    )
    ax.plot([1, 2], [1, 2])
    paths = save_figure(fig, "smal", pd.DataFrame({"x": [1]}), alt="Lijn.", narrow=True)
    height, width = imread(paths["png_smal"]).shape[:2]
    assert (width, height) == (1005, 900)  # 85 mm wide at 300 dpi
    assert "smalle kolom" in pdf_text(paths["pdf_smal"])
    height, width = imread(paths["png"]).shape[:2]
    assert (width, height) == (1950, 1200)  # the full-width file is unchanged
    plain = save_figure(fig, "breed", pd.DataFrame({"x": [1]}), alt="Lijn.")
    assert "png_smal" not in plain


def test_empty_alt_text_is_refused():
    fig, _ = new_chart("t", "s", "Bron: CBS")
    with pytest.raises(ValueError, match="alt text"):
        save_figure(fig, "x", pd.DataFrame(), alt=" ")


def test_dutch_and_english_number_formats():
    use_theme(lang="nl")
    assert fmt_number(1234567) == "1.234.567" and fmt_percent(10.7) == "10,7 %"
    use_theme(lang="en")
    assert fmt_number(1234567) == "1,234,567" and fmt_percent(10.7) == "10.7%"
    with pytest.raises(ValueError, match="theme"):
        use_theme("poster")
