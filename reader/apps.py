from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReaderConfig(AppConfig):
    """The public site: views, blocks, search, SEO, device classes, feeds, sitemaps.

    An app without models, like healthchecks' hc/front: it only reads the content apps.
    """

    name = "reader"
    verbose_name = _("Reader site")

    def ready(self):
        from . import signals

        signals.connect()
