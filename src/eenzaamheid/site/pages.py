"""The website in ``build/``: an index per language, a page per story, slide decks, and a copy
of every file they show or offer, so the folder works wherever it is copied.

Dutch pages are at the top (``build/index.html``), English ones in ``build/en/``; a language
appears once the main job ran with it (``make figures LABEL_LANG=en``). Each theme built adds
its files to every chart's downloads; pages show the notebook theme, slides the college one,
whichever of them was built.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from importlib import resources
from pathlib import Path

from .. import settings
from ..charts.numbers import percent_together
from .cache import Cache, run_key
from .chartblock import picture
from .explorer import explorer_link, write_explorer
from .i18n import TranslationError
from .layout import PAGE_THEMES, WORDS, Chart, esc, other_language, page
from .listing import charts_in, notebooks
from .slides import write_decks
from .story import Story, code_colours, pygments_css, render

ASSETS = ("site.css", "site.js", "slides.css", "slides.js")


def _folder(lang: str) -> str:
    return "" if lang == "nl" else f"{lang}/"


def _built(config: settings.Settings) -> dict[str, list[str]]:
    """Language -> the themes that have run for it, in page order."""
    found: dict[str, list[str]] = {}
    for lang in settings.LANGUAGES:
        for theme in PAGE_THEMES:
            if (config.build_dir / ".cache" / f"{theme}-{lang}").is_dir():
                found.setdefault(lang, []).append(theme)
    return found


def _copy(source: Path, target: Path) -> None:
    """Copy when the target is missing or differs in size or time (a no-op build stays fast)."""
    if target.exists():
        a, b = source.stat(), target.stat()
        if a.st_size == b.st_size and int(a.st_mtime) == int(b.st_mtime):
            return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def stories(config: settings.Settings, lang: str, themes: list[str]) -> list[Story]:
    """The notebooks run in this language, with their charts, and every chart file copied
    into ``build/figures/<theme>/<lang>/``. Of the themes that ran a notebook, only those that
    ran it as it is now count (a theme's older run would bring back text and charts since
    changed); where none did, the last runs."""
    caches = {theme: Cache(replace(config, theme=theme, lang=lang)) for theme in themes}
    found = []
    for path in notebooks():
        entries = {t: c.entry(path) for t, c in caches.items()}
        entries = {t: e for t, e in entries.items() if e is not None}
        if not entries:
            continue
        now = run_key(path, config)["notebook"]
        current = {t: e for t, e in entries.items() if e.key.get("notebook") == now}
        entries = current or entries  # the runs of the notebook as it is now, where there are
        main = next(t for t in themes if t in entries)
        notebook = caches[main].executed(path)
        figures = config.figures_dir / main / lang
        story = Story(path.stem, notebook, {}, lang=lang)
        for index, name in charts_in(notebook, figures):
            story.chart_cells.setdefault(index, []).append(name)
        for name in entries[main].charts:
            chart = Chart(name, {})
            for theme, entry in entries.items():
                source = config.figures_dir / theme / lang
                if name not in entry.charts or not (source / f"{name}.json").exists():
                    continue
                chart.records[theme] = json.loads((source / f"{name}.json").read_text("utf-8"))
                chart.folders[theme] = f"figures/{theme}/{lang}"
                listed = {f"{name}.json", *chart.records[theme]["files"].values()}
                for file in entry.outputs:
                    if file in listed:  # every file the chart's JSON lists
                        _copy(source / file, config.build_dir / "figures" / theme / lang / file)
            if chart.records:
                story.charts.append(chart)
        found.append(story)
    return found


def _nav(lang: str, stem: str, others: dict[str, bool], slides: str) -> str:
    words = WORDS[lang]
    links = [f'<a href="index.html">{esc(words["index"])}</a>']
    if slides:
        links.append(f'<a href="{slides}">{esc(words["slides"])}</a>')
    if others:
        links.append(other_language(lang, f"en/{stem}.html" if lang == "nl" else f"../{stem}.html"))
    return "".join(links)


def _pager(lang: str, listed: list[Story], at: int) -> str:
    words = WORDS[lang]
    parts = []
    if at > 0:
        before = listed[at - 1]
        parts.append(f'<a rel="prev" href="{before.stem}.html">← {esc(before.title)}</a>')
    if at + 1 < len(listed):
        after = listed[at + 1]
        parts.append(f'<a rel="next" href="{after.stem}.html">{esc(after.title)} →</a>')
    label = f"{words['previous']} / {words['next']}"
    return f'<nav class="pager" aria-label="{esc(label)}">{"".join(parts)}</nav>'


def _story_pages(config: settings.Settings, lang: str, listed: list[Story], other: bool) -> None:
    out = config.build_dir / _folder(lang)
    root = "../" if _folder(lang) else ""
    words = WORDS[lang]
    for at, story in enumerate(listed):
        body = render(story, lang, config.build_dir, root, [s.stem for s in listed])
        toggle = f'<button type="button" class="all-code">{esc(words["all_code"])}</button>'
        slides = f"slides-{story.stem}.html" if story.charts else ""
        nav = _nav(
            lang, story.stem, {"en" if lang == "nl" else "nl": True} if other else {}, slides
        )
        label = esc(words["story_nav"])
        text = page(
            lang,
            f"{story.title} · {words['site']}",
            f'<nav class="story-nav" aria-label="{label}">{nav}{toggle}</nav>'
            f"<article>{body}</article>" + _pager(lang, listed, at),
            root=root,
            skip=story.charts[0].name if story.charts else "main",
        )
        (out / f"{story.stem}.html").write_text(text, encoding="utf-8")


def _index(config: settings.Settings, lang: str, listed: list[Story], other: bool) -> Path:
    words = WORDS[lang]
    root = "../" if _folder(lang) else ""
    sections = []
    for story in listed:
        cards = []
        for chart in story.charts:
            _, record = chart.record(PAGE_THEMES)
            cards.append(
                f'<li><a href="{story.stem}.html#{esc(chart.name)}">{picture(chart, PAGE_THEMES, root)}'
                f"<span>{esc(percent_together(record['title']))}</span></a>"
                f"<small>{esc(percent_together(record['subtitle']))}</small></li>"
            )
        count = words["charts_of" if len(story.charts) != 1 else "charts_one"]
        count = count.format(n=len(story.charts))
        slides = (
            f' · <a href="slides-{story.stem}.html">{esc(words["slides"])}</a>'
            if story.charts
            else ""
        )
        sections.append(
            f'<section class="story-card" id="{story.stem}"><h2><a href="{story.stem}.html">'
            f"{esc(story.title)}</a></h2><p>{esc(story.lead)}</p><p class=meta>{count}{slides}</p>"
            f'<ul class="cards">{"".join(cards)}</ul></section>'
        )
    switch = ""
    if other:
        switch = " · " + other_language(lang, "en/index.html" if lang == "nl" else "../index.html")
    body = (
        f"<h1>{esc(words['site'])}</h1><p>{esc(words['intro'])}</p>"
        f'<p><a href="slides.html">{esc(words["all_slides"])}</a>{switch}</p>'
        + explorer_link(lang)
        + "".join(sections)
    )
    index = config.build_dir / _folder(lang) / "index.html"
    index.write_text(page(lang, words["site"], body, root=root), encoding="utf-8")
    return index


def _assets(build: Path) -> None:
    folder = build / "assets"
    folder.mkdir(parents=True, exist_ok=True)
    files = resources.files(__package__).joinpath("assets")
    for name in ASSETS:
        text = files.joinpath(name).read_text(encoding="utf-8")
        if name == "site.css":
            text += "\n/* code colours (Pygments) */\n" + pygments_css() + "\n"
        target = folder / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def _write_language(
    config: settings.Settings, lang: str, themes: list[str], *, other: bool
) -> None:
    """The story pages, index and decks of one language, from its last runs."""
    (config.build_dir / _folder(lang)).mkdir(parents=True, exist_ok=True)
    listed = stories(config, lang, themes)
    _story_pages(config, lang, listed, other)
    _index(config, lang, listed, other)
    write_decks(config.build_dir / _folder(lang), lang, listed, "../" if _folder(lang) else "")


def write_site(config: settings.Settings) -> Path:
    """Every language built so far; returns the index of ``config.lang``."""
    built = _built(config)
    _assets(config.build_dir)
    colours = config.build_dir / ".cache" / "code-colours.json"
    code_colours.load(colours)
    for lang, themes in built.items():
        try:
            _write_language(config, lang, themes, other=len(built) > 1)
        except TranslationError as error:
            if lang == config.lang:
                raise
            print(  # that language's last run is older than the catalogue: its pages stay
                f"{lang}: pages kept from the last build in this language ({error.where}); "
                f"`python -m eenzaamheid build --lang {lang}` brings them up to date"
            )
    write_explorer(config.build_dir, list(built))
    code_colours.save(colours)
    if "nl" not in built:  # only English so far: the top of the site leads there
        english = f"<p>{other_language('nl', 'en/index.html')}</p>"
        (config.build_dir / "index.html").write_text(
            page("en", WORDS["en"]["site"], english, root=""), encoding="utf-8"
        )
    return config.build_dir / _folder(config.lang) / "index.html"
