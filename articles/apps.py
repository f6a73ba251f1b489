from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from django.db.backends.signals import connection_created

        from media import usage

        from . import search_index, selectors

        # SQLite's search index is kept by triggers calling Python functions.
        connection_created.connect(search_index.on_connection_created)

        # The media library's "used in" and its guard against replacing a photo that
        # article bodies show ask every registered finder.
        usage.register(selectors.image_uses)
