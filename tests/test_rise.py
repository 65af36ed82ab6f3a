"""Presenting in JupyterLab: RISE is installed by the project's own environment, and slide
metadata follows from a notebook's structure."""

import json
import subprocess
import sys
from pathlib import Path

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
    assert notebook["metadata"]["rise"]["scroll"] is True
    assert rise.is_marked(notebook)
    notebook["cells"][1]["metadata"]["slideshow"]["slide_type"] = "slide"
    assert not rise.is_marked(notebook)


def test_rise_is_installed_in_jupyterlab():
    jupyter = Path(sys.executable).with_name("jupyter")
    listed = subprocess.run(
        [jupyter, "labextension", "list"], capture_output=True, text=True, check=True
    )
    assert "jupyterlab-rise" in listed.stdout + listed.stderr


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
