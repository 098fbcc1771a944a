# make run  : install what is missing, then start the app on http://localhost:8501
# make test : install what is missing (plus test tools and Chromium), then run every test
# make test-fast: daily work: every test except real-browser ones, fresh-interpreter CLI runs and full trainings
# make bench: the benchmarks in bench/ (each compares against a peer implementation)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
APP_STAMP  := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test
# Weights and tokenizers come from installed packages only: never ask a model hub.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test test-fast install install-test browser bench

run: install
	$(BIN)/python -m streamlit run Home.py

test: install-test browser
	$(BIN)/python -m pytest

test-fast: install-test
	$(BIN)/python -m pytest -m "not browser and not cli and not slow"

bench: install-test
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

install: $(APP_STAMP)

install-test: $(TEST_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamps make a second `make run` install nothing; editing a requirements file reinstalls.
$(APP_STAMP): requirements.txt requirements-assets.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -r requirements-assets.txt
	touch $@

$(TEST_STAMP): $(APP_STAMP) requirements-test.txt
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

# Debian's Chromium for the real-browser tests (Playwright drives it; it never downloads a browser).
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei; \
	else echo "Chromium not installed (needs Debian and root): browser tests will skip."; fi
