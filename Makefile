# Two commands from a fresh clone: `make run` (demo on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The suite runs in one process; `make test PYTEST_ARGS="--numprocesses=auto --dist=loadfile"` spreads it over the
# cores (pytest-xdist), where the tests that empty the database still disturb some modules after them.
PYTEST_ARGS ?=

.PHONY: run test lint bench install clean messages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The demo's own secret key, made once (random, readable by its owner only) and kept in var/.
var/secret-key:
	mkdir -p var
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: $(STAMP) var/secret-key
	$(BIN)/treatyreview demo
	DJANGO_SECRET_KEY_FILE=var/secret-key $(BIN)/treatyreview serve 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m django makemigrations --check --dry-run --settings=treatyreview.settings
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m django makemigrations --check --dry-run --settings=treatyreview.settings

bench: $(STAMP)
	$(BIN)/python bench/run.py

messages: $(STAMP)
	cd src/treatyreview && ../../$(BIN)/django-admin makemessages --settings=treatyreview.settings --no-wrap -l ar -l zh_Hans -l fr -l ru -l es
	cd src/treatyreview && ../../$(BIN)/django-admin compilemessages --settings=treatyreview.settings

clean:
	rm -rf $(VENV) var/*.sqlite3* var/secret-key
