"""Desktop or mobile: detection from the user agent, the reader's override, templates.

A phone's user agent gets the ".mobile.html" twin of each page's template; the footer links
``?view=mobile`` / ``?view=desktop`` override the guess and the choice is remembered in
a cookie. Tablets get the desktop site. Anything cached per page must be keyed by
``request.device`` (two values), never by the raw user agent (thousands of values).
"""

import re
from functools import lru_cache

from django.http import HttpResponse
from django.template.loader import get_template, select_template

from sections.selectors import menu_sections

MOBILE = "mobile"
DESKTOP = "desktop"
DEVICES = (MOBILE, DESKTOP)
COOKIE = "newsroom_view"
COOKIE_MAX_AGE = 365 * 24 * 3600

# "Mobi" is what Mozilla recommends looking for; the rest are phones that omit it.
_PHONE = re.compile(
    r"Mobi|iPhone|iPod|Android.+Mobile|Windows Phone|IEMobile|Opera Mini|BlackBerry|BB10"
    r"|webOS|Nokia|Symbian|UCBrowser.+Mobile|Zalo.+Mobile",
    re.IGNORECASE,
)
# Tablets say "Mobile" too (iPad's Safari does) but have room for the desktop page.
_TABLET = re.compile(r"iPad|Tablet|Kindle|Silk|PlayBook|Nexus (7|9|10)", re.IGNORECASE)


@lru_cache(maxsize=2048)
def device_from_user_agent(user_agent):
    """'mobile' for a phone's user agent, else 'desktop' (remembered per user agent: a
    day's readers send a few hundred distinct ones)."""
    user_agent = user_agent or ""
    if _PHONE.search(user_agent) and not _TABLET.search(user_agent):
        return MOBILE
    return DESKTOP


def requested_view(request):
    """The ?view=mobile|desktop override of this request, or None."""
    value = request.GET.get("view", "")
    return value if value in DEVICES else None


def device_for(request):
    """The device class of a request: ?view=, else the cookie, else the user agent."""
    override = requested_view(request) if request.META.get("QUERY_STRING") else None
    if override:
        return override
    cookie = request.COOKIES.get(COOKIE)
    if cookie in DEVICES:
        return cookie
    return device_from_user_agent(request.META.get("HTTP_USER_AGENT"))


def device_of(request):
    return getattr(request, "device", None) or DESKTOP


def mobile_name(name):
    """The phone template beside a page's desktop one: reader/article.html ->
    reader/article.mobile.html."""
    stem, dot, ext = name.rpartition(".")
    return f"{stem}.mobile.{ext}" if dot else f"{name}.mobile"


def template_names(device, name):
    """Templates to try for a page: the mobile variant first on mobile."""
    return [mobile_name(name), name] if device == MOBILE else [name]


def get_device_template(request, name):
    """The template for name on this request's device (its .mobile twin when it exists)."""
    if device_of(request) == MOBILE:
        return select_template(template_names(MOBILE, name))
    return get_template(name)


def render_device(request, name, context=None, *, status=None):
    """Render a public page with the template of the request's device.

    Like django.shortcuts.render, but tries the page's .mobile.html twin first for phones.
    """
    template = get_device_template(request, name)
    # The menu is read here, before rendering: templates never query.
    context = {"menu_sections": menu_sections(), **(context or {})}
    return HttpResponse(template.render(context, request), status=status)
