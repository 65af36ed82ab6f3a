"""The package's shape: layers import only downwards, no circles, short modules, notebooks
that read like articles, and nothing that needs a folder beside the repository."""

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "eenzaamheid"
# Each layer may import the layers with a lower rank (and itself), never a higher one.
RANKS = {
    "settings": 0,
    "errors": 0,
    "data": 1,
    "snapshot": 2,
    "charts": 2,
    "claims": 3,
    "explore": 3,
    "site": 4,
    "cli": 5,
    "__main__": 6,
    "__init__": 6,
}
MAX_MODULE_LINES = 350
MAX_CELL_LINES = 30


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Package modules imported by ``path`` (``if TYPE_CHECKING`` blocks left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            if node.level or target.startswith("eenzaamheid"):
                names = [f"{target}.{a.name}" for a in node.names]
                found |= {n for n in names if _exists(n)} or {target}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("eenzaamheid")}
    return found


def _exists(module: str) -> bool:
    path = PACKAGE.parent.joinpath(*module.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1].removesuffix(".py") if len(parts) > 1 else "__init__"


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: _imports(path) - {name} for name, path in MODULES.items()}


def test_layers_import_only_downwards():
    for module, imported in GRAPH.items():
        for target in imported:
            assert RANKS[_layer(target)] <= RANKS[_layer(module)], f"{module} imports {target}"
            if RANKS[_layer(target)] == RANKS[_layer(module)]:
                assert _layer(target) == _layer(module), f"{module} imports {target}"


def test_no_import_circle():
    def visit(module, trail):
        if module in trail:
            pytest.fail(" -> ".join([*trail[trail.index(module) :], module]))
        for target in GRAPH.get(module, ()):
            visit(target, [*trail, module])

    for module in GRAPH:
        visit(module, [])


def test_the_data_layer_knows_no_charts_and_no_language():
    for name, path in MODULES.items():
        if _layer(name) == "data":
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"^\s*(import|from) (matplotlib|babel|seaborn)", text, re.M), name


def _is_environ(node: ast.AST) -> bool:
    return getattr(node, "attr", getattr(node, "id", None)) == "environ"


def _reads_environment(source: str) -> list[str]:
    """Where ``source`` reads an environment variable: ``os.getenv``, ``os.environ[...]``,
    ``environ.get``/``pop``/``setdefault``, ``... in os.environ`` or ``from os import getenv``.
    Handing the whole environment to a child process (``os.environ | {...}``) reads none."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in READERS:
            found += [ast.unparse(node)] if _is_environ(node.func.value) else []
        if isinstance(node, ast.Call) and "getenv" in (
            getattr(node.func, "attr", None),
            getattr(node.func, "id", None),
        ):
            found.append(ast.unparse(node))
        if isinstance(node, ast.Subscript) and _is_environ(node.value):
            found.append(ast.unparse(node))
        if isinstance(node, ast.Compare) and any(map(_is_environ, node.comparators)):
            found.append(ast.unparse(node))
        if isinstance(node, ast.ImportFrom) and node.module == "os":
            found += [f"from os import {a.name}" for a in node.names if "getenv" in a.name]
    return found


READERS = {"get", "pop", "setdefault", "__getitem__"}


@pytest.mark.parametrize(
    "source",
    [
        "import os\nx = os.environ.get('A')",
        "import os\nx = os.environ['A']",
        "import os\nx = os.getenv('A', '1')",
        "from os import environ\nx = environ.get('A')",
        "from os import environ\nx = environ['A']",
        "from os import getenv\nx = getenv('A')",
        "import os\nx = 'A' in os.environ",
        "import os\nx = os.environ.pop('A', None)",
    ],
)
def test_the_environment_rule_catches_every_way_of_reading(source):
    assert _reads_environment(source), source


def test_handing_the_environment_to_a_child_is_not_reading_it():
    assert not _reads_environment("import os\nenv = os.environ | {'A': '1'}")


def test_settings_are_read_in_one_place():
    for name, path in MODULES.items():
        if name != "eenzaamheid.settings":
            assert not _reads_environment(path.read_text(encoding="utf-8")), name


def test_no_module_is_too_long():
    for name, path in MODULES.items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= MAX_MODULE_LINES, f"{name}: {lines} lines"


def _code_cells(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_read_like_articles(path):
    cells = _code_cells(path)
    for number, source in enumerate(cells):
        lines = len(source.splitlines())
        assert lines <= MAX_CELL_LINES, f"code cell {number}: {lines} lines"
    importing = [i for i, s in enumerate(cells) if re.search(r"^(import|from) ", s, re.M)]
    assert importing == [0], f"imports belong in the first code cell, found in cells {importing}"
    assert len(cells[0].splitlines()) <= 8
    looked_up = re.findall(r"(?<![\w.])text\(", "".join(cells))
    assert not looked_up, "a story's headlines are written in its notebook, not looked up"


MAX_SILENT_CELLS = 6  # code cells in a row with nothing for a reader (no prose, table, chart)
READER_OUTPUT = re.compile(r"\bch\.(prose|table)\(|\bchart\.save\(")


def _prose_words(source: str) -> int:
    """Words a reader gets from a code cell: the Dutch text of its ``ch.prose`` calls."""
    words = 0
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "prose":
            for keyword in (k for k in node.keywords if k.arg == "nl"):
                parts = [n.value for n in ast.walk(keyword.value) if isinstance(n, ast.Constant)]
                words += len(re.findall(r"\w+", " ".join(map(str, parts))))
    return words


def _balance(cells: list[dict]) -> tuple[int, int, int]:
    """(words a reader reads, lines of code, longest run of code cells with no reader output
    and no markdown between them)."""
    words = lines = run = longest = 0
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            words, run = words + len(re.findall(r"\w+", source)), 0
            continue
        words, lines = words + _prose_words(source), lines + len(source.splitlines())
        run = 0 if READER_OUTPUT.search(source) else run + 1
        longest = max(longest, run)
    return words, lines, longest


def _fixture_cells(*cells: tuple[str, str]) -> list[dict]:
    return [{"cell_type": kind, "source": [text]} for kind, text in cells]


def test_the_balance_rule_fails_a_notebook_of_code():
    code = "x = 1\n" * 25
    words, lines, _ = _balance(_fixture_cells(("markdown", "# Titel\n\nEen zin."), ("code", code)))
    assert words < lines
    silent = _fixture_cells(
        *[("code", "x = 1")] * 7, ("code", 'ch.prose(nl=f"Twee woorden", en="")')
    )
    assert _balance(silent)[2] == 7 and _balance(silent)[0] == 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_give_the_reader_more_words_than_code(path):
    words, lines, longest = _balance(json.loads(path.read_text(encoding="utf-8"))["cells"])
    assert words >= lines, f"{words} words for the reader, {lines} lines of code"
    assert longest <= MAX_SILENT_CELLS, f"{longest} code cells in a row with nothing to read"


# Figures typed into prose: decimals, thousands, percentages and counts of things.
TYPED_FIGURE = re.compile(
    r"\d+[.,]\d"
    r"|\d+\s*(%|procent|procentpunt)"
    r"|\b\d+\s+(mensen|personen|alleenstaanden|huishoudens|studies|gemeenten|miljoen|duizend)\b",
    re.IGNORECASE,
)


def _markdown(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return re.sub(r"`[^`]*`", "", text)  # code and file names are not figures


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_figure_is_typed_in_notebook_prose(path):
    typed = [m.group(0) for m in TYPED_FIGURE.finditer(_markdown(path))]
    assert not typed, f"compute these in a code cell (ch.prose): {typed}"


def test_nothing_refers_to_a_folder_beside_the_repository():
    tracked = [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.yaml"), *(ROOT / "tests").rglob("*.py")]
    tracked += [ROOT / "Makefile"]
    tracked += [ROOT / ".ci" / "run", *(ROOT / "data" / "snapshot").rglob("*.json")]
    tracked += [ROOT / "data" / "snapshot" / "README.md"]
    pattern = re.compile(r"\.\./shared|shared[/]cbs")
    for path in tracked:
        if path.is_file() and path != Path(__file__):
            assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_every_declared_library_is_used():
    sources = [p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")]
    sources += ["\n".join(_code_cells(p)) for p in NOTEBOOKS]
    for library in ("pandas", "matplotlib", "seaborn", "cbsodata", "babel", "pyarrow"):
        used = any(re.search(rf"^\s*(import|from) {library}\b", s, re.M) for s in sources)
        if library == "pyarrow":  # pandas' Parquet engine
            used = any("to_parquet(" in s for s in sources)
        assert used, f"{library} is declared but never used"
