from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content and the seed_demo and benchmark commands; no models."""

    name = "demo"
    verbose_name = _("Demo content")
