# maillage — every install step lives here so a fresh clone needs nothing else.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= maillage.db
SHARED ?= ../shared

.PHONY: install demo test lint eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: install
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/maillage ingest examples --db $(DB)
	$(BIN)/maillage stats --db $(DB)
	@echo
	@echo "Explore the graph:  $(BIN)/maillage documents --db $(DB)"
	@echo "                    $(BIN)/maillage export --format json --db $(DB) -o export.json"

test: install lint
	$(BIN)/pytest -q -n 2
	$(MAKE) --no-print-directory eval

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

eval: install
	$(BIN)/python bench/eval_gate.py --shared $(SHARED)

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
