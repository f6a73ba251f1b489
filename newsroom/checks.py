"""Startup guards and system checks of the project's own."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

MESSAGE = "SECRET_KEY must be set when DEBUG is off."


def refuse_to_serve_without_secret_key():
    """Called by the WSGI/ASGI entry points: production never runs on a throwaway key."""
    if settings.SECRET_KEY_MISSING:
        raise ImproperlyConfigured(MESSAGE)


@checks.register(checks.Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    if settings.SECRET_KEY_MISSING:
        return [checks.Error(MESSAGE, id="newsroom.E001")]
    return []
