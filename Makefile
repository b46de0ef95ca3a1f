# textlab: `make all` reproduces everything, `make test` runs the tests.
# Every target sets up the virtual environment it needs first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help all setup browser corpus notebooks figures report lint test clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

all: setup corpus notebooks figures  ## reproduce everything: set-up, corpus, notebooks, figures

setup: $(STAMP)  ## create .venv and install textlab with its test tools (pip install -e .[test])

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

corpus: setup  ## build the corpus table from data/raw into data/processed and print its report
	$(BIN)/python -m textlab -v build

notebooks: corpus  ## execute every notebook top to bottom, in order, in place
	$(BIN)/python -m textlab -v notebooks

figures: corpus  ## regenerate every figure into figures/ and the measured tables in README.md
	$(BIN)/python -m textlab -v figures
	$(BIN)/python -m textlab report --update-readme

report: corpus  ## print the corpus report (lexicon coverage, line accounting, words)
	$(BIN)/python -m textlab report

browser:  ## Debian's Chromium for the topic-browser test (installed with apt-get when run as root)
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	else echo "no chromium: the headless-browser test of figures/topic_browser.html will skip (install chromium to run it)"; fi

lint: setup  ## check code style and types: ruff (lint, format) on code and notebooks, mypy on textlab
	$(BIN)/ruff check textlab tests benchmarks notebooks
	$(BIN)/ruff format --check textlab tests benchmarks notebooks
	$(BIN)/mypy textlab

test: setup browser lint  ## run the tests (unit, doctests, books, notebooks, the topic browser in headless Chromium)
	$(BIN)/python -m pytest

clean:  ## remove built data (data/processed) and caches; raw data and figures stay
	rm -rf data/processed .pytest_cache .hypothesis
