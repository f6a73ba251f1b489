"""JSON endpoints of the "who is editing" heartbeat (articles.presence), for the article
form and list (static/js/presence.js). Staff only, through the admin site's admin_view
(login, CSRF on POST, never cached)."""

import re
from datetime import UTC, datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions, presence
from ..models import Article

TAB = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
MAX_IDS = 200


def described(entry):
    """A presence entry as the pages show it: "Nguyễn Lan đang sửa bài này, từ 08:41"."""
    since = timezone.localtime(datetime.fromtimestamp(entry["since"], tz=UTC))
    text = _("%(name)s is editing this article, since %(time)s") % {
        "name": entry["name"],
        "time": since.strftime("%H:%M"),
    }
    return {"name": entry["name"], "since": since.strftime("%H:%M"), "text": text}


def _article(request, object_id):
    article = get_object_or_404(Article, pk=object_id)
    if not permissions.can_view(request.user, article):
        raise PermissionDenied
    return article


def _tab(request):
    tab = request.POST.get("tab", "")
    return tab if TAB.match(tab) else None


def heartbeat_view(model_admin, request, object_id):
    """POST tab=<id>: the user has the form open (recorded when they may edit it); the
    answer lists the others who have it open."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(request, object_id)
    tab = _tab(request)
    if tab is None:
        return JsonResponse({"error": _("Invalid tab.")}, status=400)
    if permissions.can_edit(request.user, article):
        presence.beat(article.pk, request.user, tab)
    found = presence.editors([article.pk], exclude_user=request.user).get(article.pk, [])
    return JsonResponse({"editors": [described(e) for e in found], "heartbeat": presence.HEARTBEAT})


def leave_view(model_admin, request, object_id):
    """POST tab=<id>: the page is closing (sent with navigator.sendBeacon)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(request, object_id)
    tab = _tab(request)
    if tab is None:
        return JsonResponse({"error": _("Invalid tab.")}, status=400)
    presence.leave(article.pk, request.user, tab)
    return HttpResponse(status=204)


def list_view(model_admin, request):
    """GET ?ids=1,2,3: who has each of these articles (those the user may see) open."""
    raw = request.GET.get("ids", "")
    ids = [int(part) for part in raw.split(",") if part.isdigit() and len(part) < 19]
    visible = list(
        model_admin.get_queryset(request).filter(pk__in=ids[:MAX_IDS]).values_list("pk", flat=True)
    )
    found = presence.editors(visible, exclude_user=request.user)
    return JsonResponse(
        {"articles": {str(pk): [described(e) for e in people] for pk, people in found.items()}}
    )
