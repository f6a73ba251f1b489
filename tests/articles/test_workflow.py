"""Every role x state x action through the services: allowed ones move the article,
refused ones raise PermissionDenied and change nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleRevision, ArticleTransition
from tests.factories import ArticleFactory, UserFactory, role_group

S = Article.Status
STATES = ["draft", "pending", "returned", "published", "scheduled", "withdrawn"]
ACTIONS = ["save", "submit", "return", "publish", "schedule", "withdraw"]

# The rules, written out independently of the implementation.
EDITOR_ALLOWED = {
    "save": set(STATES),
    "submit": {"draft", "returned"},
    "return": {"pending"},
    "publish": {"draft", "pending", "returned", "withdrawn", "scheduled"},
    "schedule": {"draft", "pending", "returned", "withdrawn", "scheduled"},
    "withdraw": {"published", "scheduled"},
}
OWNER_REPORTER_ALLOWED = {"save": {"draft", "returned"}, "submit": {"draft", "returned"}}
EXPECTED_STATUS = {
    "submit": S.PENDING,
    "return": S.RETURNED,
    "publish": S.PUBLISHED,
    "schedule": S.PUBLISHED,
    "withdraw": S.WITHDRAWN,
}


def make_article(state, creator):
    now = timezone.now()
    status, published_at = {
        "draft": (S.DRAFT, None),
        "pending": (S.PENDING, None),
        "returned": (S.RETURNED, None),
        "published": (S.PUBLISHED, now - timedelta(hours=1)),
        "scheduled": (S.PUBLISHED, now + timedelta(hours=1)),
        "withdrawn": (S.WITHDRAWN, now - timedelta(days=1)),
    }[state]
    return ArticleFactory(status=status, published_at=published_at, created_by=creator)


def run(action, article, user):
    kwargs = {"article": article, "user": user, "base_version": article.version}
    if action == "return":
        return services.article_return(note="Sửa lại tiêu đề", **kwargs)
    if action == "schedule":
        return services.article_schedule(
            publish_at=timezone.now() + timedelta(minutes=30), **kwargs
        )
    if action == "publish":
        return services.article_publish(**kwargs)
    if action == "submit":
        return services.article_submit(**kwargs)
    if action == "withdraw":
        return services.article_withdraw(note="Sai số liệu", **kwargs)
    article.title = "Tiêu đề đã sửa"
    return services.article_save(**kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ["owner", "other_reporter", "editor", "superuser"])
def test_role_state_action_matrix(role, state, action, reporter, editor):
    users = {
        "owner": reporter,
        "other_reporter": None,
        "editor": editor,
        "superuser": UserFactory(username="root", is_superuser=True),
    }
    if role == "other_reporter":
        users[role] = UserFactory(username="reporter2")
        users[role].groups.add(role_group("Phóng viên"))
    article = make_article(state, creator=reporter)
    before = Article.objects.values().get(pk=article.pk)
    allowed_table = OWNER_REPORTER_ALLOWED if role == "owner" else EDITOR_ALLOWED
    allowed = role != "other_reporter" and state in allowed_table.get(action, set())

    if not allowed:
        with pytest.raises(PermissionDenied):
            run(action, article, users[role])
        assert Article.objects.values().get(pk=article.pk) == before
        assert not ArticleRevision.objects.filter(article=article).exists()
        return

    run(action, article, users[role])
    after = Article.objects.get(pk=article.pk)
    assert after.version == before["version"] + 1
    assert after.revisions.filter(version=after.version).exists()
    if action == "save":
        assert after.title == "Tiêu đề đã sửa"
        assert after.status == before["status"]
    else:
        assert after.status == EXPECTED_STATUS[action]
        step = after.transitions.get()
        assert (step.actor, step.to_status) == (users[role], EXPECTED_STATUS[action])
        assert step.from_status == before["status"]


@pytest.mark.django_db
def test_return_needs_a_note(reporter, editor):
    article = make_article("pending", reporter)
    with pytest.raises(ValidationError):
        services.article_return(article=article, user=editor, note="   ")
    assert Article.objects.get(pk=article.pk).status == S.PENDING


@pytest.mark.django_db
def test_schedule_needs_a_future_time(reporter, editor):
    article = make_article("pending", reporter)
    with pytest.raises(ValidationError):
        services.article_schedule(
            article=article, user=editor, publish_at=timezone.now() - timedelta(minutes=1)
        )
    assert Article.objects.get(pk=article.pk).status == S.PENDING


@pytest.mark.django_db
def test_scheduled_article_appears_by_itself(reporter, editor):
    article = make_article("pending", reporter)
    when = timezone.now() + timedelta(minutes=1)
    services.article_schedule(article=article, user=editor, publish_at=when)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    later = when + timedelta(seconds=1)
    assert Article.objects.published(now=later).filter(pk=article.pk).exists()


@pytest.mark.django_db
def test_stale_save_is_refused_and_names_who_saved(reporter, editor):
    article = make_article("draft", reporter)
    opened_at = article.version
    other = Article.objects.get(pk=article.pk)
    other.title = "Bản của biên tập viên"
    services.article_save(article=other, user=editor, base_version=opened_at)

    article.title = "Bản của phóng viên"
    with pytest.raises(services.EditConflict) as excinfo:
        services.article_save(article=article, user=reporter, base_version=opened_at)
    assert "editor" in str(excinfo.value)
    assert Article.objects.get(pk=article.pk).title == "Bản của biên tập viên"


@pytest.mark.django_db
def test_editor_edit_of_live_article_marks_it_updated(reporter, editor):
    article = make_article("published", reporter)
    assert article.revised_at is None
    article.sapo = "Sapo đã cập nhật số liệu mới."
    services.article_save(article=article, user=editor, base_version=article.version)
    assert Article.objects.get(pk=article.pk).revised_at is not None


@pytest.mark.django_db
def test_caller_cannot_smuggle_status_or_creator(reporter, editor):
    article = make_article("draft", reporter)
    article.status = S.PUBLISHED
    article.published_at = timezone.now()
    article.created_by = editor
    services.article_save(article=article, user=reporter, base_version=article.version)
    stored = Article.objects.get(pk=article.pk)
    assert (stored.status, stored.published_at, stored.created_by) == (S.DRAFT, None, reporter)


@pytest.mark.django_db
def test_republishing_withdrawn_article_keeps_its_time(reporter, editor):
    article = make_article("withdrawn", reporter)
    original = article.published_at
    services.article_publish(article=article, user=editor)
    assert Article.objects.get(pk=article.pk).published_at == original


@pytest.mark.django_db
def test_notifications(reporter, editor, django_capture_on_commit_callbacks):
    article = make_article("draft", reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=article, user=reporter)
    assert mail.outbox[-1].to == [editor.email]
    assert article.title in mail.outbox[-1].subject

    with django_capture_on_commit_callbacks(execute=True):
        services.article_return(article=article, user=editor, note="Bổ sung nguồn tin")
    assert mail.outbox[-1].to == [reporter.email]
    assert "Bổ sung nguồn tin" in mail.outbox[-1].body

    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=article, user=reporter)
        services.article_publish(article=article, user=editor)
    assert mail.outbox[-1].to == [reporter.email]
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_every_transition_is_logged_newest_first(reporter, editor):
    article = make_article("draft", reporter)
    services.article_submit(article=article, user=reporter)
    services.article_return(article=article, user=editor, note="Thiếu ảnh")
    services.article_submit(article=article, user=reporter)
    services.article_publish(article=article, user=editor)
    steps = list(ArticleTransition.objects.filter(article=article))
    assert [(s.from_status, s.to_status) for s in steps] == [
        ("pending", "published"),
        ("returned", "pending"),
        ("pending", "returned"),
        ("draft", "pending"),
    ]
    assert steps[2].note == "Thiếu ảnh"


@pytest.mark.django_db
def test_restore_creates_a_new_revision(reporter, editor):
    article = make_article("draft", reporter)
    article.title = "Bản một"
    services.article_save(article=article, user=reporter, base_version=article.version)
    article.title = "Bản hai"
    article.tags.add("Công đoàn")
    services.article_save(article=article, user=reporter, base_version=article.version)
    first = article.revisions.get(content__title="Bản một")
    services.article_restore(revision=first, user=editor)
    article.refresh_from_db()
    assert article.title == "Bản một"
    assert list(article.revisions.values_list("version", flat=True)) == [4, 3, 2]
    assert "Restored" in article.revisions.first().note or "Khôi phục" in (
        article.revisions.first().note
    )
    assert list(article.tags.names()) == []


@pytest.mark.django_db
def test_reporter_cannot_restore(reporter):
    article = make_article("draft", reporter)
    services.article_save(article=article, user=reporter, base_version=article.version)
    with pytest.raises(PermissionDenied):
        services.article_restore(revision=article.revisions.get(), user=reporter)
