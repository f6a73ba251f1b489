# Newsroom: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PASSWORD ?= newsroom-demo

.PHONY: install run worker test lint format messages migrate demo clean backup restore bench-import test-faults bench-faults bench

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
	@echo "A background worker (renditions, emails) runs beside the server; it stops with it."
	@echo ""
	# A real worker, not the immediate backend: a scheduled article's "published" email
	# and a failed task's retries wait for their time, which only the database queue can.
	DEBUG=1 $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# Background tasks (renditions, emails, ...): any number of these, on any machine
# sharing the database.
worker: migrate
	DEBUG=1 $(PY) manage.py db_worker

# The archive import on fresh PostgreSQL databases (BENCH_POSTGRES: the server's URL):
# articles/s, photos/s and peak RSS of the three inputs (see demo/.../bench_import.py).
bench-import: install
	DEBUG=1 $(PY) manage.py bench_import $(BENCH_ARGS)

# The database (pg_dump custom format; SQLite: a consistent copy) and var/media in one
# .tar under var/backups; `make restore FILE=...` loads one into an empty database
# (REPLACE=1 overwrites a database that has tables). docs/operations.md.
backup: install
	$(PY) manage.py backup

restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/newsroom-....tar [REPLACE=1]"; exit 2; }
	$(PY) manage.py restore "$(FILE)" $(if $(REPLACE),--replace)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

# The fault suite alone: its own PostgreSQL and Redis, two app servers, outages under load.
test-faults: install
	NEWSROOM_FAULTS=1 $(PY) -m pytest tests/faults -m faults -v -s $(PYTEST_ARGS)

# Load held: 32 readers for 60 s on home, article, section and search while an editor
# writes once a second (own PostgreSQL and Redis, two app servers); docs/operations.md.
bench-faults: install
	$(PY) -m tests.faults.bench $(BENCH_ARGS)

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
