"""Scheduled is its own state: in the save message, the list, the workflow log, the email
sent when it is scheduled and the dashboard; an editor can unschedule it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory
from tests.workers import work, worker_keeps_the_test_connection  # noqa: F401 - fixture

from .test_admin_workflow import change_url, form_data

S = Article.Status
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("worker_keeps_the_test_connection")]


@pytest.fixture
def pending(reporter):
    reporter.first_name, reporter.last_name = "Lan", "Nguyễn"
    reporter.save()
    return ArticleFactory(status=S.PENDING, published_at=None, created_by=reporter)


def future(days=3):
    return (timezone.localtime() + timedelta(days=days)).replace(second=0, microsecond=0)


def schedule_through_form(client, article, when):
    data = form_data(
        article,
        editor=True,
        _wf_schedule="1",
        published_at_0=when.strftime("%d/%m/%Y"),
        published_at_1=when.strftime("%H:%M"),
    )
    return client.post(change_url(article), data, follow=True)


def test_scheduling_is_reported_as_scheduled_not_published(
    client, editor, pending, django_capture_on_commit_callbacks
):
    editor.first_name, editor.last_name = "Hùng", "Trần"
    editor.save()
    when = future()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = schedule_through_form(client, pending, when)
    stamp = when.strftime("%H:%M %d/%m/%Y")
    message = [str(m) for m in response.context["messages"]][0]
    assert f"Hẹn giờ {stamp}" in message and "Đã xuất bản" not in message
    # The email says when it goes out, and who scheduled it, by name.
    sent = mail.outbox[-1]
    assert sent.to == [pending.created_by.email]
    assert sent.subject.startswith(f"Đã hẹn giờ xuất bản lúc {stamp}")
    assert "Hùng Trần" in sent.body and "Đã xuất bản" not in sent.subject
    # The log on the form: "Chờ duyệt → Hẹn giờ 08:00 05/06/2027".
    html = response.content.decode()
    assert f"Chờ duyệt → Hẹn giờ {stamp}" in html
    # The list: the scheduled badge with its time.
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert 'status-badge--scheduled">Hẹn giờ</span>' in listing
    assert f'<span class="status-time">{stamp}</span>' in listing


def test_publish_now_still_sends_the_published_email(
    editor, pending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=pending, user=editor)
    assert mail.outbox[-1].subject.startswith("Đã xuất bản:")
    step = pending.transitions.get()
    assert step.to_published_at == Article.objects.get(pk=pending.pk).published_at


def test_log_keeps_the_state_each_step_had(editor, pending):
    when = timezone.now() + timedelta(hours=2)
    services.article_schedule(article=pending, user=editor, publish_at=when)
    services.article_publish(article=pending, user=editor)  # now, earlier than planned
    from articles.states import step_labels

    newest, first = list(pending.transitions.all())
    stamp = timezone.localtime(when).strftime("%H:%M %d/%m/%Y")
    assert step_labels(first) == ("Chờ duyệt", f"Hẹn giờ {stamp}")
    assert step_labels(newest) == (f"Hẹn giờ {stamp}", "Đã xuất bản")


def test_editor_unschedules_back_to_pending(
    client, editor, pending, django_capture_on_commit_callbacks
):
    when = future()
    services.article_schedule(article=pending, user=editor, publish_at=when)
    pending.refresh_from_db()
    client.force_login(editor)
    html = client.get(change_url(pending)).content.decode()
    assert 'name="_wf_unschedule"' in html and 'value="Bỏ hẹn giờ"' in html
    data = form_data(pending, editor=True, _wf_unschedule="1")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(pending), data, follow=True)
    pending.refresh_from_db()
    assert (pending.status, pending.published_at) == (S.PENDING, None)
    stamp = when.strftime("%H:%M %d/%m/%Y")
    assert f"Hẹn giờ {stamp} → Chờ duyệt" in response.content.decode()
    assert mail.outbox[-1].subject.startswith("Đã bỏ hẹn giờ")
    assert stamp in mail.outbox[-1].body


def test_only_scheduled_articles_can_be_unscheduled(reporter, editor):
    live = ArticleFactory(created_by=reporter)
    with pytest.raises(PermissionDenied):
        services.article_unschedule(article=live, user=editor)
    scheduled = ArticleFactory(
        created_by=reporter, published_at=timezone.now() + timedelta(hours=1)
    )
    with pytest.raises(PermissionDenied):
        services.article_unschedule(article=scheduled, user=reporter)
    assert Article.objects.get(pk=scheduled.pk).status == S.PUBLISHED
    services.article_unschedule(article=scheduled, user=editor)
    assert Article.objects.get(pk=scheduled.pk).status == S.PENDING


def test_dashboard_scheduled_card_links_to_scheduled_articles(client, editor, reporter):
    ArticleFactory.create_batch(3, created_by=reporter)
    scheduled = ArticleFactory(
        title="Bài hẹn giờ", created_by=reporter, published_at=timezone.now() + timedelta(days=1)
    )
    client.force_login(editor)
    response = client.get(reverse("admin:index"))
    card = next(c for c in response.context["dashboard_counts"] if c["label"] == "Hẹn giờ")
    assert card["count"] == 1
    listing = client.get(card["url"])
    assert [a.pk for a in listing.context["cl"].result_list] == [scheduled.pk]


# --- The "Đã xuất bản" email of a scheduled article goes out when it goes live ----------


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def go_live_rows():
    return DBTaskResult.objects.filter(task_path="articles.tasks.send_go_live_email")


def travel_to(monkeypatch, moment):
    """The clock of the worker and of the task, moved to moment."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def published_emails():
    return [m for m in mail.outbox if m.subject.startswith("Đã xuất bản:")]


def test_scheduled_article_is_announced_when_it_goes_live_not_before(
    database_tasks, editor, pending, monkeypatch, django_capture_on_commit_callbacks
):
    when = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_schedule(article=pending, user=editor, publish_at=when)
    work()  # the "Đã hẹn giờ" email goes now
    assert [m.subject.split(" lúc")[0] for m in mail.outbox] == ["Đã hẹn giờ xuất bản"]
    row = go_live_rows().get()
    assert row.run_after == when
    assert not published_emails()

    # A worker that runs it early (a clock ahead) sends nothing and looks again later.
    travel_to(monkeypatch, when - timedelta(minutes=1))
    go_live_rows().update(run_after=when - timedelta(minutes=2))
    work()
    assert not published_emails()
    assert go_live_rows().filter(status="READY").get().run_after == when

    travel_to(monkeypatch, when + timedelta(seconds=5))
    work()
    sent = published_emails()
    assert len(sent) == 1 and sent[0].to == [pending.created_by.email]
    assert pending.get_absolute_url() in sent[0].body


def test_unscheduled_or_moved_article_is_not_announced_at_the_old_time(
    database_tasks, editor, pending, monkeypatch, django_capture_on_commit_callbacks
):
    first = timezone.now() + timedelta(hours=2)
    later = first + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_schedule(article=pending, user=editor, publish_at=first)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unschedule(article=pending, user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_schedule(article=pending, user=editor, publish_at=later)
    assert sorted(r.run_after for r in go_live_rows()) == [first, later]

    travel_to(monkeypatch, first + timedelta(minutes=1))
    work()
    assert not published_emails()  # the old time: cancelled, the article waits for later
    travel_to(monkeypatch, later + timedelta(minutes=1))
    work()
    assert len(published_emails()) == 1


def test_publish_now_of_a_scheduled_article_sends_one_published_email(
    database_tasks, editor, pending, monkeypatch, django_capture_on_commit_callbacks
):
    when = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_schedule(article=pending, user=editor, publish_at=when)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=pending, user=editor)
    work()
    assert len(published_emails()) == 1
    travel_to(monkeypatch, when + timedelta(minutes=1))
    work()
    assert len(published_emails()) == 1
