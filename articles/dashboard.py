"""The admin index's dashboard: counts per state, the user's drafts, the review queue."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Article
from .permissions import is_editor

Status = Article.Status


def dashboard(user) -> dict:
    """Template context of the dashboard for user (empty for non-staff)."""
    if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
        return {}
    editor = is_editor(user)
    mine = Article.objects.filter(created_by=user)
    scope = Article.objects.all() if editor else mine
    counts = dict(scope.values_list("status").annotate(n=Count("id")).order_by())
    scheduled = scope.filter(status=Status.PUBLISHED, published_at__gt=timezone.now()).count()
    changelist = reverse("admin:articles_article_changelist")
    state_counts = [
        {
            "label": label,
            "count": counts.get(value, 0) - (scheduled if value == Status.PUBLISHED else 0),
            "url": f"{changelist}?state={value}",
        }
        for value, label in Status.choices
    ]
    state_counts.insert(
        4,
        {
            "label": _("Scheduled"),
            "count": scheduled,
            "url": f"{changelist}?state=scheduled",
        },
    )
    context = {
        "dashboard": True,
        "dashboard_counts": state_counts,
        "dashboard_scope": _("all articles") if editor else _("your articles"),
        "my_drafts": list(
            mine.filter(status__in=[Status.DRAFT, Status.RETURNED]).order_by("-updated_at")[:10]
        ),
    }
    if editor:
        context["review_queue"] = list(
            Article.objects.filter(status=Status.PENDING)
            .select_related("created_by", "section")
            .order_by("updated_at")[:10]
        )
        context["review_queue_url"] = reverse("admin:articles_pendingarticle_changelist")
    return context
