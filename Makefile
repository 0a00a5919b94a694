# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 3978

.PHONY: run test lint check pytest bench fuzz playground clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## run: install and start the bot on the embedded default (SQLite file, emulator mode)
run: $(STAMP)
	$(BIN)/medbot db upgrade
	$(BIN)/medbot org import config/organisation.yaml
	$(BIN)/medbot serve --host $(HOST) --port $(PORT)

## test: install and run the whole suite (linters, type checks, tests)
test: $(STAMP) lint pytest

lint: $(STAMP)
	$(BIN)/ruff check bot dialogs knowledge storage tests benchmarks
	$(BIN)/ruff format --check bot dialogs knowledge storage tests benchmarks
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

## bench: the benchmarks the issues ask for
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_search.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
