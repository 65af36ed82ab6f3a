"""A PDF's fonts subset from a working font (charts/pdffonts.py) hold the same glyphs, the
same outlines and the same glyph map as subsets of the font itself, also for a glyph the
working font lacks."""

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.backends import _backend_pdf_ps
from matplotlib.figure import Figure

from eenzaamheid.charts import pdffonts

from .test_export import _embedded_fonts

pytestmark = pytest.mark.skipif(
    not hasattr(_backend_pdf_ps, "SubsetResults"), reason="matplotlib < 3.11 subsets as before"
)
TEXTS = (
    "Aandeel alleenstaanden 2024 (%) – Bron: CBS; é ë ö ‘ ’ € ÷ → ≤ ﬀ ﬁ ﬂ",
    "Ελλάδα Жж",  # Greek and Cyrillic: not in the working font
)


def _subset(font: str, text: str) -> tuple:
    charmap = font_manager.get_font(font).get_charmap()
    glyphs = {charmap[ord(c)] for c in text if ord(c) in charmap}
    with _backend_pdf_ps.get_glyphs_subset(font, glyphs) as made:
        subset = made.font
        outlines = {name: subset["glyf"][name].compile(subset["glyf"]) for name in subset["glyf"]}
        return subset.getGlyphOrder(), dict(made.glyph_index_map), outlines


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A cache folder of its own, and no working font made yet in this process."""
    monkeypatch.setenv("EENZAAMHEID_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(pdffonts, "_WORKING", {})
    return tmp_path / "cache"


@pytest.mark.parametrize("text", TEXTS)
def test_a_subset_from_the_working_font_equals_one_from_the_font(text):
    font = font_manager.FontPath(font_manager.findfont("DejaVu Sans"), 0)
    direct = _subset(font, text)
    with pdffonts.pdf_fonts():
        working = _subset(font, text)
        again = _subset(font, text)
    assert len(direct[0]) > 10
    assert working == direct and again == direct
    assert _backend_pdf_ps.get_glyphs_subset.__module__ == "matplotlib.backends._backend_pdf_ps"


def test_the_working_font_is_made_once_per_font_and_used(cache, monkeypatch):
    made, read = [], []
    real = pdffonts._make_working_font
    monkeypatch.setattr(pdffonts, "_make_working_font", lambda *a: made.append(a) or real(*a))
    original = _backend_pdf_ps.get_glyphs_subset
    monkeypatch.setattr(  # what each subset is made from: the font or the working font
        _backend_pdf_ps, "get_glyphs_subset", lambda f, g: read.append(type(f)) or original(f, g)
    )
    font = font_manager.FontPath(font_manager.findfont("DejaVu Sans"), 0)
    with pdffonts.pdf_fonts():
        for text in ("abc", "def 123", "Ж"):
            _subset(font, text)
    assert len(made) == 1
    working = type(pdffonts._InMemory(b""))
    font_path = font_manager.FontPath
    assert read == [font_path, working, working, font_path]  # made, abc, def 123, Ж (not in it)


def test_a_font_no_working_font_can_be_made_of_is_subset_as_before(cache, monkeypatch):
    def fails(*arguments):
        raise OSError("a font fontTools cannot read")

    monkeypatch.setattr(pdffonts, "_make_working_font", fails)
    font = font_manager.FontPath(font_manager.findfont("DejaVu Sans"), 0)
    direct = _subset(font, TEXTS[0])
    with pdffonts.pdf_fonts():
        assert _subset(font, TEXTS[0]) == direct
    assert list(pdffonts._WORKING.values()) == [None]  # tried once


def test_a_pdf_with_a_glyph_outside_the_working_font_embeds_it(tmp_path):
    fig = Figure()
    fig.text(0.1, 0.5, " ".join(TEXTS))
    with pdffonts.pdf_fonts(), matplotlib.rc_context({"pdf.fonttype": 42}):  # as the themes
        fig.savefig(tmp_path / "proef.pdf")
    fonts = _embedded_fonts(tmp_path / "proef.pdf")
    covered = {code for font in fonts for code in font.getBestCmap()}
    assert {ord(c) for c in " ".join(TEXTS)} <= covered
    assert fonts and not any({"GSUB", "GPOS"} & set(font.keys()) for font in fonts)


def test_the_working_font_is_kept_in_the_cache_for_the_next_kernel(cache, monkeypatch):
    """Each notebook's kernel needs the working fonts: the first makes and keeps them in the
    cache folder, the next ones read them there (0.1 s a font less), with the same subsets."""
    font = font_manager.FontPath(font_manager.findfont("DejaVu Sans"), 0)
    direct = _subset(font, TEXTS[0])
    with pdffonts.pdf_fonts():
        assert _subset(font, TEXTS[0]) == direct
    assert len(list((cache / "pdf-fonts").glob("*.json"))) == 1
    monkeypatch.setattr(pdffonts, "_WORKING", {})  # the next kernel

    def not_again(*arguments):
        raise AssertionError("made again, not read from the cache")

    monkeypatch.setattr(pdffonts, "_make_working_font", not_again)
    with pdffonts.pdf_fonts():
        assert _subset(font, TEXTS[0]) == direct
        assert pdffonts._WORKING[(str(font), 0)] is not None


def _other_map(text: str) -> str:
    """The kept file with one glyph of the map leading elsewhere (still valid JSON)."""
    import json

    kept = json.loads(text)
    kept["body"]["to_working"][5][1] += 1
    return json.dumps(kept)


@pytest.mark.parametrize("damage", ["truncated", "other bytes", "other map"])
def test_a_damaged_kept_working_font_is_made_again(cache, monkeypatch, damage):
    font = font_manager.FontPath(font_manager.findfont("DejaVu Sans"), 0)
    direct = _subset(font, TEXTS[0])
    with pdffonts.pdf_fonts():
        _subset(font, TEXTS[0])
    (kept,) = (cache / "pdf-fonts").iterdir()
    text = kept.read_text()
    damaged = {
        "truncated": text[: len(text) // 2],
        "other bytes": text.replace("A", "B", 9),
        "other map": _other_map(text),
    }
    kept.write_text(damaged[damage])
    monkeypatch.setattr(pdffonts, "_WORKING", {})
    with pdffonts.pdf_fonts():
        assert _subset(font, TEXTS[0]) == direct
    assert kept.read_text() == text  # kept again, whole


@pytest.mark.parametrize("trouble", ["unwritable", "no cache folder setting"])
def test_an_unusable_cache_still_gives_the_working_font(cache, monkeypatch, trouble):
    cache.parent.mkdir(exist_ok=True)
    cache.write_text("a file where the folder should be")
    if trouble == "no cache folder setting":
        monkeypatch.setattr(pdffonts, "_kept_path", lambda *a: (_ for _ in ()).throw(OSError("x")))
    font = font_manager.FontPath(font_manager.findfont("DejaVu Sans"), 0)
    direct = _subset(font, TEXTS[0])
    with pdffonts.pdf_fonts():
        assert _subset(font, TEXTS[0]) == direct
        assert pdffonts._WORKING[(str(font), 0)] is not None


def test_english_text_with_ligatures_is_subset_from_the_working_font(cache, tmp_path, monkeypatch):
    """matplotlib shapes "fi", "ff" and "fl" into ligature glyphs; they are in the working
    font, so an English chart's PDF is not subset from the whole font (70 ms a PDF more)."""
    fig = Figure()
    fig.text(0.1, 0.5, "Official figures differ; fluffy")
    with pdffonts.pdf_fonts(), matplotlib.rc_context({"pdf.fonttype": 42}):
        fig.savefig(tmp_path / "first.pdf")  # makes the working font
        real, read = pdffonts._subset, []
        monkeypatch.setattr(
            pdffonts,
            "_subset",
            lambda o, f, g: (
                read.append(set(g) <= pdffonts._WORKING[(str(f), 0)].covers) or real(o, f, g)
            ),
        )
        fig.savefig(tmp_path / "again.pdf")
    assert read and all(read)
    embedded = {
        code for font in _embedded_fonts(tmp_path / "again.pdf") for code in font.getBestCmap()
    }
    assert {0xFB00, 0xFB01} <= embedded
