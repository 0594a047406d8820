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

demo: install
	mkdir -p out
	$(BIN)/eventdesk extract demo/ -o out/demo.jsonl
	@echo "wrote out/demo.jsonl: one JSON object per document (see docs/output.md)"

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
