# Newsroom: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PASSWORD ?= newsroom-demo

.PHONY: install run worker test lint format messages migrate demo clean bench

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock ".[dev]"
	touch $@

locale/vi/LC_MESSAGES/django.mo: locale/vi/LC_MESSAGES/django.po $(VENV)/.installed
	msgfmt --check --output-file=$@ $<
	touch $@

install: $(VENV)/.installed locale/vi/LC_MESSAGES/django.mo

migrate: install
	mkdir -p var/media
	DEBUG=1 $(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(PY) manage.py seed_demo --password "$(DEMO_PASSWORD)"

run: demo
	@echo ""
	@echo "Newsroom: http://$(HOST):$(PORT)/   admin: http://$(HOST):$(PORT)/admin/"
	@echo "Demo logins (password: $(DEMO_PASSWORD)): admin (superuser), editor, reporter"
	@echo ""
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# Background tasks (renditions, emails, ...): any number of these, on any machine
# sharing the database.
worker: migrate
	DEBUG=1 $(PY) manage.py db_worker

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Re-extract the Vietnamese catalogue after changing user-facing strings.
messages: install
	DEBUG=1 $(PY) manage.py makemessages --locale vi --no-obsolete --add-location file --ignore '.venv/*' --ignore 'var/*' --ignore 'staticfiles/*'

# The public pages at 2,000 and 1,000,000 articles on PostgreSQL (gunicorn -w 2, Redis,
# wrk): one database per size, filled once (kept for the next run). docs/performance.md.
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
BENCH_DB ?= newsroom_bench
BENCH_SIZES ?= 2000 1000000
BENCH_ARGS ?=
bench: install
	@for n in $(BENCH_SIZES); do \
	  db=$(BENCH_DB)_$$n; \
	  psql "$(BENCH_PG)/postgres" -Atc "select 1 from pg_database where datname='$$db'" | grep -q 1 \
	    || psql "$(BENCH_PG)/postgres" -qc "create database $$db"; \
	  echo "=== $$n articles ($$db) ==="; \
	  DATABASE_URL="$(BENCH_PG)/$$db" DEBUG=1 $(PY) manage.py migrate --noinput -v0 || exit 1; \
	  DATABASE_URL="$(BENCH_PG)/$$db" DEBUG=1 $(PY) manage.py benchmark --articles $$n $(BENCH_ARGS) || exit 1; \
	done

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
