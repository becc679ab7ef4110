# Shopfloor Copilot — one task runner. `make run` starts the app, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB := sample_mes.duckdb
GENERATOR := $(wildcard connectors/sample_plant/*.py) connectors/contract.sql

SYSTEM_PACKAGES := poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core espeak-ng chromium \
	postgresql openjdk-17-jre-headless

.PHONY: run test lint bench bench-scale bench-latency bench-startup bench-a3 bench-speech bench-llm eval clean system

run: system $(VENV)/.installed $(DB)
	$(BIN)/streamlit run ui/app.py --server.port 8501 --server.headless true --browser.gatherUsageStats false \
		--client.toolbarMode minimal

test: system $(VENV)/.installed-dev $(DB) lint
	$(BIN)/pytest

# Debian packages for PDF rendering (Pango, poppler), speech (espeak-ng), browser tests (chromium),
# the PostgreSQL server of the connector tests and the Java runtime of Spark.
system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
			echo "apt-get install $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else echo "Missing Debian packages (install them as root): $$missing"; fi; \
	fi

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

bench-startup: $(VENV)/.installed $(DB)
	$(BIN)/python bench/cli_startup.py --resident

bench-latency: $(VENV)/.installed-dev $(DB)
	$(BIN)/python bench/latency.py --scale10

bench-scale: system $(VENV)/.installed-dev
	$(BIN)/python bench/scale.py --scales 1 10 50

bench-a3: system $(VENV)/.installed-dev $(DB)
	$(BIN)/python bench/a3.py

bench-speech: system $(VENV)/.installed-dev $(DB)
	$(BIN)/python bench/speech.py

bench-llm: $(VENV)/.installed-dev $(DB)
	$(BIN)/python bench/llm_overhead.py

eval: $(VENV)/.installed $(DB)
	$(BIN)/copilot eval
