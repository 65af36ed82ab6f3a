"""The fonts a PDF embeds, subset faster with the same glyphs.

matplotlib embeds each font of a PDF as a subset holding only the glyphs drawn, and fontTools
makes it by reading the whole font every time (DejaVu Sans: some 6,000 glyphs), for every
PDF: most of the time a PDF takes. Here each font's glyphs of the Latin scripts, punctuation,
currency, arrows, maths, shapes and ligatures are first copied into a working font, once per
font; a PDF's subset is then made from that copy, with the same glyphs, three times faster. A
glyph outside the copy, or a font no copy can be made of, is subset from the font itself, as
before. Each copy is kept in the cache folder (``pdf-fonts/``), so that the next notebook's
kernel reads it instead of making it again; in a process it stays in memory.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fontTools
import matplotlib
from fontTools import subset
from fontTools.ttLib import TTFont
from matplotlib.backends import _backend_pdf_ps

from .. import settings

LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "kern")  # shaping text; unused in an embedded font
WORKING_RANGES = (  # code points copied into the working font
    (0x20, 0x24F),  # Latin, Latin-1, Latin Extended-A and -B
    (0x2000, 0x20CF),  # punctuation (dashes, quotes, ellipsis), super/subscripts, currency
    (0x2100, 0x22FF),  # letterlike signs, arrows, mathematical operators (−, ≤, ≈)
    (0x25A0, 0x25FF),  # geometric shapes (legend marks)
    (0xFB00, 0xFB06),  # the ligatures text shaping puts in (ff, fi, fl, ffi, ffl: "figures")
)
Subset = Callable[[Any, set[int]], Any]  # matplotlib's get_glyphs_subset(fontfile, glyphs)
_log = logging.getLogger(__name__)


@contextmanager
def pdf_fonts() -> Iterator[None]:
    """While a figure is written as PDF: subsets from the working fonts, and without the
    tables that shape text (GSUB, GPOS, GDEF, kern): the PDF places every glyph itself, so a
    reader never uses them. Where this matplotlib or fontTools lacks what either needs
    (matplotlib before 3.11 subsets by characters), the fonts are embedded as before."""
    defaults = getattr(subset.Options, "_drop_tables_default", None)
    original = getattr(_backend_pdf_ps, "get_glyphs_subset", None)
    by_glyph = hasattr(_backend_pdf_ps, "SubsetResults")
    if defaults is not None:
        subset.Options._drop_tables_default = [*defaults, *LAYOUT_TABLES]
    if by_glyph:
        _backend_pdf_ps.get_glyphs_subset = lambda fontfile, glyphs: _subset(
            original, fontfile, glyphs
        )
    try:
        yield
    finally:
        if defaults is not None:
            subset.Options._drop_tables_default = defaults
        if by_glyph:
            _backend_pdf_ps.get_glyphs_subset = original


def _subset(original: Subset, fontfile: Any, glyphs: set[int]) -> Any:
    """``original(fontfile, glyphs)``, made from the working font when it holds every glyph;
    the glyph map then leads from the font's glyphs to the subset's, as the original's does."""
    working = _working_font(original, fontfile)
    glyphs = set(glyphs)
    if working is None or not glyphs <= working.covers:
        return original(fontfile, glyphs)
    made = original(_InMemory(working.data), {working.to_working[g] for g in glyphs})
    return _composed(made, working.to_working)


@contextmanager
def _composed(made: Any, to_working: dict[int, int]) -> Iterator[Any]:
    """The subset of the working font, its glyph map leading from the font's own glyphs."""
    with made as result:
        step = result.glyph_index_map
        mapped = {g: step[w] for g, w in to_working.items() if w in step}
        yield result._replace(glyph_index_map=mapped)


class _InMemory(io.BytesIO):
    """A working font as matplotlib's subsetting reads a font file: bytes with a face index."""

    face_index = 0


@dataclass(frozen=True)
class _Working:
    data: bytes  # the working font
    to_working: dict[int, int]  # the font's glyphs -> the working font's (components too)
    covers: frozenset[int]  # the font's glyphs it was made for (of the working ranges)


_WORKING: dict[tuple[str, int], _Working | None] = {}


def _working_font(original: Subset, fontfile: Any) -> _Working | None:
    """The working font of ``fontfile``: read from the cache folder, or made (and kept there)
    at its first use; None for a font it cannot be made of (then each subset is made from the
    font itself)."""
    face = getattr(fontfile, "face_index", 0)
    key = (str(fontfile), face)
    if key not in _WORKING:
        try:
            kept = _kept_path(fontfile, face)
        except OSError as error:  # no cache to read or keep: made in this process only
            _log.debug("working fonts not kept: %s", error)
            kept = None
        try:
            working = _read_kept(kept) if kept else None
            if working is None:
                working = _make_working_font(original, fontfile, face)
                if kept and working:
                    _keep(kept, working)
            _WORKING[key] = working
        except Exception as error:  # an odd font: subset as matplotlib does
            _log.warning("no working font for %s: %s", fontfile, error)
            _WORKING[key] = None
    return _WORKING[key]


def _kept_path(fontfile: Any, face: int) -> Path:
    """Where the working font of this font file (as it is now), made by these versions of
    fontTools and matplotlib from these ranges, is kept."""
    stat = os.stat(fontfile)
    made_of = [str(fontfile), face, stat.st_size, stat.st_mtime_ns, fontTools.version]
    made_of += [matplotlib.__version__, WORKING_RANGES, LAYOUT_TABLES]
    name = hashlib.sha256(json.dumps(made_of).encode()).hexdigest()[:24]
    return settings.current().cache_dir / "pdf-fonts" / f"{name}.json"


def _checksum(body: dict) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def _read_kept(path: Path) -> _Working | None:
    """The working font kept at ``path``; None when there is none or it is damaged (its
    checksum covers the font and both glyph maps)."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        body = kept["body"]
        if _checksum(body) != kept["sha256"]:
            return None
        data = base64.b64decode(body["font"], validate=True)
        to_working = {int(font): int(working) for font, working in body["to_working"]}
        covers = frozenset(map(int, body["covers"]))
        return _Working(data, to_working, covers) if covers <= to_working.keys() else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _keep(path: Path, working: _Working) -> None:
    """Keep ``working`` at ``path`` in one atomic rename (kernels run side by side); a cache
    folder that cannot be written keeps nothing."""
    body = {
        "font": base64.b64encode(working.data).decode("ascii"),
        "to_working": sorted(working.to_working.items()),
        "covers": sorted(working.covers),
    }
    part = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=path.parent, suffix=".part", delete=False
        ) as file:
            part = Path(file.name)
            json.dump({"sha256": _checksum(body), "body": body}, file)
        os.replace(part, path)
    except OSError as error:
        _log.debug("working font not kept at %s: %s", path, error)
        if part is not None:
            part.unlink(missing_ok=True)


def _make_working_font(original: Subset, fontfile: Any, face: int) -> _Working | None:
    with TTFont(str(fontfile), fontNumber=face, lazy=True) as font:
        charmap = font.getBestCmap() or {}
        order = {name: index for index, name in enumerate(font.getGlyphOrder())}
    glyphs = {order[name] for code, name in charmap.items() if _in_working_ranges(code)}
    if not glyphs:
        return None
    with original(fontfile, glyphs) as result:
        data = io.BytesIO()
        result.font.save(data)
        step = dict(result.glyph_index_map)
    return _Working(data.getvalue(), step, frozenset(glyphs))


def _in_working_ranges(code: int) -> bool:
    return any(low <= code <= high for low, high in WORKING_RANGES)
