from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from media import usage

        from . import selectors

        # The media library's "used in" and its guard against replacing a photo that
        # article bodies show ask every registered finder.
        usage.register(selectors.image_uses)
