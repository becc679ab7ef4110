# Shopfloor Copilot — one task runner. `make run` starts the app, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB := sample_mes.duckdb
GENERATOR := $(wildcard connectors/sample_plant/*.py) connectors/contract.sql

.PHONY: run test lint bench bench-latency eval clean

run: $(VENV)/.installed $(DB)
	$(BIN)/streamlit run ui/app.py --server.port 8501 --server.headless true --browser.gatherUsageStats false

test: $(VENV)/.installed-dev $(DB) lint
	$(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy copilot connectors

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run.py

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.created
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.created
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

$(DB): $(GENERATOR) $(VENV)/.installed
	$(BIN)/copilot sample-db --out $@

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .ruff_cache .mypy_cache

bench-latency: $(VENV)/.installed-dev $(DB)
	$(BIN)/python bench/latency.py --scale10

eval: $(VENV)/.installed $(DB)
	$(BIN)/copilot eval
