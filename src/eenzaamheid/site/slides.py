"""Slide decks that work offline: one per story (``slides-<story>.html``) and one of all charts
(``slides.html``). A title slide, one chart per slide scaled to the screen, slide numbers,
keys, full screen and a link to every slide (``#<chart name>``); nothing is fetched from
elsewhere.

A slide shows the college theme's PNG (1920 × 1080, lecture type) when that theme was built for
the deck's language; otherwise the SVG of the theme that was built, which scales sharply to
any screen (its type then about three quarters of the college size). On a phone a chart is
never narrower than its axis text allows (9 CSS px) unless a one-column image exists; the
slide then scrolls sideways. Drawing the college theme for every build would run every
notebook twice, and the main job has to stay within 30 s."""

from __future__ import annotations

from pathlib import Path

from .chartblock import PHONE, min_width
from .layout import SLIDE_THEMES, WORDS, esc
from .passages import mark
from .story import Story


def _chart_slides(story: Story, root: str) -> list[str]:
    slides = []
    for chart in story.charts:
        theme, record, image = chart.image(SLIDE_THEMES, root)
        if theme != "college":
            image = root + chart.file(theme, "svg")
        narrow = chart.narrow(SLIDE_THEMES)  # a phone gets the one-column image
        phone = root + chart.file(narrow, "png_smal") if narrow else ""
        source = f'<source media="{PHONE}" srcset="{esc(phone)}">' if narrow else ""
        # without one, a phone keeps the axis text legible and the slide scrolls sideways
        legible = f' tabindex="0" style="--legible: {min_width(record, False)}px"'
        slides.append(
            f'<section class="slide chart" id="{esc(chart.name)}"{"" if narrow else legible} '
            f'aria-label="{esc(record["title"])}"><picture>{source}'
            f'<img src="{esc(image)}" alt="{esc(record["alt"])}"></picture></section>'
        )
    return slides


def _title(slide_id: str, title: str, lead: str, lang: str, extra: str = "") -> str:
    words = WORDS[lang]
    return (
        f'<section class="slide title" id="{esc(slide_id)}"><h1>{esc(title)}</h1>'
        f"<p>{esc(lead)}</p>{extra}<p class=keys>{esc(words['keys'])}</p></section>"
    )


def deck(lang: str, title: str, slides: list[str], root: str, back: str, to: str) -> str:
    """A whole deck page around its slides; the bar's link goes ``back`` and says where
    (``to``: a key of the page words, the overview or the story)."""
    words = WORDS[lang]
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="stylesheet" href="{root}assets/slides.css">
<script src="{root}assets/slides.js" defer></script>
</head><body class="deck">
<main>{mark("".join(slides), lang)}</main>
<footer class="bar"><a href="{esc(back)}">{esc(words[to])}</a>
<span class="number" aria-live="polite" data-label="{esc(words["slide_of"])}"></span>
<button type="button" class="fullscreen" title="F">{esc(words["fullscreen"])}</button></footer>
</body></html>
"""


def write_decks(out: Path, lang: str, stories: list[Story], root: str) -> list[Path]:
    """Write a deck per story with charts, and the deck of all charts."""
    words = WORDS[lang]
    written = []
    every = [_title("start", words["site"], words["intro"], lang)]
    for story in stories:
        if not story.charts:
            continue
        charts = _chart_slides(story, root)
        path = out / f"slides-{story.stem}.html"
        end = (
            f'<section class="slide title" id="end"><h1>{esc(words["end"])}</h1>'
            f'<p><a href="{story.stem}.html">{esc(story.title)}</a></p></section>'
        )
        slides = [_title("start", story.title, story.lead, lang), *charts, end]
        page = deck(lang, story.title, slides, root, f"{story.stem}.html", "to_story")
        path.write_text(page, "utf-8")
        written.append(path)
        every += [_title(story.stem, story.title, story.lead, lang), *charts]
    path = out / "slides.html"
    path.write_text(deck(lang, words["all_slides"], every, root, "index.html", "index"), "utf-8")
    return [*written, path]
