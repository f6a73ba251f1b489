"""The project's 403 pages: the admin's (in its own layout) for the admin and the editor's
upload endpoint, the public site's (reader.views) for everything else. Django calls them
for PermissionDenied (handler403) and for a refused CSRF token (CSRF_FAILURE_VIEW)."""

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse

from reader import views as reader_views

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
