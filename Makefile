# eventdesk: `make demo` runs the main job on the demo corpus, `make test` runs every check.
# Both set up a virtual environment in .venv first (again only when pyproject.toml changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
CHECKED := src tests benchmarks

.PHONY: install browser demo lint test test-all schema

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# The main job: the demo corpus into SQLite (idempotent: a second run adds nothing), then the
# workbench on http://127.0.0.1:8765/ (Ctrl-C stops it). DEMO_TOKEN lets you review in the browser.
DEMO_DB := out/demo.db
DEMO_TOKEN ?= demo
demo: install
	mkdir -p out
	$(BIN)/eventdesk ingest demo/ --db $(DEMO_DB)
	$(BIN)/eventdesk serve --db $(DEMO_DB) --write-token $(DEMO_TOKEN)

lint: install
	$(BIN)/ruff check $(CHECKED)
	$(BIN)/ruff format --check $(CHECKED)
	$(BIN)/mypy --strict src

# Headless Chromium for the workbench's end-to-end tests, from Debian (Playwright cannot download
# browsers offline). Installed when missing and we are root; otherwise those tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "chromium not installed: browser tests will skip"; fi; }

# The fast suite: everything but tests marked slow (full benchmarks and gates on whole corpora).
test: lint browser
	$(BIN)/pytest -m "not slow"

test-all: lint browser
	$(BIN)/pytest

schema: install
	$(BIN)/eventdesk schema > docs/extract-line.schema.json
