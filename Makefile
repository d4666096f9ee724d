# opendata — two commands do everything:
#   make run    create .venv, install, build datasets/ into var/ (SQLite), serve http://127.0.0.1:8000
#   make test   lint (ruff), type-check (mypy), run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=

.PHONY: run test lint typecheck unit bench build serve clean install

install: $(STAMP)

$(STAMP): pyproject.toml
	@if [ ! -x "$(BIN)/python" ]; then \
	  $(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	    echo "python3 -m venv failed: installing Debian's python3-venv (needs root) ..."; \
	    if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	      apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); \
	    else echo "Please run: sudo apt-get install python3-venv" >&2; exit 1; fi; }; \
	fi
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@# byte-compile our modules now: with PYTHONDONTWRITEBYTECODE set, each run would compile them again
	$(BIN)/python -m compileall -q opendata converters api >/dev/null
	@touch $(STAMP)

build: $(STAMP)
	$(BIN)/opendata build datasets/

serve: $(STAMP)
	$(BIN)/opendata serve --host $(HOST) --port $(PORT)

run: build serve

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -n auto -q $(PYTEST_ARGS)

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache build *.egg-info
