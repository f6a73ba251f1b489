"""The failed background tasks in the admin, in Chromium at 1366 px and on a phone, and
an article whose sapo was typed with the paper's tag, under the site's CSP."""

import os

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from core.tasks import enqueue
from tests.core.test_tasks import CALLS, flaky
from tests.factories import ArticleFactory, UserFactory

from .test_workflow import PASSWORD, login

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_failed_task_list_and_detail(live_server, page, settings, output_dir):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    CALLS.clear()
    enqueue(flaky, "lan@example.vn", failures=99)
    for _ in range(3):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        DBTaskResult.objects.filter(status="READY").update(run_after="2000-01-01T00:00:00Z")
    UserFactory(username="quantri", password=PASSWORD, is_superuser=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, live_server.url, "quantri")
    page.goto(f"{live_server.url}/admin/newsroom/failedtask/")
    assert page.locator("h1").inner_text().startswith("Chọn tác vụ nền bị lỗi")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 3
    assert page.get_by_text("Đã bỏ cuộc").count() >= 1
    page.screenshot(path=os.path.join(output_dir, "failed-tasks-1366.png"), full_page=True)
    page.locator("#result_list tbody tr th a").first.click()
    assert "Traceback" in page.locator("pre").first.inner_text()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/admin/newsroom/failedtask/")
    page.screenshot(path=os.path.join(output_dir, "failed-tasks-390.png"), full_page=True)


def test_article_sapo_shows_the_tag_once(live_server, page, settings, output_dir):
    settings.SOURCE_TAG = "(LĐTĐ)"
    article = ArticleFactory(sapo="(LĐTĐ) (LĐTĐ) - Chiều 16/8, Tổng Liên đoàn Lao động (LĐLĐ).")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + article.get_absolute_url())
    assert page.locator(".article__sapo").inner_text().startswith("(LĐTĐ) Chiều 16/8")
    page.screenshot(path=os.path.join(output_dir, "sapo-tag-once-1366.png"))
