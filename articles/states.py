"""The states editors see: the stored status, with "scheduled" apart from live articles.

A scheduled article is stored as published with a time still to come; everything that
shows a state (the badge, the list, messages, the workflow log, emails) names it
"Hẹn giờ 08:00 05/06/2027" through here.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article

Status = Article.Status
SCHEDULED = "scheduled"


def when(value: datetime) -> str:
    """A time as the newsroom writes it: 08:00 05/06/2027 (local time)."""
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")


def state(status: str, published_at: datetime | None, *, at: datetime | None = None) -> str:
    """status, or "scheduled" for published with a time after at (default: now)."""
    if status == Status.PUBLISHED and published_at and published_at > (at or timezone.now()):
        return SCHEDULED
    return status


def label(status: str, published_at: datetime | None, *, at: datetime | None = None) -> str:
    """The state in words: "Chờ duyệt", "Đã xuất bản", "Hẹn giờ 08:00 05/06/2027"."""
    if state(status, published_at, at=at) == SCHEDULED:
        return _("Scheduled %(when)s") % {"when": when(published_at)}
    return Status(status).label if status in Status.values else "—"


def article_state(article: Article) -> str:
    """The state of article as stored now."""
    return state(article.status, article.published_at)


def article_label(article: Article) -> str:
    """The state of article in words."""
    return label(article.status, article.published_at)


def step_labels(step) -> tuple[str, str]:
    """(from, to) of a workflow step (ArticleTransition) in words, as they were then."""
    before = label(step.from_status, step.from_published_at, at=step.created_at)
    after = label(step.to_status, step.to_published_at, at=step.created_at)
    return ("—" if not step.from_status else before), after
