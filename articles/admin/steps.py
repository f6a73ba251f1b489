"""Workflow steps that ask first: withdrawal (with its reason) on a page of its own."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions, services
from ..models import Article
from ..people import display_name


def withdraw_view(model_admin, request, object_id):
    """GET: confirm taking the article off the site and say why; POST: withdraw it.
    Template: admin/articles/article/withdraw_confirm.html."""
    article = get_object_or_404(Article, pk=object_id)
    if permissions.WITHDRAW not in permissions.allowed_actions(request.user, article):
        raise PermissionDenied
    reason, error, version = "", None, article.version
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        base = request.POST.get("base_version", "")
        try:
            services.article_withdraw(
                article=article,
                user=request.user,
                base_version=int(base) if base.isdigit() else None,
                note=reason,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except services.EditConflict as exc:
            # Saved meanwhile: show who did, and ask again on top of the newest version.
            error = _(
                "%(who)s saved this article at %(when)s, after you opened this page. "
                "Check it, then confirm again."
            ) % {
                "who": display_name(exc.revision.created_by) if exc.revision else "—",
                "when": timezone.localtime(exc.revision.created_at).strftime("%H:%M:%S")
                if exc.revision
                else "",
            }
            article.refresh_from_db()
            version = article.version
        else:
            messages.success(
                request, _("“%(title)s” is withdrawn from the site.") % {"title": article.title}
            )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "article": article,
        "reason": reason,
        "error": error,
        "base_version": version,
        "title": _("Withdraw “%(title)s”?") % {"title": article.title},
    }
    return TemplateResponse(request, "admin/articles/article/withdraw_confirm.html", context)
