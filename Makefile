# Set-up and build commands. `make lab` and `make test` create .venv here if it is missing and
# install the exact versions in requirements-lock.txt (`make lock` refreshes it).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
LOCK := requirements-lock.txt
# Keep Jupyter and matplotlib caches inside the project, never in ~.
export MPLCONFIGDIR := $(CURDIR)/.cache/matplotlib
export IPYTHONDIR := $(CURDIR)/.cache/ipython
export JUPYTER_CONFIG_DIR := $(CURDIR)/.cache/jupyter/config
export JUPYTER_DATA_DIR := $(CURDIR)/.cache/jupyter/data
export JUPYTER_RUNTIME_DIR := $(CURDIR)/.cache/jupyter/runtime
# The project's Jupyter settings (jupyter-config/): localhost only, no news feed, no update
# check, an extension manager that looks nothing up.
export JUPYTER_CONFIG_PATH := $(CURDIR)/jupyter-config
# OpenBLAS on one thread in every kernel, build and test run from here (unless already set):
# after a small matrix product (scipy's expm in the channel demos) its worker thread spins, and
# on a 2-core machine took the CPU from a demo's drawing (02 trapping dragged at 9-12 frames/s,
# 19.5 with one thread). The models' matrices are 4x4 to 9x9: a second thread gains nothing.
export OPENBLAS_NUM_THREADS ?= 1

# JupyterLab refuses to run as root unless told; only then is --allow-root added.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
CACHE_DIRS := $(MPLCONFIGDIR) $(IPYTHONDIR) $(JUPYTER_CONFIG_DIR) $(JUPYTER_DATA_DIR) $(JUPYTER_RUNTIME_DIR)

.PHONY: lab test lint lock notebooks bench student student-lab slides html pdf clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	mkdir -p $(CACHE_DIRS)

$(STAMP): $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e ".[fast]"
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e ".[test,fast]"
	touch $@

## lock: refresh requirements-lock.txt, the newest versions pyproject.toml allows (for Python
## 3.10 and newer); run `make test` on it before committing
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra test --extra fast --universal --python-version 3.10 \
		--upgrade --annotation-style line --output-file $(LOCK)

## lab: install if needed and open JupyterLab on the first notebook (localhost only, token on)
lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 $(ALLOW_ROOT) --ServerApp.root_dir=$(CURDIR) notebooks/00_start_here.ipynb

## test: install with test extras if needed, then lint and run the whole suite
test: lint publish/node_modules/.installed
	$(BIN)/python -m pytest

## lint: ruff over the package, tests, benchmarks, publish scripts and notebook sources
lint: $(TEST_STAMP)
	$(BIN)/ruff check .

## notebooks: re-execute each stale notebook (its source, a module it imports or the data they
## read changed) on a fresh kernel and rewrite its figures, one notebook per core at a time;
## `make notebooks ALL=1` rebuilds all, `JOBS=1` one after another
notebooks: $(STAMP)
	$(BIN)/python -m ketamine_moa.build $(if $(ALL),--all,) $(if $(JOBS),--jobs $(JOBS),)

## bench: speed measurements (not tests), written to benchmarks/results.json
bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/bench_simulate.py
	$(BIN)/python benchmarks/bench_cohort.py
	$(BIN)/python benchmarks/bench_widgets.py
	$(BIN)/python benchmarks/bench_notebooks.py
	$(BIN)/python benchmarks/bench_browser.py

## student: build/student/ -- notebook copies with each solution replaced by an exercise stub;
## `make student GRADED=1` writes build/graded/ -- the same without the expected results
student: $(STAMP)
	$(BIN)/python publish/student.py $(if $(GRADED),--graded,)

## student-lab: the student copies (new ones only; a copy you changed is kept) in JupyterLab
student-lab: $(STAMP)
	$(BIN)/python publish/student.py --keep-changed
	$(BIN)/jupyter lab --ip=127.0.0.1 $(ALLOW_ROOT) --ServerApp.root_dir=$(CURDIR)/build/student \
		build/student/00_start_here.ipynb

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
