"""The project's error pages.

403: the admin's (in its own layout) for the admin and the editor's upload endpoint, the
public site's (reader.views) for everything else. Django calls them for PermissionDenied
(handler403) and for a refused CSRF token (CSRF_FAILURE_VIEW).

500 (handler500): when the error is the database being unavailable (OperationalError,
InterfaceError: refused, dropped or timed-out connections), the maintenance page with
503 and Retry-After instead, for the public site and the admin alike, rendered without
the database; an admin form sent meanwhile comes back with what was typed, ready to be
sent again. Any other error: the site's 500 page.
"""

import sys

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from articles.forms import ArticleAdminForm
from reader import views as reader_views
from reader.context_processors import same_site_path

# Errors that mean "the database is not answering", not "this request is wrong".
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# Fields of an admin form sent during an outage that the maintenance page shows as text
# (with the article form's labels); every other field goes back as a hidden input.
RETRY_TEXT_FIELDS = {
    name: field
    for name, field in ArticleAdminForm.base_fields.items()
    if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.HiddenInput)
}

STAFF_PATHS = ("/" + settings.ADMIN_URL, "/cms/")


def _is_admin(request):
    return request.path.startswith(STAFF_PATHS)


def _admin_forbidden(request, *, csrf_failure):
    context = {**admin.site.each_context(request), "csrf_failure": csrf_failure}
    response = TemplateResponse(request, "admin/403.html", context, status=403)
    return response.render()


def permission_denied(request, exception=None):
    """403 for PermissionDenied. Templates: admin/403.html, 403.html."""
    if _is_admin(request):
        return _admin_forbidden(request, csrf_failure=False)
    return reader_views.permission_denied(request, exception)


def csrf_failure(request, reason=""):
    """403 for a refused CSRF token: what happened and what to do, in Vietnamese."""
    if _is_admin(request):
        return _admin_forbidden(request, csrf_failure=True)
    return reader_views.permission_denied(request, csrf_failure=True)


def is_database_unavailable(error) -> bool:
    return isinstance(error, DATABASE_UNAVAILABLE)


def server_error(request):
    """handler500: the maintenance page (503) when the database is unavailable, else
    the site's 500 page. Both render without the database or context processors, their
    styles carrying the CSP nonce. Templates: 503.html, 500.html."""
    if is_database_unavailable(sys.exc_info()[1]):
        return maintenance(request)
    html = loader.get_template("500.html").render(
        {"SITE_NAME": settings.SITE_NAME, "csp_nonce": _nonce(request)}
    )
    return HttpResponseServerError(html)


def _nonce(request):
    """The response's CSP nonce for the page's own <style> (django-csp's is lazy: falsy
    until read), or "" outside the CSP middleware."""
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


def _retry_fields(request):
    """What an admin form POSTed, as the maintenance page sends it back: text fields of
    the article form visible, everything else hidden (the CSRF token, the button
    pressed, inline rows). Only for staff URLs."""
    if request.method != "POST" or not _is_admin(request):
        return []
    try:
        posted = request.POST
    except Exception:  # unreadable body: nothing to give back
        return []
    fields = []
    for name, values in posted.lists():
        known = RETRY_TEXT_FIELDS.get(name)
        for value in values:
            fields.append(
                {
                    "name": name,
                    "value": value,
                    "visible": known is not None,
                    "label": known.label if known is not None and known.label else name,
                    "rows": 14 if name == "body" else 3,
                }
            )
    return fields


def maintenance(request):
    """503 with Retry-After: "the system is under maintenance". Rendered from a plain
    context (no request, so no context processors and no database). Template: 503.html."""
    # The page cache (reader.cache) serves its kept copy instead, when it has one.
    request.database_unavailable = True
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "csp_nonce": _nonce(request),
        "path": same_site_path(request.path),
        "request_id": getattr(request, "request_id", ""),
        "retry_fields": _retry_fields(request),
    }
    html = loader.get_template("503.html").render(context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(settings.MAINTENANCE_RETRY_AFTER)
    add_never_cache_headers(response)
    return response
