from __future__ import annotations

import os
from pathlib import Path

import pytest

from eenzaamheid.data import loader

from .odata_server import StandIn

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """With pytest-xdist (``make test`` runs ``-n auto --dist loadgroup``): every test that
    needs the built site runs in one worker, so the site is built once per run; the other
    tests spread over the other workers."""
    for item in items:
        if "built_once" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("site"))


@pytest.fixture(scope="session")
def raw() -> Path:
    """The project's unmodified copies of the CBS files its snapshot is built from."""
    return RAW


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """Real recorded CBS responses and a StatLine download used only by tests."""
    return FIXTURES


@pytest.fixture
def stand_in(monkeypatch, tmp_path):
    """The real cbsodata client pointed at a local OData server; a private cache folder."""
    server = StandIn(FIXTURES, page_size=50)
    monkeypatch.setenv("CBS_ODATA_URL", server.url)
    monkeypatch.setenv("EENZAAMHEID_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr("eenzaamheid.data.odata.TIMEOUT", 10)  # a busy machine answers late
    monkeypatch.setattr("eenzaamheid.data.odata.BACKOFF", 0.01)
    monkeypatch.setattr("eenzaamheid.data.odata.RETRIES", 2)
    monkeypatch.setattr(loader, "_offline_since", None)
    yield server
    server.close()


@pytest.fixture(scope="session")
def built_once(tmp_path_factory):
    """The main job for a theme and language, run once per test run into one private site
    (``built_once("college", "en")``); returns that language's ``index.html``. Every theme and
    language built joins the same site, as with ``make figures``."""
    from eenzaamheid.site import build

    folders = {
        "FIGURES": tmp_path_factory.mktemp("figures"),
        "BUILD": tmp_path_factory.mktemp("build"),
    }
    done: dict[tuple[str, str], Path] = {}

    def run(theme: str, lang: str) -> Path:
        if (theme, lang) not in done:
            patch = pytest.MonkeyPatch()
            for name, folder in folders.items():
                patch.setenv(f"EENZAAMHEID_{name}", str(folder))
            try:
                done[theme, lang] = build(theme=theme, lang=lang, source="snapshot")
            finally:
                patch.undo()
        return done[theme, lang]

    run.figures, run.build = folders["FIGURES"], folders["BUILD"]
    return run


@pytest.fixture(scope="session")
def site(built_once):
    """Every notebook in the artikel theme in Dutch and in the college theme in English (one
    site with both languages): ``index`` (Dutch), ``build``, ``figures``, ``charts``."""
    from types import SimpleNamespace

    index = built_once("artikel", "nl")
    built_once("college", "en")
    return SimpleNamespace(
        index=index,
        build=built_once.build,
        figures=built_once.figures,
        charts=built_once.figures / "artikel" / "nl",
    )


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session's browser tests; without one they are skipped,
    on CI ($CI set) they fail."""
    from .browser import HOW_TO_GET, Browser, find_chromium

    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail(HOW_TO_GET)
        pytest.skip(HOW_TO_GET)
    browser = Browser(executable)
    yield browser
    browser.close()
