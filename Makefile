# Layan — the two commands of the README: `make run` and `make test`.
# Both set up everything on a fresh Debian/Ubuntu machine (system libraries, a venv, the deps).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test test-fast bench system-deps translations lint dist clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

system-deps:
	@scripts/system-deps.sh

run: system-deps $(STAMP)
	$(BIN)/layan

test: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -p no:cacheprovider

test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -p no:cacheprovider -m "not slow"

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

translations: $(STAMP)
	$(BIN)/python scripts/translations.py

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) build dist *.egg-info
