"""The real background worker inside a test: one pass of db_worker over what is due."""

import pytest
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker


@pytest.fixture
def worker_keeps_the_test_connection(monkeypatch):
    """db_worker closes connections between tasks, as a long-running process should; a
    test's connection holds its transaction, so here it stays open."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def work():
    """One pass of the real worker over what is due now."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
