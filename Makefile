# maillage — every install step lives here so a fresh clone needs nothing else.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= maillage.db

.PHONY: install demo test lint eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: install
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/maillage ingest examples/articles examples/html examples/jsonl examples/warc --db $(DB)
	$(BIN)/maillage stats --db $(DB)
	@echo
	@echo "Explore the graph:  $(BIN)/maillage documents --db $(DB)"
	@echo "                    $(BIN)/maillage export --format json --db $(DB) -o export.json"

test: install lint eval
	$(BIN)/pytest -q -n 2

# The extraction gate: dev corpus scored by ../shared/eval/score.py against pinned floors,
# then the project's own held-out articles against theirs.
eval: install
	$(BIN)/python tools/eval_gate.py
	$(BIN)/python tools/eval_gate.py --corpus tests/fixtures/heldout/articles --gold tests/fixtures/heldout/gold --floors tools/floors_heldout.json

lint: install
	$(BIN)/ruff check src tests tools bench
	$(BIN)/mypy

# Benchmarks are measurements, not tests: they write their tables to bench/README.md.
bench: install
	$(BIN)/python bench/throughput.py --output bench/README.md

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
