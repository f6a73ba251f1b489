"""Which workflow buttons a user gets, which one a POST pressed, and the refusal of a
POST that sends what the user may not send, whatever the form showed."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import permissions
from ..models import Article
from ..permissions import PUBLISH, RETURN, SAVE, SCHEDULE, SUBMIT, UNSCHEDULE, WITHDRAW

# Button labels, in the order they appear on the form.
ACTION_LABELS = {
    SAVE: gettext_lazy("Save draft"),
    SUBMIT: gettext_lazy("Submit for review"),
    RETURN: gettext_lazy("Return"),
    PUBLISH: gettext_lazy("Publish"),
    SCHEDULE: gettext_lazy("Schedule"),
    UNSCHEDULE: gettext_lazy("Cancel schedule"),
    WITHDRAW: gettext_lazy("Withdraw"),
}
# Steps that ask first, on a page of their own (a reason, a confirmation).
CONFIRMED_ON_A_PAGE = {WITHDRAW: "admin:articles_article_withdraw"}
# Fields only editors may send; a reporter's POST carrying one is forged.
EDITOR_FIELDS = {"published_at", "published_at_0", "published_at_1", "is_featured", "review_note"}
NEVER_FIELDS = {"status", "created_by", "version", "revised_at", "view_count"}


def requested_action(request: HttpRequest) -> str:
    """The workflow action of the button a POST pressed (SAVE when none or several)."""
    pressed = [a for a in permissions.ACTIONS if f"_wf_{a}" in request.POST]
    return pressed[0] if len(pressed) == 1 else SAVE


def refuse_forged_post(request: HttpRequest, article: Article | None) -> None:
    """PermissionDenied (403) for a POST sending fields or a button the user may not use."""
    sent = set(request.POST)
    if sent & NEVER_FIELDS:
        raise PermissionDenied
    if not permissions.is_editor(request.user) and sent & EDITOR_FIELDS:
        raise PermissionDenied
    action = requested_action(request)
    permissions.check_action(request.user, article or Article(), action)
    if article is not None and action == SAVE and not permissions.can_edit(request.user, article):
        raise PermissionDenied


def workflow_buttons(user, article: Article | None) -> list[dict]:
    """The buttons of the article form: [{name, label, action, url}] in display order
    (url: a link to the step's confirmation page instead of a submit button)."""
    actions = permissions.allowed_actions(user, article or Article())
    buttons = []
    for action, label in ACTION_LABELS.items():
        if action not in actions:
            continue
        if (
            action == SAVE
            and article is not None
            and article.status not in permissions.REPORTER_EDITABLE
        ):
            label = _("Save changes")
        url = None
        if action in CONFIRMED_ON_A_PAGE and article is not None:
            url = reverse(CONFIRMED_ON_A_PAGE[action], args=[article.pk])
        buttons.append({"name": f"_wf_{action}", "label": label, "action": action, "url": url})
    return buttons
