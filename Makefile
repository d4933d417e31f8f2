# maillage — every install step lives here so a fresh clone needs nothing else.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= demo.db
PORT   ?= 8000

VENDOR := src/maillage/web/static/vendor
CHROMIUM := /usr/bin/chromium

.PHONY: install demo demo-db demo-install screenshots test lint eval bench bench-long bench-scale bench-latency bench-load bench-exports bench-network clean web browser

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,cluster]'
	touch $(STAMP)

# The demo needs only maillage itself (no test tools): `pip install -e .` into the venv.
DEMO_STAMP := $(VENV)/.demo-installed
demo-install: $(DEMO_STAMP)

$(DEMO_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(DEMO_STAMP)

# Third-party browser code comes from npm (package-lock.json pins it) and is copied, or
# bundled by esbuild for the libraries that ship no browser build, never committed, into
# the web explorer's static folder. src/maillage/web/bundle/ holds the bundles' entries.
WEB_BUNDLE := src/maillage/web/bundle
ESBUILD := node_modules/.bin/esbuild --bundle --minify --format=iife --log-level=warning
web: $(VENDOR)/.built

$(VENDOR)/.built: package.json package-lock.json $(wildcard $(WEB_BUNDLE)/*.js)
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/cytoscape/dist/cytoscape.min.js $(VENDOR)/
	cp node_modules/chart.js/dist/chart.umd.min.js $(VENDOR)/chart.min.js
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/
	$(ESBUILD) $(WEB_BUNDLE)/graph.js --outfile=$(VENDOR)/graph.js
	$(ESBUILD) $(WEB_BUNDLE)/layout-worker.js --outfile=$(VENDOR)/layout-worker.js
	touch $@

# Browser tests drive Debian's Chromium (Playwright's own browser builds are not downloaded).
browser:
	test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

demo: demo-db
	@echo
	@echo "Other views:  $(BIN)/maillage show ENSMM --db $(DB)"
	@echo "              $(BIN)/maillage export --format json --db $(DB) -o export.json"
	@echo "The explorer is at http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/maillage serve --db $(DB) --port $(PORT)

# The demo's own database (demo.db by default): a user's maillage.db is never touched.
demo-db: demo-install web
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/maillage ingest examples/articles examples/html examples/jsonl examples/warc --db $(DB)
	$(BIN)/maillage stats --db $(DB)

# Pictures of the explorer on the demo corpus, shown in the README.
screenshots: install demo-db browser
	$(BIN)/python tools/screenshots.py --db $(DB)

test: install web browser lint eval
	$(BIN)/pytest -q -n 2

# The extraction gate: every set of tools/eval_sets.json (the dev corpora of ../shared, the
# project's own fixture sets) scored by ../shared/eval/score.py against its pinned floors.
# EVAL_ARGS passes options, e.g. `make eval EVAL_ARGS="--details --set more"`.
eval: install
	$(BIN)/python tools/evaluate.py $(EVAL_ARGS)

lint: install
	$(BIN)/ruff check src tests tools bench
	$(BIN)/mypy

# Benchmarks are measurements, not tests (bench/README.md holds their tables).
# `make bench`: extraction throughput of every engine against bare nlp.pipe (issue 11), each
# configuration in a fresh process, its table written into bench/README.md (about 5 minutes;
# BENCH_ARGS passes options, e.g. BENCH_ARGS="--rounds 3"). The 1M-fact ones take tens of minutes.
BENCH_DIR ?= /tmp/maillage-bench
bench: install
	$(BIN)/python bench/throughput.py --output bench/README.md $(BENCH_ARGS)

# One long article (issue 13): time and peak memory of one document at 50k to 400k characters.
bench-long: install
	$(BIN)/python bench/long_document.py

# Scale (issue 11): ingest and consolidation growth on synthetic articles, SQLite; the same
# on PostgreSQL with --db $(SCALE_PG)?options=-csearch_path%3D<schema> (bench/README.md).
SCALE_PG ?= postgresql+psycopg://root@127.0.0.1:5432/test
bench-scale: install
	mkdir -p $(BENCH_DIR)
	rm -f $(BENCH_DIR)/scale.db*
	$(BIN)/python bench/scale.py consolidation --db sqlite:///$(BENCH_DIR)/scale.db --sizes 10000,30000,100000
	$(BIN)/python bench/scale.py ingest --db sqlite:///$(BENCH_DIR)/real.db --articles 1000

bench-latency: install
	mkdir -p $(BENCH_DIR)
	test -f $(BENCH_DIR)/graph.db || $(BIN)/python bench/synthetic_store.py $(BENCH_DIR)/graph.db
	$(BIN)/python bench/latency.py $(BENCH_DIR)/graph.db

# Load: wrk (Debian) against `maillage serve` on the 1M-fact store, a fixed number of requests.
bench-load: install
	command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	mkdir -p $(BENCH_DIR)
	test -f $(BENCH_DIR)/graph.db || $(BIN)/python bench/synthetic_store.py $(BENCH_DIR)/graph.db
	$(BIN)/python bench/load.py $(BENCH_DIR)/graph.db

bench-exports: install
	$(BIN)/python bench/export_memory.py --dir $(BENCH_DIR)

# The network view of 5,000 entities and 20,000 facts in headless Chromium.
bench-network: install web browser
	$(BIN)/python bench/network_view.py --dir $(BENCH_DIR)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
