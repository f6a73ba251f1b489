"""An article's revision history: the list, a word diff of any two revisions, restore
(after a confirmation page that shows what restoring changes)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import permissions, revisions, services
from ..models import Article, ArticleRevision


def revisions_view(model_admin, request, object_id):
    """History of an article's revisions with a diff of any two: editors for every
    article, reporters for their own (without restore).
    Template: admin/articles/article/revisions.html."""
    article = get_object_or_404(Article, pk=object_id)
    if not permissions.can_view_history(request.user, article):
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
        "unchanged": [label for label, marked in diff or [] if marked is None],
        "a": a,
        "b": b,
        "can_restore": permissions.is_editor(request.user),
        "title": _("Revisions of “%(title)s”") % {"title": article.title},
    }
    return TemplateResponse(request, "admin/articles/article/revisions.html", context)


def restore_view(model_admin, request, object_id, version):
    """GET: what restoring the revision would change, and a button; POST: restore it
    (as a new revision). Editors only.
    Template: admin/articles/article/restore_confirm.html."""
    revision = get_object_or_404(
        ArticleRevision.objects.select_related("created_by", "article"),
        article_id=object_id,
        version=version,
    )
    if not permissions.is_editor(request.user):
        raise PermissionDenied
    article = revision.article
    if request.method == "POST":
        base = request.POST.get("base_version", "")
        try:
            services.article_restore(
                revision=revision,
                user=request.user,
                base_version=int(base) if base.isdigit() else None,
            )
        except services.EditConflict as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(
                reverse("admin:articles_article_revisions", args=[object_id])
            )
        messages.success(
            request, _("Version %(version)s restored as a new revision.") % {"version": version}
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[object_id]))
    current = article.revisions.select_related("created_by").first()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "article": article,
        "revision": revision,
        "current": current,
        # What the article's text becomes: from the current revision to the restored one.
        "diff": revisions.diff(current, revision) if current else None,
        "title": _("Restore version %(version)s?") % {"version": version},
    }
    return TemplateResponse(request, "admin/articles/article/restore_confirm.html", context)
