"""Who may do what to an article: the one checker that services and the admin call."""

from django.contrib.auth.models import AbstractBaseUser as User
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import Article

Status = Article.Status

SAVE = "save"
SUBMIT = "submit"
RETURN = "return"
PUBLISH = "publish"
SCHEDULE = "schedule"
WITHDRAW = "withdraw"
UNSCHEDULE = "unschedule"
ACTIONS = (SAVE, SUBMIT, RETURN, PUBLISH, SCHEDULE, UNSCHEDULE, WITHDRAW)

# Where each transition may start and where it leads.
TRANSITIONS = {
    SUBMIT: ({Status.DRAFT, Status.RETURNED}, Status.PENDING),
    RETURN: ({Status.PENDING}, Status.RETURNED),
    PUBLISH: (
        {Status.DRAFT, Status.PENDING, Status.RETURNED, Status.WITHDRAWN, Status.PUBLISHED},
        Status.PUBLISHED,
    ),
    SCHEDULE: (
        {Status.DRAFT, Status.PENDING, Status.RETURNED, Status.WITHDRAWN, Status.PUBLISHED},
        Status.PUBLISHED,
    ),
    # Only a scheduled article (published with a time still to come) goes back.
    UNSCHEDULE: ({Status.PUBLISHED}, Status.PENDING),
    WITHDRAW: ({Status.PUBLISHED}, Status.WITHDRAWN),
}
EDITOR_ONLY = {RETURN, PUBLISH, SCHEDULE, UNSCHEDULE, WITHDRAW}
REPORTER_EDITABLE = {Status.DRAFT, Status.RETURNED}


def is_editor(user: User) -> bool:
    """Editors (and superusers) may do everything to any article."""
    return bool(
        user.is_active
        and user.is_staff
        and (user.is_superuser or user.has_perm("articles.publish_article"))
    )


def can_add(user: User) -> bool:
    """Staff with the add permission may start articles."""
    return bool(user.is_active and user.is_staff and user.has_perm("articles.add_article"))


def can_view(user: User, article: Article) -> bool:
    """Reporters see their own articles and published ones, never others' drafts."""
    if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
        return False
    return is_editor(user) or article.created_by_id == user.pk or article.is_live


def can_edit(user: User, article: Article) -> bool:
    """Reporters edit only their own drafts and returned articles."""
    if article.pk is None:
        return can_add(user)
    if not user.has_perm("articles.change_article"):
        return False
    if is_editor(user):
        return True
    return article.created_by_id == user.pk and article.status in REPORTER_EDITABLE


def allowed_actions(user: User, article: Article) -> list[str]:
    """The workflow actions user may perform on article in its current (stored) state."""
    if not can_edit(user, article) and not is_editor(user):
        return []
    status = article.status if article.pk else Status.DRAFT
    actions = [SAVE] if can_edit(user, article) else []
    for action, (sources, _target) in TRANSITIONS.items():
        if action in EDITOR_ONLY and not is_editor(user):
            continue
        if status not in sources:
            continue
        if action in (PUBLISH, SCHEDULE) and status == Status.PUBLISHED and article.is_live:
            continue  # already live: only a scheduled article can be published (again) now
        if action == UNSCHEDULE and article.is_live:
            continue  # live articles are withdrawn, not unscheduled
        actions.append(action)
    return actions


def check_action(user: User, article: Article, action: str) -> None:
    """Raise PermissionDenied unless user may perform action on article (its stored state)."""
    if action not in ACTIONS or action not in allowed_actions(user, article):
        raise PermissionDenied(_("You are not allowed to do this to this article."))


def can_view_history(user: User, article: Article) -> bool:
    """Editors see every article's revisions; reporters those of their own articles."""
    if not can_view(user, article):
        return False
    return is_editor(user) or (article.pk is not None and article.created_by_id == user.pk)


def check_can_restore(user: User) -> None:
    """Raise PermissionDenied unless user may restore a revision (editors only)."""
    if not is_editor(user):
        raise PermissionDenied(_("Only editors can restore a revision."))
