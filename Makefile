# Partnerdesk: `make run` to try it, `make test` to prove it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

# A multi-process worker locks SQLite; with a real database use prefork.
ifdef DATABASE_URL
CELERY_POOL ?= prefork
CELERY_CONCURRENCY ?= 2
endif
export CELERY_POOL CELERY_CONCURRENCY

.PHONY: install run test lint format bench migrations-check chromium vnu clean

$(BIN)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Partnerdesk needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

install: $(BIN)/.installed

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(BIN)/honcho start -f Procfile

test: install chromium vnu
	$(BIN)/pytest

chromium:
	@bin/ensure-chromium

vnu:
	@bin/ensure-vnu

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python -m bench

migrations-check: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var/staticfiles var/test-celery var/test.sqlite3
