# make run  : install what is missing, then start the app on http://localhost:8501
# make test : install what is missing (plus test tools and Chromium), then run every test
# make bench: the benchmarks in bench/ (each compares against a peer implementation)
# make serve REPLICAS=2 : nginx on LISTEN (0.0.0.0:8501) in front of REPLICAS app servers on loopback
# make loadtest N=20    : N simulated students on one app server (bench/load.py; README "Deploy for a class")

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
APP_STAMP  := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test
# Weights and tokenizers come from installed packages only: never ask a model hub.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
# Idle OpenMP threads sleep after a short spin (many sessions share few cores); see core/__init__.py.
export OMP_WAIT_POLICY := PASSIVE
export GOMP_SPINCOUNT := 30000

REPLICAS ?= 2
LISTEN   ?= 0.0.0.0:8501
N        ?= 10

.PHONY: run test install install-test browser nginx bench serve loadtest

run: install
	$(BIN)/python -m streamlit run Home.py

test: install-test browser nginx
	$(BIN)/python -m pytest

serve: install nginx
	$(BIN)/python deploy/local.py --replicas $(REPLICAS) --listen $(LISTEN)

loadtest: install-test
	$(BIN)/python bench/load.py -n $(N)

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

# Debian's nginx for `make serve` and the replica test (deploy/nginx.conf; no service is started).
nginx:
	@if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light; \
	else echo "nginx not installed (needs Debian and root): the replica test will skip."; fi
