# The two commands a newcomer needs: `make figures` (the main job) and `make test`.
# Both create the virtual environment in .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.d/eenzaamheid.json
GIT_FILTER := $(VENV)/.git-filter
READY := $(STAMP) $(LAB_SETTINGS) $(GIT_FILTER)
THEME ?= notebook
LABEL_LANG ?= nl
SOURCE ?= snapshot

.PHONY: figures site screenshots test format bench snapshot translations lab clean

$(STAMP): pyproject.toml
	@echo "installing the packages into $(VENV) (once; about a minute, more on a slow line)…"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# JupyterLab settings for this environment: ArrowRight/ArrowLeft step through RISE slides
# (JupyterLab's own binding, "next heading", stays for notebooks).
$(LAB_SETTINGS): jupyter/eenzaamheid.json $(STAMP)
	mkdir -p $(@D) && cp $< $@

# Notebook outputs never reach git: git stores every notebook through nbstripout (outputs and
# execution counts stripped), while the notebooks on disk keep their outputs for RISE.
$(GIT_FILTER): $(STAMP)
	if git rev-parse --git-dir >/dev/null 2>&1; then \
	  git config filter.nbstripout.clean '$(BIN)/python -m nbstripout --keep-id' && \
	  git config filter.nbstripout.smudge cat && \
	  git config filter.nbstripout.required true; fi
	touch $@

figures: $(READY)  ## run the notebooks that changed (in parallel), export every chart, write the site in build/
	$(BIN)/python -m eenzaamheid build --theme $(THEME) --lang $(LABEL_LANG) --source $(SOURCE)

site: $(READY)  ## the website in both languages (and the figures of THEME)
	$(BIN)/python -m eenzaamheid build --theme $(THEME) --lang nl --source $(SOURCE)
	$(BIN)/python -m eenzaamheid build --theme $(THEME) --lang en --source $(SOURCE)

screenshots: $(READY)  ## the index, a story and a slide at 1280 and 400 px (headless Chromium)
	$(BIN)/python -m tests.browser build build/screenshots

test: $(READY)  ## lint + the whole test suite (offline)
	$(BIN)/ruff check src tests notebooks
	$(BIN)/ruff format --check src tests notebooks
	$(BIN)/python -m pytest -n auto --dist load --maxschedchunk=1  # a test at a time: no worker waits with a long test queued behind another

format: $(READY)  ## fix lint, format code, strip notebook outputs
	$(BIN)/ruff check --fix src tests notebooks
	$(BIN)/ruff format src tests notebooks
	$(BIN)/jupyter nbconvert --clear-output --inplace --log-level WARN notebooks/*.ipynb

bench: $(READY)  ## load() timings, then the main job: full, nothing changed, one notebook changed
	$(BIN)/python -m pytest tests/test_benchmark.py -p benchmark --benchmark-enable -s
	$(BIN)/python -m eenzaamheid.site.bench

snapshot: $(READY)  ## re-create data/snapshot/ from data/raw/ (offline)
	$(BIN)/python -m eenzaamheid snapshot

translations: $(STAMP)  ## notebooks' Dutch prose -> locale/stories.pot -> locale/en/LC_MESSAGES/stories.po, then check it
	$(BIN)/python -m eenzaamheid.site.i18n update

lab: $(READY)
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

clean:
	rm -rf build figures
