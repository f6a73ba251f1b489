"""An article's revision history: the list, a diff of any two revisions, restore."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import permissions, revisions, services
from ..models import Article, ArticleRevision


def revisions_view(model_admin, request, object_id):
    """History of an article's revisions with a diff of any two. Editors only.
    Template: admin/articles/article/revisions.html."""
    article = get_object_or_404(Article, pk=object_id)
    if not permissions.is_editor(request.user):
        raise PermissionDenied
    history = list(article.revisions.select_related("created_by"))
    diff = None
    a, b = request.GET.get("a"), request.GET.get("b")
    by_version = {str(r.version): r for r in history}
    if a in by_version and b in by_version:
        diff = revisions.diff(by_version[a], by_version[b])
    elif len(history) >= 2:
        a, b = str(history[1].version), str(history[0].version)
        diff = revisions.diff(history[1], history[0])
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "article": article,
        "history": history,
        "diff": diff,
        "a": a,
        "b": b,
        "title": _("Revisions of “%(title)s”") % {"title": article.title},
    }
    return TemplateResponse(request, "admin/articles/article/revisions.html", context)


def restore_view(model_admin, request, object_id, version):
    """POST: make a revision the current content (as a new revision). Editors only."""
    if request.method != "POST":
        raise Http404
    revision = get_object_or_404(ArticleRevision, article_id=object_id, version=version)
    base = request.POST.get("base_version", "")
    try:
        services.article_restore(
            revision=revision,
            user=request.user,
            base_version=int(base) if base.isdigit() else None,
        )
    except services.EditConflict as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("admin:articles_article_revisions", args=[object_id]))
    messages.success(
        request, _("Version %(version)s restored as a new revision.") % {"version": version}
    )
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[object_id]))
