# maillage — every install step lives here so a fresh clone needs nothing else.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= maillage.db

VENDOR := src/maillage/web/static/vendor
CHROMIUM := /usr/bin/chromium

.PHONY: install demo test lint clean web browser

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Third-party browser code comes from npm (package-lock.json pins it) and is copied, never
# committed, into the web explorer's static folder.
web: $(VENDOR)/cytoscape.min.js

$(VENDOR)/cytoscape.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/cytoscape/dist/cytoscape.min.js $(VENDOR)/
	touch $@

# Browser tests drive Debian's Chromium (Playwright's own browser builds are not downloaded).
browser:
	test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

demo: install web
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/maillage ingest examples/articles examples/html examples/jsonl examples/warc --db $(DB)
	$(BIN)/maillage stats --db $(DB)
	@echo
	@echo "Explore the graph:  $(BIN)/maillage documents --db $(DB)"
	@echo "                    $(BIN)/maillage export --format json --db $(DB) -o export.json"

test: install web browser lint
	$(BIN)/pytest -q -n 2

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
