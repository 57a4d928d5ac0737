# Set-up and build commands. `make lab` and `make test` create .venv here if it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# Keep Jupyter and matplotlib caches inside the project, never in ~.
export MPLCONFIGDIR := $(CURDIR)/.cache/matplotlib
export IPYTHONDIR := $(CURDIR)/.cache/ipython
export JUPYTER_CONFIG_DIR := $(CURDIR)/.cache/jupyter/config
export JUPYTER_DATA_DIR := $(CURDIR)/.cache/jupyter/data
export JUPYTER_RUNTIME_DIR := $(CURDIR)/.cache/jupyter/runtime

# JupyterLab refuses to run as root unless told; only then is --allow-root added.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
CACHE_DIRS := $(MPLCONFIGDIR) $(IPYTHONDIR) $(JUPYTER_CONFIG_DIR) $(JUPYTER_DATA_DIR) $(JUPYTER_RUNTIME_DIR)

.PHONY: lab test notebooks bench student slides html pdf clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	mkdir -p $(CACHE_DIRS)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

## lab: install if needed and open JupyterLab on the first notebook (localhost only, token on)
lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 $(ALLOW_ROOT) --ServerApp.root_dir=$(CURDIR) notebooks/00_start_here.ipynb

## test: install with test extras if needed, then run the whole suite
test: $(TEST_STAMP) publish/node_modules/.installed
	$(BIN)/python -m pytest

## notebooks: re-execute every notebook on a fresh kernel and rewrite figures/
notebooks: $(STAMP)
	$(BIN)/python -m ketamine_moa.build

## bench: speed measurements (not tests), written to benchmarks/results.json
bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/bench_simulate.py
	$(BIN)/python benchmarks/bench_cohort.py
	$(BIN)/python benchmarks/bench_widgets.py
	$(BIN)/python benchmarks/bench_notebooks.py
	$(BIN)/python benchmarks/bench_browser.py

## student: build/student/ -- notebook copies with each solution replaced by an exercise stub
student: $(STAMP)
	$(BIN)/python publish/student.py

# Local copies of reveal.js, the widget manager, RequireJS and MathJax (npm registry), so the
# slides and HTML pages load nothing from the internet.
publish/node_modules/.installed: publish/package.json publish/package-lock.json
	cd publish && npm ci --silent --no-audit --no-fund
	touch $@

## slides: build/slides/ -- reveal.js slides per notebook, working offline
slides: $(STAMP) publish/node_modules/.installed
	$(BIN)/python publish/export.py slides

## html: build/html/ -- one page per notebook plus an index, widgets rendered, offline
html: $(STAMP) publish/node_modules/.installed
	$(BIN)/python publish/export.py html

## pdf: build/pdf/ -- one PDF per notebook, printed by Debian's chromium (/usr/bin/chromium)
pdf: $(STAMP) publish/node_modules/.installed
	$(BIN)/python publish/export.py pdf

clean:
	rm -rf .cache build
