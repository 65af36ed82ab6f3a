"""The main job is incremental: a notebook runs again only when it, the package code it
imports, the data it reads or the settings changed; it runs without kernel warnings."""

import json
import time

import pytest

from eenzaamheid import settings
from eenzaamheid.site import build, listing
from eenzaamheid.site.cache import Cache, notebook_digest


def _notebook(path, *sources):
    cells = [
        {
            "cell_type": "code",
            "id": f"c{i}",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": source,
        }
        for i, source in enumerate(sources)
    ]
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = {"cells": cells, "metadata": {"kernelspec": kernel}, "nbformat": 4}
    path.write_text(json.dumps(notebook | {"nbformat_minor": 5}))


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Two tiny notebooks in a folder of their own; private data, figures and build folders."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    data = tmp_path / "snapshot"
    data.mkdir()
    (data / "getal.txt").write_text("41")
    reads = "import os, pathlib\n" + (
        "n = int(pathlib.Path(os.environ['EENZAAMHEID_SNAPSHOT'], 'getal.txt').read_text())\nn + 1"
    )
    _notebook(notebooks / "01_leest.ipynb", reads)
    _notebook(notebooks / "02_rekent.ipynb", "import eenzaamheid.settings\n1 + 1")
    monkeypatch.setattr(listing, "NOTEBOOKS", notebooks)
    for name, folder in (("SNAPSHOT", data), ("FIGURES", "figures"), ("BUILD", "build")):
        monkeypatch.setenv(f"EENZAAMHEID_{name}", str(tmp_path / folder))
    return tmp_path


def _ran(capsys) -> set[str]:
    out = capsys.readouterr().out
    assert "WARNING" not in out and "Kernel is running" not in out
    return {f"{line.split()[1]}.ipynb" for line in out.splitlines() if line.startswith("[")}


def test_only_what_changed_runs_again(project, capsys):
    build()
    assert _ran(capsys) == {"01_leest.ipynb", "02_rekent.ipynb"}
    started = time.perf_counter()
    build()
    assert _ran(capsys) == set()
    assert time.perf_counter() - started < 3
    (project / "snapshot" / "getal.txt").write_text("1")  # the data 01 reads
    build()
    assert _ran(capsys) == {"01_leest.ipynb"}
    _notebook(project / "notebooks" / "02_rekent.ipynb", "import eenzaamheid.settings\n2 + 2")
    build()
    assert _ran(capsys) == {"02_rekent.ipynb"}
    build(lang="en")  # another language is another run
    assert _ran(capsys) == {"01_leest.ipynb", "02_rekent.ipynb"}
    build(force=True)
    assert _ran(capsys) == {"01_leest.ipynb", "02_rekent.ipynb"}


def test_the_record_names_the_data_and_the_modules(project):
    build()
    config = settings.current()
    entry = Cache(config).entry(project / "notebooks" / "01_leest.ipynb")
    assert str(project / "snapshot" / "getal.txt") in entry.files
    modules = Cache(config).entry(project / "notebooks" / "02_rekent.ipynb").files
    assert any(name.endswith("eenzaamheid/settings.py") for name in modules)
    executed = Cache(config).executed(project / "notebooks" / "01_leest.ipynb")
    assert len(executed["cells"]) == 1  # the recording cells are gone
    assert executed["cells"][0]["outputs"][0]["data"]["text/plain"] == "42"


def test_outputs_do_not_change_the_fingerprint(project):
    path = project / "notebooks" / "01_leest.ipynb"
    notebook = json.loads(path.read_text())
    before = notebook_digest(notebook)
    notebook["cells"][0]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
    notebook["cells"][0]["execution_count"] = 3
    assert notebook_digest(notebook) == before


def test_a_story_page_folds_code_and_tables_and_keeps_the_prose(project):
    markdown = {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# 3. Titel\n\nLead."}
    path = project / "notebooks" / "03_verhaal.ipynb"
    table = "import pandas as pd\npd.DataFrame({'a': [1]})"
    prose = "from IPython.display import Markdown\nMarkdown('**Berekend:** 42')"
    _notebook(path, "print('gezegd')", table, prose)
    notebook = json.loads(path.read_text())
    notebook["cells"].insert(0, markdown)
    path.write_text(json.dumps(notebook))
    index = build(only=["03_"])
    page = (index.parent / "03_verhaal.html").read_text()
    assert "<title>3. Titel · " in page and 'href="index.html"' in page
    assert '<h1 id="3-titel">3. Titel</h1>' in page
    assert page.count('<details class="code">') == 2  # code cells in a row: one click
    assert '<pre class="output">gezegd\n</pre>' in page  # printed text stays in view
    folded = page.split("<summary>Code en tabel</summary>")[1].split("</details>")[0]
    assert "<table" in folded  # a table shown by the code is behind the same click
    assert '<section class="prose"><p><strong>Berekend:</strong> 42</p>' in page  # computed prose
    assert "3. Titel" in index.read_text()
