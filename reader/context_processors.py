from django.conf import settings
from django.utils.encoding import escape_uri_path
from django.utils.functional import SimpleLazyObject

from imprint.selectors import site_settings
from sections.selectors import menu_sections

from .device import DESKTOP, MOBILE, device_of


def site(request):
    """Site-wide values every public template uses.

    Public views (reader.device.render_device) put the evaluated menu in their context;
    the callable here is for other templates that extend base.html.
    """
    device = device_of(request)
    other = DESKTOP if device == MOBILE else MOBILE
    params = request.GET.copy()
    params["view"] = other
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SOURCE_TAG": settings.SOURCE_TAG,
        "menu_sections": menu_sections,
        # The legal footer of every page (cached; read only when a template shows it).
        "imprint": SimpleLazyObject(site_settings),
        "device": device,
        "switch_view_url": f"{same_site_path(request.path)}?{params.urlencode()}",
    }


def same_site_path(path):
    """path as a link that can only stay on this site: percent-encoded (a backslash, tab
    or newline, which browsers drop or read as "/", stays in the path) and with one
    leading slash, so "//evil.example/" and "/\\evil.example/" cannot name another host."""
    return "/" + escape_uri_path(path).lstrip("/")
