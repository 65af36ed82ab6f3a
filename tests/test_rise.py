"""Presenting in JupyterLab: RISE is installed by the project's own environment, and slide
metadata follows from a notebook's structure."""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from eenzaamheid.site import rise


def _cell(kind, source, **metadata):
    cell = {"cell_type": kind, "metadata": metadata, "source": source}
    if kind == "code":
        cell |= {"outputs": [], "execution_count": None}
    return cell


def test_slides_follow_the_structure():
    notebook = {
        "cells": [
            _cell("markdown", "# 1. Titel\n\nWat je leert."),
            _cell("code", "import pandas as pd"),
            _cell("markdown", "## Een vraag"),
            _cell("code", "data = load('71488ned')"),
            _cell("markdown", "Uitleg bij de grafiek."),
            _cell("code", "with ch.Chart(t, s, b) as chart:\n    chart.save('x', d, alt=a)"),
            _cell("markdown", "**Wat de data zeggen.** Iets."),
            _cell("markdown", "### Verder"),
            _cell("code", "tabel", tags=["slide"]),
            _cell("code", "nog een tabel", tags=["slide"]),
            _cell("code", "with ch.Chart(t, s) as chart:\n    chart.save('y', d, alt=a)"),
            _cell("code", "ch.prose(nl=f'In {jaar}...', en=f'In {jaar}...')"),
            _cell("code", "ch.prose(nl='Verder', en='Further')"),
        ],
        "metadata": {},
    }
    assert rise.slide_types(notebook) == [
        "slide", "skip", "slide", "skip", "-", "slide", "slide", "subslide", "-", "slide",
        "slide", "slide", "-",
    ]  # fmt: skip
    rise.mark(notebook)
    chart = notebook["cells"][5]["metadata"]
    assert chart["jupyter"] == {"source_hidden": True}
    assert "jupyter" not in notebook["cells"][3]["metadata"]
    assert notebook["cells"][8]["metadata"]["jupyter"] == {"source_hidden": True}
    assert notebook["cells"][11]["metadata"]["jupyter"] == {"source_hidden": True}
    show = notebook["metadata"]["rise"]
    assert show["scroll"] is True
    assert show["start_slideshow_at"] == "beginning"  # not the slide of the selected cell
    assert show["auto_select"] == "none"  # no cell selected, so no selection bar
    assert rise.is_marked(notebook)
    notebook["cells"][1]["metadata"]["slideshow"]["slide_type"] = "slide"
    assert not rise.is_marked(notebook)


def test_rise_is_installed_in_jupyterlab():
    """Where JupyterLab finds the environment's prebuilt extensions (what `jupyter labextension
    list` reads, without its 4 s start)."""
    package = Path(sys.prefix, "share/jupyter/labextensions/jupyterlab-rise/package.json")
    assert json.loads(package.read_text(encoding="utf-8"))["name"] == "jupyterlab-rise"


ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_carries_its_slide_metadata(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    fix = f"run: .venv/bin/python -m eenzaamheid.site.rise notebooks/{path.name}"
    assert rise.is_marked(notebook), fix
    cells = notebook["cells"]
    assert cells[0]["metadata"]["slideshow"]["slide_type"] == "slide"  # the title slide
    charts = [c for c in cells if rise.is_chart(c)]
    assert charts, "a story without a chart"
    for cell in charts:
        assert cell["metadata"]["slideshow"]["slide_type"] == "slide"
        assert cell["metadata"]["jupyter"]["source_hidden"] is True


STORY = "03_wie_is_er_eenzaam.ipynb"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(browser, expression: str, timeout: float = 40, every: float = 0.2):
    """Poll a JavaScript expression until it is truthy; its value, or TimeoutError."""
    end = time.monotonic() + timeout
    while not (value := browser.evaluate(expression)):
        if time.monotonic() > end:
            raise TimeoutError(f"not true within {timeout} s: {expression}")
        time.sleep(every)
    return value


@pytest.fixture(scope="module")
def lab(site, tmp_path_factory):
    """JupyterLab on 127.0.0.1 with the project's settings (as installed in the environment)
    and nothing of the user's, in a folder holding a story with its outputs (from the main
    job) and ``rise.css``."""
    settings = Path(sys.prefix, "share/jupyter/lab/settings/overrides.d/eenzaamheid.json")
    wanted = (ROOT / "jupyter" / "eenzaamheid.json").read_text(encoding="utf-8")
    assert settings.exists() and settings.read_text(encoding="utf-8") == wanted, (
        f"{settings} is not jupyter/eenzaamheid.json: run make (it installs it)"
    )
    folder = tmp_path_factory.mktemp("lab")
    shutil.copy(site.build / ".cache" / "college-en" / STORY, folder / STORY)
    shutil.copy(ROOT / "notebooks" / "rise.css", folder / "rise.css")
    private = {
        name: str(folder / f".{name.lower()}")
        for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR")
    } | {"JUPYTERLAB_WORKSPACES_DIR": str(folder / ".workspaces")}
    port, token = _free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1"]
    command += [f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}"]
    command += [f"--ServerApp.root_dir={folder}", "--LabApp.expose_app_in_browser=True"]
    with (folder / "lab.log").open("w") as log:
        server = subprocess.Popen(
            [*command, *(["--allow-root"] if os.geteuid() == 0 else [])],
            cwd=folder,
            env=os.environ | private,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        end = time.monotonic() + 60
        while server.poll() is None and time.monotonic() < end:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        assert server.poll() is None, (folder / "lab.log").read_text()
        yield SimpleNamespace(url=url, token=token, folder=folder)
    finally:  # the server and the kernels it started (one process group)
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


LOOK = """d => { const slide = d.querySelector('section.present[id]');
  const text = slide.querySelector('.jp-RenderedMarkdown p');
  const chart = slide.querySelector('.jp-OutputArea-output img');
  const framed = c => (s => ['Top', 'Right', 'Bottom', 'Left'].some(side =>
      parseFloat(s[`border${side}Width`]) && s[`border${side}Color`] !== 'rgba(0, 0, 0, 0)')
    || s.boxShadow !== 'none' || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth)))(
    getComputedStyle(c));
  const bars = [...d.querySelectorAll('.jp-Collapser')]
    .filter(c => c.offsetHeight && getComputedStyle(c).visibility !== 'hidden').length
    + [...slide.querySelectorAll('.jp-Cell')].filter(framed).length;
  return [text ? parseFloat(getComputedStyle(text).fontSize) : 0, bars,
          chart ? chart.getBoundingClientRect().height : 0]; }"""


FRAME = "document.querySelector('iframe[src*=\"/rise/\"]')"
SHOW = f"{FRAME}?.contentDocument"
KEYBOARD = """(e => e.tagName === 'IFRAME' ? 'the slides'
  : `${e.tagName} ${e.className} in JupyterLab`)(document.activeElement)"""


def _step(browser, key: str, slide: str) -> None:
    """Press a key and wait until the slide shown is ``slide`` (reveal.js moves on keydown;
    a wrong key binding or a lost focus shows as a timeout that says where the keys went)."""
    browser.press(key)
    try:
        _wait(browser, f"{SHOW}.querySelector('section.present[id]')?.id === '{slide}'", 10, 0.05)
    except TimeoutError:
        shown = browser.evaluate(f"{SHOW}.querySelector('section.present[id]')?.id")
        where = browser.evaluate(KEYBOARD)
        pytest.fail(f"{key} showed {shown}, not {slide}; the keyboard was on {where}")


@pytest.mark.browser
@pytest.mark.long
def test_arrow_keys_visit_every_slide_in_order_from_the_first(chromium, lab):
    """A lecturer with the last cell selected starts the show (RISE:preview, as Alt+R or the
    toolbar button) in a browser window that has the focus: the show opens at the title slide
    and keeps the keyboard, and ArrowRight visits every slide once, in order; the slides have
    the lecture look."""
    notebook = json.loads((lab.folder / STORY).read_text(encoding="utf-8"))
    expected = sum(kind == "slide" for kind in rise.slide_types(notebook))
    chromium.size(1920, 1080)
    chromium.send("Emulation.setFocusEmulationEnabled", enabled=True)  # the window in front
    try:
        _present(chromium, lab, expected)
    finally:
        chromium.send("Emulation.setFocusEmulationEnabled", enabled=False)
        chromium.open("about:blank")  # the session's browser leaves JupyterLab before it stops


def _present(chromium, lab, expected: int) -> None:
    chromium.send("Page.navigate", url=f"{lab.url}/lab/tree/{STORY}?token={lab.token}")
    panel = "[...(window.jupyterapp?.shell.widgets('main') ?? [])].find(w => w.content?.widgets)"
    _wait(chromium, f"{panel}?.content.widgets.length > 0", timeout=90)  # a busy machine
    chromium.evaluate(
        f"(p => p.context.ready.then(() => {{ jupyterapp.shell.activateById(p.id);"
        " p.content.activeCellIndex = p.content.widgets.length - 1;"
        f" return jupyterapp.commands.execute('RISE:preview'); }}))({panel})"
    )
    # reveal.js bound its keys (its ready class) and RISE gave the slides the keyboard
    _wait(chromium, f"{SHOW}?.querySelector('.reveal.ready') && {SHOW}.hasFocus()", 90)
    chromium.screenshot(lab.folder / "first.png")
    present = f"{SHOW}.querySelector('section.present[id]').id"
    assert chromium.evaluate(present) == "slide-0-0", "the show does not start at the title"
    looks = [chromium.evaluate(f"({LOOK})({SHOW})")]
    for n in range(1, expected):
        _step(chromium, "ArrowRight", f"slide-{n}-0")
        looks.append(chromium.evaluate(f"({LOOK})({SHOW})"))
    _step(chromium, "ArrowRight", f"slide-{expected - 1}-0")  # the last slide stays
    chromium.screenshot(lab.folder / "last.png")
    height = chromium.evaluate(f"{FRAME}.contentWindow.innerHeight")
    text = looks[0][0]
    assert text >= 0.028 * height, f"body text {text} px on a {height} px slide"
    charts = [chart for _, _, chart in looks if chart]
    assert len(charts) >= 3 and min(charts) >= 0.8 * height, f"{charts} on {height} px"
    assert not any(bars for _, bars, _ in looks), "a cell-selection bar or frame shows on a slide"
    _step(chromium, "ArrowLeft", f"slide-{expected - 2}-0")
