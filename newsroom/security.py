"""Who may reach what, and what a page may load: the Content-Security-Policy of public
pages and of the admin, the client address behind the load balancer, the lockout of
brute-forced logins (django-axes). SECURITY.md explains each choice."""

import ipaddress

from axes.backends import AxesStandaloneBackend
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.text import clean_text

from .twofactor import LoginForm

USERNAME_MAX = 150  # Django's username column, and below django-axes' 255

# CKEditor 4 writes inline event handlers (onclick="CKEDITOR.tools.callFunction(…)") into
# its toolbar and dialogs, an inline <script> into its editing frame, and style
# attributes everywhere: its pages need 'unsafe-inline', and only its pages get it.
EDITOR_URL_NAMES = {"articles_article_add", "articles_article_change"}


def is_admin_path(path):
    return path.startswith("/" + settings.ADMIN_URL)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with three policies: CONTENT_SECURITY_POLICY on the public site, plus
    CSP_ADMIN_DIRECTIVES on the admin, plus CSP_EDITOR_DIRECTIVES on the pages that run
    CKEditor (EDITOR_URL_NAMES)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.replace is not None or not is_admin_path(request.path_info):
            return parts
        replace = dict(settings.CSP_ADMIN_DIRECTIVES)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name in EDITOR_URL_NAMES:
            replace.update(settings.CSP_EDITOR_DIRECTIVES)
        parts.replace = replace
        return parts


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for logins over HTTP. authenticate() without a request
    (a management command, a shell) has no address to lock and is left to the next
    backend, where axes' own backend would refuse it outright."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request):
    """The reader's address: REMOTE_ADDR, or with BEHIND_PROXY the address our own load
    balancer (PROXY_COUNT hops in front of the app) added to X-Forwarded-For. Entries
    to the left of those are whatever the client sent, and never trusted."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_PROXY:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    if len(hops) < settings.PROXY_COUNT:
        return remote
    try:  # stored in an address column: junk would make the database refuse the row
        return str(ipaddress.ip_address(hops[-settings.PROXY_COUNT]))
    except ValueError:
        return remote


class CleanHeadersMiddleware:
    """The User-Agent as text: django-axes stores it with each failed login, and a NUL
    or other control character would make PostgreSQL refuse the row (a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        agent = request.META.get("HTTP_USER_AGENT")
        if agent:
            request.META["HTTP_USER_AGENT"] = clean_text(agent).replace("\x00", "")
        return self.get_response(request)


def login_username(request, credentials=None):
    """The username an attempt is recorded under: what was typed, as a username column
    can hold it (a 10,000-character or NUL-carrying value would make PostgreSQL refuse
    the attempt's row, and the login page answer 500)."""
    source = credentials if credentials else getattr(request, "POST", {})
    value = source.get("username") if source else None
    if value is None:
        return None
    return clean_text(str(value)).replace("\x00", "")[:USERNAME_MAX]


def lockout_response(request, original_response=None, credentials=None):
    """The admin's login page again, saying in Vietnamese why and for how long (429)."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    message = _(
        "Too many failed logins. This account or this address is locked for %(minutes)d "
        "minutes; an administrator can unlock it sooner."
    ) % {"minutes": minutes}
    form = LoginForm(request)
    context = {
        "form": form,
        "lockout_message": message,
        "app_path": request.get_full_path(),
        "site_header": settings.SITE_NAME,
        "site_title": settings.SITE_NAME,
        "title": _("Log in"),
    }
    return render(request, "admin/newsroom/login.html", context, status=429)
