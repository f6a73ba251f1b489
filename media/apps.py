from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Media library")

    def ready(self):
        from django.conf import settings
        from PIL import Image as PILImage

        from . import signals  # noqa: F401 - connects the receivers

        # Pillow's own decompression-bomb guard, aligned on ours: open() refuses a
        # declared size over twice the limit before reading any pixel, wherever Pillow is
        # used in the process. The validator refuses anything over the limit itself.
        PILImage.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
