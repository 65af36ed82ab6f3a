# The two commands a newcomer needs: `make figures` (the main job) and `make test`.
# Both create the virtual environment in .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
THEME ?= notebook
LABEL_LANG ?= nl
SOURCE ?= snapshot

.PHONY: figures site screenshots test format bench snapshot translations lab clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

figures: $(STAMP)  ## run the notebooks that changed (in parallel), export every chart, write the site in build/
	$(BIN)/python -m eenzaamheid build --theme $(THEME) --lang $(LABEL_LANG) --source $(SOURCE)

site: $(STAMP)  ## the website in both languages (and the figures of THEME)
	$(BIN)/python -m eenzaamheid build --theme $(THEME) --lang nl --source $(SOURCE)
	$(BIN)/python -m eenzaamheid build --theme $(THEME) --lang en --source $(SOURCE)

screenshots: $(STAMP)  ## the index, a story and a slide at 1280 and 400 px (headless Chromium)
	$(BIN)/python -m tests.browser build build/screenshots

test: $(STAMP)  ## lint + the whole test suite (offline)
	$(BIN)/ruff check src tests notebooks
	$(BIN)/ruff format --check src tests notebooks
	$(BIN)/python -m pytest

format: $(STAMP)  ## fix lint, format code, strip notebook outputs
	$(BIN)/ruff check --fix src tests notebooks
	$(BIN)/ruff format src tests notebooks
	$(BIN)/jupyter nbconvert --clear-output --inplace --log-level WARN notebooks/*.ipynb

bench: $(STAMP)  ## load() timings, then the main job: full, nothing changed, one notebook changed
	$(BIN)/python -m pytest tests/test_benchmark.py --benchmark-enable -s
	$(BIN)/python -m eenzaamheid.site.bench

snapshot: $(STAMP)  ## re-create data/snapshot/ from data/raw/ (offline)
	$(BIN)/python -m eenzaamheid snapshot

translations: $(STAMP)  ## notebooks' Dutch prose -> locale/stories.pot -> locale/en/LC_MESSAGES/stories.po, then check it
	$(BIN)/python -m eenzaamheid.site.i18n update

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

clean:
	rm -rf build figures
