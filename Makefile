# One task runner, used the same way by people and CI.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test check lint typecheck bench bench-store loadtest serve clean ocr

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/orgraph demo

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/pytest

# Optional: Tesseract with German and English data, for `orgraph ingest --ocr` (scanned PDFs).
ocr:
	@command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx deu \
	  && tesseract --list-langs 2>/dev/null | grep -qx eng \
	  || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	       tesseract-ocr tesseract-ocr-deu tesseract-ocr-eng >/dev/null; }

bench: $(STAMP)
	$(BIN)/python -m orgraph.bench

# Bounded and loopback only: two 20 s runs of 20 clients against `orgraph serve`.
loadtest: $(STAMP)
	$(BIN)/python benchmarks/loadtest.py --clients 20 --seconds 20 --warmup 5 --claims 100000 --cold

# Store and queries at 10k / 100k / 1M memberships against pyoxigraph (SIZES=10000 for a short run).
SIZES ?= 10000,100000,1000000
bench-store: $(STAMP)
	$(BIN)/python -m orgraph.benchstore --sizes $(SIZES) --report BENCHMARKS.md

serve: $(STAMP)
	$(BIN)/orgraph serve

clean:
	rm -rf $(VENV) .bench-store orgraph.db orgraph.db-wal orgraph.db-shm .pytest_cache .mypy_cache .ruff_cache
