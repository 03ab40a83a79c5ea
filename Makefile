# One-word targets for the common jobs. `make run` and `make test` are the README's two commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test build bench lint clean system-packages

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# Debian's Chromium for the browser tests and static chart images (Playwright cannot download its own here).
system-packages:
	@if ! command -v chromium >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

build: $(STAMP)
	$(BIN)/python -m dashboard build

run: $(STAMP) build
	$(BIN)/python -m dashboard.serve

test: $(STAMP) system-packages
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(STAMP) build
	$(BIN)/python bench/run.py

clean:
	rm -rf data/build .pytest_cache
