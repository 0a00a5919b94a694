# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 3978
# npm packages of the card render and Playground tests (tests/cards/package.json), kept outside git.
NODE_DIR ?= $(HOME)/.cache/medbot/node
NODE_STAMP := $(NODE_DIR)/.installed
# make playground ROLE=…: who you are in the Playground, one of config/playground/*.yml; its own page's port.
ROLE ?= medarbejder
PLAYGROUND_PORT ?= 56150
PLAYGROUND_ROLES := $(basename $(notdir $(wildcard config/playground/*.yml)))
PLAYGROUND_CONFIG = config/playground/$(ROLE).yml
# ROLE=admin: MEDBOT_ADMINS is the admin config's own user, so the Entra id lives in one file only.
PLAYGROUND_ADMIN = $(shell awk '/^currentUser:/ {me = 1; next} me && /aadObjectId:/ {print $$2; exit}' config/playground/admin.yml)
PLAYGROUND_ENV = $(if $(filter admin,$(ROLE)),MEDBOT_ADMINS=$(PLAYGROUND_ADMIN))

.PHONY: run test lint check pytest bench fuzz playground node-deps clean

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
	$(BIN)/lint-imports

pytest: $(STAMP) node-deps
	MEDBOT_NODE_DIR=$(NODE_DIR) $(BIN)/python -m pytest -q -p no:cacheprovider

## node-deps: npm packages for the card render and Playground tests (skipped, with a reason, without npm)
node-deps:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(NODE_STAMP); \
	else echo "npm is not installed: the card render and Playground tests will be skipped"; fi

$(NODE_STAMP): tests/cards/package.json tests/cards/package-lock.json
	mkdir -p $(NODE_DIR)
	cp tests/cards/package.json tests/cards/package-lock.json $(NODE_DIR)/
	cd $(NODE_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## playground: chat with the bot in Microsoft 365 Agents Playground, a Teams-like web page (no tenant needed), as
## ROLE=medarbejder (default), sekretaer, kommunemed or admin
playground: $(STAMP) node-deps
	@test -f $(PLAYGROUND_CONFIG) || { echo "ROLE=$(ROLE) is not a Playground role; choose one of: $(PLAYGROUND_ROLES)" >&2; exit 2; }
	$(BIN)/medbot db upgrade
	$(BIN)/medbot org import config/organisation.yaml
	mkdir -p var/playground
	cp $(PLAYGROUND_CONFIG) var/playground/.m365agentsplayground.yml
	@$(PLAYGROUND_ENV) $(BIN)/medbot serve --host $(HOST) --port $(PORT) & bot=$$!; trap 'kill $$bot' EXIT INT TERM; \
	echo "Microsoft 365 Agents Playground as $(ROLE) ($(PLAYGROUND_CONFIG)): open http://127.0.0.1:$(PLAYGROUND_PORT); Ctrl-C stops"; \
	cd var/playground && \
	node $(NODE_DIR)/node_modules/@microsoft/m365agentsplayground/cli.js start \
	  -e http://$(HOST):$(PORT)/api/messages -c msteams -p $(PLAYGROUND_PORT) --disable-telemetry

## bench: the benchmarks the issues ask for
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_search.py
	$(BIN)/python benchmarks/bench_answers.py
	$(BIN)/python benchmarks/bench_turns.py
	$(BIN)/python benchmarks/bench_fanout.py
	$(BIN)/python benchmarks/bench_replicas.py
	$(BIN)/python benchmarks/bench_memory.py

## fuzz: the property-based tests of /api/messages with 10,000 examples each (make test runs 200)
fuzz: $(STAMP)
	MEDBOT_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
