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

.PHONY: install run test lint format bench wrk migrations-check chromium gettext axe vnu messages messages-update clean

$(BIN)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Partnerdesk needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

install: $(BIN)/.installed

# Translations compiled with Babel (pure Python): a fresh machine needs no gettext.
messages: install
	$(BIN)/python -m config.i18n

# After marking new strings: add them to locale/fr and locale/es (needs GNU gettext).
messages-update: install gettext
	$(MANAGE) $$($(BIN)/python -c 'from config.i18n import MAKEMESSAGES_ARGS; print(*MAKEMESSAGES_ARGS)')

run: install messages
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(BIN)/honcho start -f Procfile

test: install chromium gettext axe vnu messages
	$(BIN)/pytest

chromium:
	@bin/ensure-chromium

# The accessibility tests inject axe-core (npm) into the pages.
axe:
	@bin/ensure-axe

# The catalogue completeness test runs makemessages, which needs GNU gettext.
gettext:
	@bin/ensure-gettext
vnu:
	@bin/ensure-vnu

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/djhtml --check templates

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

bench: install wrk
	$(BIN)/python -m bench

# The page benchmark drives gunicorn with Debian's wrk.
wrk:
	@command -v wrk >/dev/null || apt-get install -y wrk >/dev/null 2>&1 \
		|| sudo -n apt-get install -y wrk >/dev/null 2>&1 \
		|| echo "wrk is missing: install it with 'sudo apt-get install wrk' (Debian/Ubuntu) or from https://github.com/wg/wrk"

migrations-check: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var/staticfiles var/test-celery var/test.sqlite3
