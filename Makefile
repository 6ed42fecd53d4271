# Layan — the two commands of the README: `make run` and `make test`.
# Both set up everything on a fresh Debian/Ubuntu machine (system libraries, a venv, the deps).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test test-fast test-extra bench system-deps system-deps-test translations lint dist dist-smoke clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

system-deps:
	@scripts/system-deps.sh

system-deps-test:
	@scripts/system-deps.sh --test

run: system-deps $(STAMP)
	$(BIN)/layan

# The suite runs in parallel, a test file per worker at a time (tests/conftest.py says what that asks
# of a test); PYTEST_WORKERS=1 runs it in one process. A worker that crashes is not replaced: with
# --dist loadgroup, pytest-xdist 3.8 hangs the whole run after replacing one (pytest-xdist issues 1323
# and 1378), so a crash ends the run as a failure naming the test instead.
PYTEST_WORKERS ?= auto
PARALLEL := $(if $(filter 1,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist loadgroup --max-worker-restart=0)

test: system-deps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -p no:cacheprovider $(PARALLEL)

test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -p no:cacheprovider $(PARALLEL) -m "not slow"

# Variants the suite leaves out (marker `extra`): the screen-fit tour at 100 % and 150 %.
test-extra: system-deps-test $(STAMP)
	LAYAN_EXTRA_TESTS=1 QT_QPA_PLATFORM=offscreen $(BIN)/pytest -p no:cacheprovider -m extra

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

translations: $(STAMP)
	$(BIN)/python scripts/translations.py

lint: $(STAMP)
	$(BIN)/ruff check .

# The frozen app (PyInstaller, onedir) in dist/layan and the launcher in dist/launcher (build.spec);
# PyInstaller keeps its analysis in build/ and reuses it. The manifest lists every file's sha256.
dist: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN build.spec
	$(BIN)/python -m desktop.updates manifest dist/layan

# What CI runs on THE FROZEN APP: the version, and the main window opening offscreen and closing.
dist-smoke: dist
	dist/layan/layan --version
	QT_QPA_PLATFORM=offscreen dist/layan/layan selftest --gui

clean:
	rm -rf $(VENV) build dist *.egg-info
