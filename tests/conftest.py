from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from eenzaamheid import configure, load
from eenzaamheid.data import loader
from eenzaamheid.data.loader import _cache_stem

from .odata_server import StandIn
from .sharing import once_per_run, shared_folder

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist hands out the tests
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """With several workers (``make test``): one test that needs the built site runs first, so
    its worker starts the build at once; the other tests of the built site run last, so the
    other workers run everything else meanwhile instead of waiting for that build. Tests
    marked ``long`` go first among those, so that no worker is left alone with one at the end
    (``make test`` hands out one test at a time, ``--maxschedchunk=1``, so two long tests do
    not queue on one worker). Tests marked ``waits`` go first among the others: while they
    wait on a clock, the build has the processor they leave idle."""
    site = [item for item in items if "built_once" in item.fixturenames]
    site.sort(key=lambda item: item.get_closest_marker("long") is None)  # stable: long first
    rest = [item for item in items if "built_once" not in item.fixturenames]
    rest.sort(key=lambda item: item.get_closest_marker("waits") is None)  # stable: waits first
    items[:] = site[:1] + rest + site[1:]


@pytest.fixture(autouse=True)
def settings_of_the_environment():
    """Every test starts from the environment's settings: a ``configure(...)`` in one test
    (a theme, a language) does not reach the next one in the same worker."""
    yield
    configure()


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


@pytest.fixture
def cached(stand_in):
    """A good cache entry of 80137ned from the stand-in server, and a check that its file is
    byte for byte the same afterwards."""
    before = load("80137ned", source="live")
    path = _cache_stem("80137ned", None, None).with_suffix(".parquet")
    data = path.read_bytes()
    yield before
    assert path.read_bytes() == data
    after = load("80137ned", source="cache")
    pd.testing.assert_frame_equal(after, before)
    assert after.attrs["meta"].retrieved_at == before.attrs["meta"].retrieved_at


def kept_folder(config: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the test site lives: in pytest's cache (``.pytest_cache/d/site``), kept between
    runs as ``make figures`` keeps ``build/``; without the cache plugin, in this run's
    temporary folder."""
    cache = getattr(config, "cache", None)
    if cache is None:
        folder = shared_folder(tmp_path_factory) / "site"
        folder.mkdir(exist_ok=True)
        return folder
    return cache.mkdir("site")


def clear_pages(build: Path) -> str:
    """Every page and asset of an earlier run goes (the notebooks' runs in ``.cache`` stay),
    so a page of a notebook that is gone cannot pass for a page of this run."""
    for path in build.glob("*") if build.exists() else ():
        if path.is_dir() and path.name != ".cache":
            shutil.rmtree(path)
        elif path.is_file():
            path.unlink()
    return ""


def keep_only_outputs(build: Path, charts: Path, theme: str, lang: str) -> None:
    """Of the chart files, keep those this build's notebooks wrote (a chart renamed or taken
    out of a notebook in an earlier run leaves its files behind otherwise)."""
    entries = (build / ".cache" / f"{theme}-{lang}").glob("*.json")
    wrote = {name for entry in entries for name in json.loads(entry.read_text("utf-8"))["outputs"]}
    for path in charts.iterdir():
        if path.name not in wrote:
            path.unlink()


@pytest.fixture(scope="session")
def built_once(request, tmp_path_factory):
    """The main job for a theme and language, run once per test run into one site
    (``built_once("college", "en")``), also when pytest-xdist runs the tests in several
    workers; returns that language's ``index.html``. Every theme and language built joins the
    same site, as with ``make figures``. The site is kept between runs (:func:`kept_folder`):
    as in the main job, a notebook runs again only when something it read changed (its cells,
    the package modules its kernel imported, the data files it opened, the settings); the
    pages are always written anew. ``pytest --cache-clear`` builds everything again."""
    from eenzaamheid.site import build

    run_folder = shared_folder(tmp_path_factory)
    site = kept_folder(request.config, tmp_path_factory)
    folders = {"FIGURES": site / "figures", "BUILD": site / "build"}

    def run(theme: str, lang: str) -> Path:
        def make() -> str:
            with pytest.MonkeyPatch.context() as patch:
                for name, folder in folders.items():
                    patch.setenv(f"EENZAAMHEID_{name}", str(folder))
                index = build(theme=theme, lang=lang, source="snapshot")
            keep_only_outputs(folders["BUILD"], folders["FIGURES"] / theme / lang, theme, lang)
            return str(index)

        once_per_run(run_folder, "pages", lambda: clear_pages(folders["BUILD"]))
        return Path(once_per_run(run_folder, f"{theme}-{lang}", make))

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
def usb(site, tmp_path_factory) -> Path:
    """The built site copied somewhere else on its own, as to a USB stick: what the browser
    tests open, so a page that reaches back into the repository fails."""
    target = tmp_path_factory.mktemp("usb") / "site"
    shutil.copytree(site.build, target, ignore=shutil.ignore_patterns(".cache"))
    return target


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
