"""Project hygiene: the two dependency files agree, notebooks are stripped, README shows the way."""

import json
import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower()


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    conda = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    listed = {_name(d) for d in conda if isinstance(d, str)} - {"python", "pip"}
    assert listed == wanted


def test_committed_notebooks_carry_no_outputs():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        cells = json.loads(path.read_text())["cells"]
        dirty = [
            i
            for i, c in enumerate(cells)
            if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))
        ]
        assert not dirty, f"{path.name}: cells {dirty} carry outputs; run `make format`"


def _recipes(makefile: str) -> dict[str, list[str]]:
    """``{target: [command, ...]}`` of a Makefile, and its variables as ``{name: []}``."""
    recipes: dict[str, list[str]] = {}
    target = None
    for line in makefile.splitlines():
        if line.startswith("\t") and target:
            recipes[target].append(line.strip())
        elif match := re.match(r"^([A-Za-z_][\w.-]*)\s*(\?|:)?=", line):
            recipes.setdefault(match.group(1), [])
            target = None
        elif match := re.match(r"^([a-z][\w.-]*):", line):
            target = match.group(1)
            recipes[target] = []
    return recipes


def _unknown_commands(readme: str, makefile: str) -> list[str]:
    """``make`` commands in the README whose target or variable the Makefile lacks."""
    known = _recipes(makefile)
    commands = re.findall(r"\bmake ([a-z][\w-]*(?: [A-Z_]+=\S+)*)", readme)
    return [
        command
        for command in commands
        if any(word.split("=")[0] not in known for word in command.split())
    ]


def test_the_readme_check_finds_a_command_that_does_not_exist():
    makefile = "THEME ?= notebook\nfigures: x\n\techo\n"
    assert _unknown_commands("make figures THEME=a", makefile) == []
    assert _unknown_commands("make figurs, make figures COLOUR=red", makefile) == [
        "figurs",
        "figures COLOUR=red",
    ]


def test_every_make_command_in_the_readme_exists():
    readme, makefile = (ROOT / "README.md").read_text(), (ROOT / "Makefile").read_text()
    assert re.findall(r"^make (\w+)", readme[:1500], re.M)[:2] == ["figures", "test"]
    assert _unknown_commands(readme, makefile) == []


def test_ci_runs_the_test_target_and_it_lints_formats_and_tests():
    assert (ROOT / ".ci/run").read_text().strip().splitlines()[-1] == "make test"
    recipe = " ; ".join(_recipes((ROOT / "Makefile").read_text())["test"])
    for step in ("ruff check src tests notebooks", "ruff format --check", "-m pytest"):
        assert step in recipe, f"make test does not run {step!r}: {recipe}"


def test_starting_pytest_asks_git_nothing(tmp_path):
    """pytest-benchmark runs ``git describe --dirty`` whenever it is loaded; in a fresh clone
    that runs the notebook filter (nbstripout) on every notebook, 20 s before the first test.
    It is loaded only by ``make bench``."""
    import os
    import shlex
    import subprocess
    import sys

    asked = shlex.quote(str(tmp_path / "asked"))
    (tmp_path / "git").write_text(f'#!/bin/sh\necho "$@" >> {asked}\nexit 1\n')
    (tmp_path / "git").chmod(0o755)
    env = os.environ | {"PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    command = [sys.executable, "-m", "pytest", "--co", "-q", "--noconftest", "-p", "no:xdist"]
    done = subprocess.run(
        [*command, "tests/test_periods.py"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (tmp_path / "asked").exists(), (tmp_path / "asked").read_text()


def test_no_test_fixture_reaches_data():
    for path in (ROOT / "data").rglob("*"):
        assert "fixture" not in path.name and "test" not in path.name, path


def test_the_site_is_built_once_however_many_workers_need_it(tmp_path):
    """``make test`` runs in parallel: tests that need the built site run in every worker, but
    the first to ask builds it and the others wait for that build (or each worker would run
    every notebook again)."""
    import os
    import subprocess
    import sys

    (tmp_path / "conftest.py").write_text(
        "import os, time, pytest\n"
        "from tests.sharing import once_per_run, shared_folder  # the project's own\n"
        "@pytest.fixture(scope='session')\n"
        "def built_once(tmp_path_factory):\n"
        "    def make():\n"
        "        open(f\"built-{os.environ['PYTEST_XDIST_WORKER']}\", 'w').close()\n"
        "        time.sleep(1)\n"
        "        return 'index.html'\n"
        "    return once_per_run(shared_folder(tmp_path_factory), 'site', make)\n"
        "@pytest.fixture\n"
        "def site(built_once):\n"
        "    open(f\"used-{os.environ['PYTEST_XDIST_WORKER']}\", 'w').close()\n"
        "    return built_once\n"
    )
    for module in "abc":
        tests = "".join(f"def test_{n}(site): assert site == 'index.html'\n" for n in range(9))
        (tmp_path / f"test_{module}.py").write_text(tests)
    command = [sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "load"]
    command += ["-p", "no:cacheprovider", "-c", os.devnull, "--rootdir", str(tmp_path)]
    environment = os.environ | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(list(tmp_path.glob("used-*"))) == 2  # both workers needed the site
    assert len(list(tmp_path.glob("built-*"))) == 1


def test_the_kept_site_loses_what_an_earlier_run_left_and_keeps_the_notebooks_runs(tmp_path):
    """The test site is kept between runs (tests/conftest.py): pages are written anew, chart
    files no notebook of this build wrote go, the executed notebooks stay."""
    from .conftest import clear_pages, keep_only_outputs

    build, charts = tmp_path / "build", tmp_path / "figures" / "artikel" / "nl"
    cache = build / ".cache" / "artikel-nl"
    for folder in (cache, build / "en", build / "assets", charts):
        folder.mkdir(parents=True)
    for name in ("index.html", "99_weg.html", "en/99_weg.html", "assets/site.css"):
        (build / name).write_text("old")
    (cache / "01_x.ipynb").write_text("{}")
    (cache / "01_x.json").write_text(json.dumps({"outputs": ["a.json", "a.png"]}))
    for name in ("a.json", "a.png", "oud.json", "oud.png"):
        (charts / name).write_text("x")
    clear_pages(build)
    keep_only_outputs(build, charts, "artikel", "nl")
    assert sorted(p.relative_to(build).as_posix() for p in build.rglob("*")) == [
        ".cache",
        ".cache/artikel-nl",
        ".cache/artikel-nl/01_x.ipynb",
        ".cache/artikel-nl/01_x.json",
    ]
    assert sorted(p.name for p in charts.iterdir()) == ["a.json", "a.png"]
