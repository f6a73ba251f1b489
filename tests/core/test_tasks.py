"""core.tasks: retries with exponential backoff on the database backend, run by the real
db_worker, and the admin's list of failed tasks."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.tasks import ATTEMPT, backoff_delay, enqueue, purge_cache, retrying_task
from tests.workers import work, worker_keeps_the_test_connection  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("worker_keeps_the_test_connection")]

CALLS = []


@retrying_task(max_attempts=3, backoff=30, max_backoff=3600)
def flaky(name, failures):
    """Fails its first `failures` runs, then answers."""
    CALLS.append(name)
    if len(CALLS) <= failures:
        raise ConnectionError(f"mail server down ({len(CALLS)})")
    return f"sent to {name}"


@pytest.fixture
def database_backend(settings):
    CALLS.clear()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    yield
    CALLS.clear()


def make_due():
    """What time passing does: every waiting retry becomes due."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
        run_after=timezone.now() - timedelta(seconds=1)
    )


def test_backoff_doubles_and_is_capped():
    assert [backoff_delay(n, 30, 3600) for n in range(1, 10)] == [
        30, 60, 120, 240, 480, 960, 1920, 3600, 3600,
    ]  # fmt: skip


def test_a_failing_task_is_retried_with_backoff_then_succeeds(database_backend):
    enqueue(flaky, "lan@example.vn", failures=2)
    before = timezone.now()
    work()
    first = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert "RetryScheduled" in first.exception_class_path
    assert "ConnectionError: mail server down (1)" in first.traceback
    waiting = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert waiting.args_kwargs["kwargs"][ATTEMPT] == 2
    # Attempt 2 waits 30 s, so this pass of the worker leaves it alone.
    assert (
        before + timedelta(seconds=29) < waiting.run_after < timezone.now() + timedelta(seconds=31)
    )
    work()
    assert CALLS == ["lan@example.vn"]

    make_due()
    work()
    third = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert third.args_kwargs["kwargs"][ATTEMPT] == 3
    assert third.run_after > timezone.now() + timedelta(seconds=55)  # 60 s: doubled
    make_due()
    work()
    assert CALLS == ["lan@example.vn"] * 3
    done = DBTaskResult.objects.get(status=TaskResultStatus.SUCCESSFUL)
    assert done.return_value == "sent to lan@example.vn"


def test_a_task_failing_every_time_gives_up_and_is_listed_for_staff(
    database_backend, client, superuser
):
    enqueue(flaky, "hung@example.vn", failures=99)
    for _ in range(3):
        work()
        make_due()
    assert len(CALLS) == 3
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    last = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).order_by("-finished_at")[0]
    assert last.exception_class_path == "builtins.ConnectionError"

    client.force_login(superuser)
    url = reverse("admin:newsroom_failedtask_changelist")
    html = client.get(url).content.decode()
    assert "Tác vụ nền bị lỗi" in html
    assert "Đã bỏ cuộc" in html and "Sẽ thử lại" in html
    assert "ConnectionError: mail server down (3)" in html
    assert "ConnectionError: mail server down (1)" in html  # the real error of attempt 1
    assert "RetryScheduled" not in html
    assert "3/3" in html and "1/3" in html
    given_up = client.get(url, {"outcome": "given_up"}).context["cl"].result_list
    assert [r.pk for r in given_up] == [last.pk]
    detail = client.get(reverse("admin:newsroom_failedtask_change", args=[last.pk]))
    assert "Traceback" in detail.content.decode()

    # Staff can queue it again, from its first attempt.
    client.post(url, {"action": "run_again", "_selected_action": [last.pk]})
    again = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert again.args_kwargs == {"args": ["hung@example.vn"], "kwargs": {"failures": 99}}


def test_failed_task_list_is_for_staff_only(client, outsider, reporter):
    url = reverse("admin:newsroom_failedtask_changelist")
    client.force_login(outsider)
    assert client.get(url).status_code == 302
    client.force_login(reporter)
    assert client.get(url).status_code == 403


def test_immediate_backend_retries_at_once():
    CALLS.clear()
    result = enqueue(flaky, "lan@example.vn", failures=1)
    assert result.status == TaskResultStatus.FAILED  # the first attempt...
    assert CALLS == ["lan@example.vn"] * 2  # ...was retried at once and succeeded


def test_purge_cache_deletes_the_keys():
    cache.set_many({"page:/": "a", "page:/thoi-su/": "b", "other": "c"})
    enqueue(purge_cache, ["page:/", "page:/thoi-su/"])
    assert cache.get_many(["page:/", "page:/thoi-su/", "other"]) == {"other": "c"}
