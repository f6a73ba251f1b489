from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImprintConfig(AppConfig):
    name = "imprint"
    verbose_name = _("Site settings")

    def ready(self):
        from . import signals  # noqa: F401
