"""The chart frame: title (a finding), subtitle (what and unit), source line, in the theme.

::

    with Chart(title, subtitle) as chart:
        chart.ax.plot(years, values)
        chart.save("01_name", data, alt="...")

The source line is written at ``save`` from the provenance of the rows drawn (see
``charts.sources``). The theme is applied only inside the ``with`` block; in a notebook the
saved chart is shown at the end of the block, with its alt text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import PIL.Image
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from matplotlib.textpath import TextToPath
from matplotlib.transforms import offset_copy
from PIL.PngImagePlugin import PngInfo

from .export import OneColumn, save_chart
from .layout_check import text_collisions
from .theme import Theme, theme


class Chart:
    """A figure in the house style; ``ax`` (one panel) or ``axes`` (several)."""

    def __init__(
        self,
        title: str,
        subtitle: str,
        *,
        notes: tuple[str, ...] = (),
        ncols: int = 1,
        nrows: int = 1,
        sharey: bool = False,
    ):
        self.title, self.subtitle = title, subtitle
        self.source, self.notes = "", notes
        self._grid = {"ncols": ncols, "nrows": nrows, "sharey": sharey}
        self._stack = ExitStack()
        self.theme: Theme = theme()
        self.fig: Figure | None = None
        self.axes: list[Axes] = []
        self.saved: Any = None
        self._axis_labels: dict[Text, tuple[str, str]] = {}  # as written, as last wrapped

    def __enter__(self) -> Chart:
        self.theme = theme()
        self._stack.enter_context(mpl.rc_context(self.theme.rc()))
        self.fig, axes = plt.subplots(
            figsize=self.theme.size, layout="constrained", squeeze=False, **self._grid
        )
        self.axes = list(axes.flat)
        self._texts = (
            self.fig.suptitle("", x=0.01, ha="left", fontweight="bold"),
            self.fig.text(0.01, 0.9, "", ha="left", va="top", color="#333333"),
            self.fig.supxlabel("", x=0.01, ha="left", color="#555555"),
        )
        self.fit_texts()
        return self

    def __exit__(self, *exc: object) -> None:
        plt.close(self.fig)
        self._stack.close()
        if self.saved is not None and exc[0] is None:
            _show_in_notebook(self.saved)

    @property
    def ax(self) -> Axes:
        if len(self.axes) != 1:
            raise ValueError(f"this chart has {len(self.axes)} panels: use chart.axes")
        return self.axes[0]

    def stack_panels(self, height: float) -> None:
        """For a one-column layout (``save(narrow=...)``): the panels one under another, in
        their order, each naming its own rows, in a figure ``height`` inches high."""
        grid = self.fig.add_gridspec(len(self.axes), 1)
        for row, ax in enumerate(self.axes):
            ax.set_subplotspec(grid[row, 0])
            ax.tick_params(labelleft=True)  # side by side they shared the first panel's names
        self.fig.set_size_inches(self.fig.get_size_inches()[0], height)  # texts: save fits them

    def fit_texts(self) -> None:
        """(Re)wrap title, subtitle, source line and x-axis labels to the figure's current
        width."""
        width = self.fig.get_size_inches()[0]
        title, subtitle, source = self._texts
        title_size, small = self.theme.font_size * 1.35, self.theme.font_size
        title_text = _wrap(self.title, width, title_size, bold=True)
        subtitle_text = _wrap(self.subtitle, width, small)
        # The suptitle ends in blank lines that reserve room, in constrained layout, for the
        # subtitle drawn in them: title and subtitle both start at the left edge, as in print.
        title.set_fontsize(title_size)
        title.set_text(title_text)  # its lines measured as drawn (a guess per line drifts)
        title_height = title.get_window_extent(_renderer(self.fig)).height  # at the figure's dpi
        title.set_text(title_text + "\n" * (subtitle_text.count("\n") + 1))
        # The layout puts the suptitle its padding (inches) below the figure's top edge; the
        # subtitle goes a small gap below the title's lines, measured from that edge in points,
        # so it stays in place when the figure changes height.
        engine = self.fig.get_layout_engine()  # none while laid_out() measures the texts
        pad = engine.get()["h_pad"] if engine else mpl.rcParams["figure.constrained_layout.h_pad"]
        below = 72 * pad + title_height * 72 / self.fig.dpi + 0.35 * small
        subtitle.set_transform(
            offset_copy(self.fig.transFigure, self.fig, y=-below, units="points")
        )
        subtitle.set_text(subtitle_text)
        subtitle.set_fontsize(small)
        subtitle.set_y(1)
        source.set_text(_wrap(self.source, width, small * 0.8))
        source.set_fontsize(small * 0.8)
        for ax in self.fig.axes:
            label = ax.xaxis.label
            written, wrapped = self._axis_labels.get(label, ("", ""))
            if label.get_text() != wrapped:  # (re)written by the notebook since
                written = label.get_text()
            wrapped = _wrap(written, width, label.get_fontsize())
            if "\n" in wrapped:  # wider than the figure (one column): lines as wide as the plot,
                label.set_text(wrapped)  # measured in a layout at this size
                self.fig.canvas.draw()
                wrapped = _wrap(written, width * ax.get_position().width, label.get_fontsize())
            label.set_text(wrapped)
            self._axis_labels[label] = (written, wrapped)

    @contextmanager
    def bare(self) -> Iterator[None]:
        """Inside: the chart without title, subtitle and source line, the plot taking their
        room (for ``<name>_kaal.*``, for a page that sets its own)."""
        for text in self._texts:
            text.set_visible(False)
            text.set_in_layout(False)
        try:
            yield
        finally:
            for text in self._texts:
                text.set_visible(True)
                text.set_in_layout(True)

    def collisions(self) -> list[str]:
        """Texts that overlap or are cut off, as drawn at the figure's current size."""
        with self.laid_out() as collided:
            return collided

    @contextmanager
    def laid_out(self) -> Iterator[list[str]]:
        """Inside: the chart drawn as the PNG is (at the theme's dpi; :meth:`write_png` writes
        that drawing) and its layout kept, so the files written inside share it without
        computing it again. Yields the texts that overlap or are cut off."""
        screen_dpi, engine = self.fig.dpi, self.fig.get_layout_engine()
        self.fig.set_dpi(self.theme.dpi)
        # No engine at all inside: with "none" (a placeholder) savefig draws each file twice,
        # and with the user's automatic layout on, savefig would bring an engine back.
        no_layout = {"figure.autolayout": False, "figure.constrained_layout.use": False}
        try:
            self.fig.canvas.draw()
            with mpl.rc_context(no_layout):
                self.fig.set_layout_engine(None)
                yield text_collisions(self.fig)
        finally:
            self.fig.set_layout_engine(engine)
            self.fig.set_dpi(screen_dpi)

    def write_png(self, path: Path, metadata: dict[str, str]) -> None:
        """Inside :meth:`laid_out`: the PNG from the drawing already made (as ``savefig``
        would draw it again); a canvas that keeps no pixels draws it through ``savefig``."""
        canvas = self.fig.canvas
        if isinstance(canvas, FigureCanvasAgg):
            _write_png(path, np.asarray(canvas.buffer_rgba()), self.fig.dpi, metadata)
        else:
            self.fig.savefig(path, dpi=self.theme.dpi, metadata=metadata)

    def save(
        self,
        name: str,
        data: pd.DataFrame,
        alt: str,
        *,
        narrow: bool | OneColumn = False,
        decimals: dict[str, int] | None = None,
        credit: pd.DataFrame | None = None,
    ):
        """Write the chart with its numbers and alt text (:func:`charts.export.save_chart`)."""
        self.saved = save_chart(
            self, name, data, alt, narrow=narrow, decimals=decimals, credit=credit
        )
        return self.saved


def _write_png(path: Path, rgba: np.ndarray, dpi: float, metadata: dict[str, str]) -> None:
    """The pixels as PNG, with matplotlib's metadata and resolution; without an alpha channel
    when nothing is see-through (a tenth smaller, and faster to write)."""
    info = PngInfo()
    software = f"Matplotlib version{mpl.__version__}, https://matplotlib.org/"  # as savefig
    # (test_the_png_is_the_drawing_made_to_check_the_texts compares the two files' metadata)
    for key, value in {"Software": software, **metadata}.items():
        if value is not None:
            info.add_text(key, value)
    image = PIL.Image.fromarray(rgba)
    if (rgba[..., 3] == 255).all():
        image = image.convert("RGB")
    image.save(path, format="png", dpi=(dpi, dpi), pnginfo=info)


def _wrap(text: str, width_inches: float, font_size: float, bold: bool = False) -> str:
    """Break a text into lines that fit the figure, measured in the theme's own font (a fixed
    width per character lets words with many wide letters, m and w, run off the edge)."""
    font = FontProperties(
        family=mpl.rcParams["font.family"], size=font_size, weight="bold" if bold else "normal"
    )
    room = 0.97 * width_inches * 72  # points; the texts start 1 % from the left edge

    def fits(words: list[str]) -> bool:
        return text_points(" ".join(words), font) <= room

    guess = room / (0.55 * font_size)  # characters a line holds, about (DejaVu Sans)
    lines = [line for p in text.split("\n") for line in _fill(_words(p), fits, guess)]
    return "\n".join(" ".join(line) for line in lines)


def _fill(words: list[str], fits: Callable[[list[str]], bool], chars: float = 0) -> list[list[str]]:
    """The words in lines, each as full as ``fits`` allows (a word too long for a line has a
    line of its own); when the last line would hold one word alone, the word before it goes
    down too (where the two fit on one line). ``chars``: about how many characters a line
    holds; measuring costs a millisecond, so each line is measured from that guess (then as
    long as the line before), twice when the guess is right, not once per word."""
    lines: list[list[str]] = []
    start = 0
    while start < len(words):
        end = _line_end(words, start, fits, _words_in(words, start, chars))
        lines.append(words[start:end])
        chars, start = len(" ".join(lines[-1])) + 1, end
    lines = lines or [[]]
    alone = len(lines) > 1 and len(lines[-1]) == 1 < len(lines[-2])
    if alone and fits([lines[-2][-1], *lines[-1]]):
        lines[-1].insert(0, lines[-2].pop())
    return lines


def _words_in(words: list[str], start: int, chars: float) -> int:
    """Where a line from ``words[start]`` that holds about ``chars`` characters ends."""
    end, length = start + 1, len(words[start])
    while end < len(words) and length + 1 + len(words[end]) <= chars:
        length, end = length + 1 + len(words[end]), end + 1
    return end


def _line_end(words: list[str], start: int, fits: Callable[[list[str]], bool], end: int) -> int:
    """The end of the fullest line from ``words[start]`` that fits (at least one word), found
    by measuring from ``end`` up or down."""
    if fits(words[start:end]):
        while end < len(words) and fits(words[start : end + 1]):
            end += 1
        return end
    while end - 1 > start and not fits(words[start : end - 1]):
        end -= 1
    return max(end - 1, start + 1)


_SHORT_NUMBER = re.compile(r"\(?\d{1,2}(?:–\d{1,2}|\+)?")  # 1, (3, 35–44, 75+
_DECIMAL = re.compile(r"[+−-]?\d+[.,]\d+(?:–\d+[.,]\d+)?")  # 0.7 (million), 2,8–3,6 (pp)
_SIGNS = ("=", "≈", "×", "÷", "*", "–", "—")  # a sign stays between the words on its sides


def _words(paragraph: str) -> list[str]:
    """The paragraph's words, a percent sign kept with its number (``37,4 %``, Dutch); with
    the word after it, a number of one or two digits, any number with a decimal or thousands
    separator, or an age range (``1 januari``, ``0.7 million``, ``1.000 inwoners``, ``35–44
    jaar``; ``percentage points`` as one); a sign with the words on both sides (``r = 0,63``)
    and a name of capitalised words (``De Jong Gierveld``, ``The Netherlands``): none of them
    breaks over two lines."""
    words: list[str] = []
    previous = ""
    for word in paragraph.split(" "):
        joins = word.startswith("%") or word in _SIGNS or previous in _SIGNS
        joins = joins or _DECIMAL.fullmatch(words[-1] if words else "") is not None
        joins = joins or (previous == "percentage" and word.startswith("point"))
        if words and (joins or _SHORT_NUMBER.fullmatch(words[-1]) or _name_goes_on(previous, word)):
            words[-1] += f" {word}"
        else:
            words.append(word)
        previous = word
    return words


def _name_goes_on(previous: str, word: str) -> bool:
    """A capitalised word right after another, nothing between (no comma, colon or bracket):
    one name."""
    return previous[:1].isupper() and previous[-1:].isalpha() and word[:1].isupper()


_MEASURE = TextToPath()


def _renderer(fig: Figure):
    """A renderer at the figure's own dpi (a text keeps the last one it was drawn with, such as
    savefig's 300 dpi); none where the canvas has none (an SVG or PDF backend)."""
    get = getattr(fig.canvas, "get_renderer", None)
    return get() if get else None


def text_points(line: str, font: FontProperties) -> float:
    """The width of one line of text in ``font``, in points (its glyphs, not a guess per
    character)."""
    return _text_points(line, font.copy())  # the cache keeps a copy: the caller's may change


@functools.lru_cache(maxsize=1024)  # a chart is wrapped, laid out and measured many times
def _text_points(line: str, font: FontProperties) -> float:
    return _MEASURE.get_text_width_height_descent(line, font, False)[0]


def _show_in_notebook(saved: Any) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return
    if get_ipython() is not None:
        display(saved)
