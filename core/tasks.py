"""Background work on Django's task API (django-tasks, the backport of Django 6's
django.tasks; settings.TASKS picks the backend: the database in production, immediate
in tests).

The helpers every app uses to define and queue its tasks:

- ``@retrying_task(...)`` instead of ``@task``: a task whose function raises is queued
  again with exponential backoff (``backoff * 2 ** (attempt - 1)`` seconds, at most
  ``max_backoff``) until ``max_attempts``; django-tasks itself never retries. Each failed
  attempt is a FAILED result: the intermediate ones raise ``RetryScheduled`` (the
  original error chained in its traceback), the last one the original error, which is
  what the admin's list of failed tasks shows (``newsroom.admin``).
- ``enqueue(task, *args, run_after=None, **kwargs)``: queue now (or at run_after). A
  backend that cannot defer (the immediate one) runs the task at once.
- ``enqueue_on_commit(task, *args, **kwargs)``: queue once the current transaction
  commits, never for a rolled-back write (at once outside a transaction).
- ``purge_cache(keys)``: the generic task for cache invalidation after a write.

Task arguments must be JSON: pass ids and ISO dates, never model instances. A task must
be idempotent: a retry, or a worker killed half-way, runs it again.
"""

import logging
from datetime import datetime, timedelta
from functools import partial, wraps

from django.core.cache import caches
from django.db import transaction
from django.utils import timezone
from django_tasks import task as django_task

from .cache import insisting

logger = logging.getLogger(__name__)

ATTEMPT = "_attempt"  # the keyword argument that carries the attempt number (1 = first)


class RetryScheduled(Exception):  # noqa: N818 - what a failed attempt's row is: retried later
    """A failed attempt of a retrying task, queued again (its cause is the real error)."""

    def __init__(self, attempt, max_attempts, run_after, error):
        self.attempt, self.max_attempts, self.run_after = attempt, max_attempts, run_after
        super().__init__(
            f"attempt {attempt}/{max_attempts} failed ({type(error).__name__}: {error}); "
            f"attempt {attempt + 1} at {run_after.isoformat()}"
        )


def backoff_delay(attempt, backoff, max_backoff):
    """Seconds to wait after failed attempt number attempt (1-based)."""
    return min(max_backoff, backoff * 2 ** (attempt - 1))


# Task name -> (max_attempts, backoff, max_backoff), read by the failed-task list.
RETRY_POLICIES = {}


def retrying_task(
    function=None, *, max_attempts=5, backoff=30, max_backoff=3600, retry_on=(Exception,), **opts
):
    """@task that retries: see the module docstring. opts go to django_tasks.task
    (priority, queue_name, backend)."""

    def decorate(func):
        holder = {}

        @wraps(func)
        def run(*args, **kwargs):
            attempt = int(kwargs.pop(ATTEMPT, 1))
            try:
                return func(*args, **kwargs)
            except retry_on as exc:
                if attempt >= max_attempts:
                    logger.error("%s gave up after %d attempts", holder["task"].name, attempt)
                    raise
                delay = backoff_delay(attempt, backoff, max_backoff)
                run_after = timezone.now() + timedelta(seconds=delay)
                enqueue(
                    holder["task"], *args, run_after=run_after, **{**kwargs, ATTEMPT: attempt + 1}
                )
                raise RetryScheduled(attempt, max_attempts, run_after, exc) from exc

        holder["task"] = django_task(**opts)(run)
        RETRY_POLICIES[holder["task"].module_path] = (max_attempts, backoff, max_backoff)
        return holder["task"]

    return decorate(function) if function is not None else decorate


def enqueue(task, *args, run_after: datetime | None = None, **kwargs):
    """Queue task(*args, **kwargs), to run at run_after (now when None or past). Returns
    the TaskResult."""
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    return task.enqueue(*args, **kwargs)


def enqueue_on_commit(task, *args, run_after=None, **kwargs):
    """Queue task once the current transaction commits (at once outside one)."""
    # robust: a queue that cannot be written to is logged, the committed write stays.
    transaction.on_commit(partial(enqueue, task, *args, run_after=run_after, **kwargs), robust=True)


@retrying_task(max_attempts=5, backoff=5, max_backoff=300)
def purge_cache(keys, alias="default"):
    """Delete keys from the cache alias: the place for cache purges after a write (a page
    cache keyed by URL, a block keyed by section). Safe to run twice."""
    with insisting(caches[alias]) as cache:
        cache.delete_many(list(keys))
    return len(keys)
