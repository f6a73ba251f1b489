from django.conf import settings

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
        "device": device,
        "switch_view_url": f"{request.path}?{params.urlencode()}",
    }
