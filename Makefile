# Two commands: `make run` and `make test`. Both create/update .venv/ and are idempotent.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.requirements-installed
PORT   ?= 8501

.PHONY: run test venv system-deps bench evaluate clean-cache

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -r requirements.txt
	@touch $(STAMP)

venv: $(STAMP)

# Debian packages: a CJK font (word clouds, chart export) and chromium (browser test, PNG export).
system-deps:
	@bash scripts/install_system_deps.sh

run: venv system-deps
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: venv system-deps
	$(PY) -m pytest

bench: venv
	$(PY) -m analysis bench

evaluate: venv
	$(PY) scripts/evaluate_stance.py

clean-cache:
	rm -rf .cache
