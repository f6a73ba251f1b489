from django.conf import settings
from django.utils.cache import patch_vary_headers

from core.site import serving

from .device import COOKIE, COOKIE_MAX_AGE, device_for, requested_view


class DeviceMiddleware:
    """Sets request.device to "mobile" or "desktop" (user agent, ?view= and a cookie).

    A ?view=mobile|desktop choice is remembered in a cookie. Every response varies on
    User-Agent and Cookie, since both decide which template a page was rendered with.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.device = device_for(request)
        response = self.get_response(request)
        override = requested_view(request)
        # The admin's "preview on mobile" link must not switch the staff's own public site.
        in_admin = request.path.startswith(f"/{settings.ADMIN_URL}")
        if override and not in_admin and request.COOKIES.get(COOKIE) != override:
            response.set_cookie(
                COOKIE,
                override,
                max_age=COOKIE_MAX_AGE,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        patch_vary_headers(response, ("User-Agent", "Cookie"))
        return response


class SiteUrlMiddleware:
    """In development, absolute links name the host the browser used (core.site)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with serving(request):
            return self.get_response(request)
