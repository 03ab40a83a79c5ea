# One-word targets for the common jobs. `make run` and `make test` are the README's two commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test build site refresh export bench bench-sessions bench-static cluster lint clean system-packages mutate mutate-sql

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# Debian's Chromium for the browser tests and static chart images (Playwright cannot download its own here),
# and nginx for several app processes behind one address (`make cluster`, tests/browser/test_cluster.py).
system-packages:
	@if ! command -v chromium >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	fi

build: $(STAMP)
	$(BIN)/python -m dashboard build

# The static edition (every public page as plain HTML, feeds, previews) in data/build/site, served at /f/ (README).
site: $(STAMP) build
	$(BIN)/python -m dashboard site

# Check each official feed in data/feeds/catalogue.csv once and load any new release (deploy/ has a timer and a cron line).
refresh: $(STAMP)
	$(BIN)/python -m dashboard refresh

# The whole database as an open-data package (CSV, Parquet, datapackage.json) and its zip, in data/build/.
export: $(STAMP) build
	$(BIN)/python -m dashboard export

# The static edition is published first if there is none yet; if that fails, the app starts anyway ("-").
run: $(STAMP) build
	-$(BIN)/python -m dashboard site --if-missing
	$(BIN)/python -m dashboard.web.serve

# Two processes, each taking whole test files (their module fixtures are built once); `python -m pytest` alone runs
# them in one.
test: $(STAMP) system-packages
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n 2 --dist loadfile

# Mutation testing (README, "Mutation testing"): slow, so never part of `make test`. mutmut over the modules listed
# in pyproject.toml [tool.mutmut], then one comparison or sort order at a time in queries/*.sql.
mutate: $(STAMP) mutate-sql
	$(BIN)/mutmut run --max-children 2; $(BIN)/mutmut results

mutate-sql: $(STAMP)
	$(BIN)/python tests/mutation/mutate_sql.py

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports

bench: $(STAMP) build system-packages
	$(BIN)/python -m bench.run

# The static edition's build time and bytes per kind of page, and the time until a force's grade shows on a throttled
# phone: the static overview beside the app's and an empty Streamlit page (bench/static.py).
bench-static: $(STAMP) build system-packages
	$(BIN)/python -m bench.static

# 600 visitors at once through nginx and two app processes, from several loopback addresses (bench/sessions.py).
bench-sessions: $(STAMP) system-packages
	$(BIN)/python -m bench.sessions

# PROCESSES app processes behind nginx on 127.0.0.1:CLUSTER_PORT, sticky per visitor (deploy/).
PROCESSES ?= 2
CLUSTER_PORT ?= 8080
cluster: $(STAMP) build system-packages
	$(BIN)/python -m deploy.cluster --processes $(PROCESSES) --port $(CLUSTER_PORT)

clean:
	rm -rf data/build .pytest_cache mutants
