import time

from django.core.management.base import BaseCommand

from media import renditions
from media.models import Image


class Command(BaseCommand):
    help = (
        "Make missing or outdated renditions of every library image (for images stored "
        "before renditions existed, or after a failed run); --force remakes them all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="remake every rendition")

    def handle(self, *args, force=False, **options):
        started = time.monotonic()
        count = 0
        for image in Image.objects.prefetch_related("renditions").iterator(chunk_size=100):
            renditions.refresh(image, force=force)
            count += 1
        self.stdout.write(f"{count} images checked in {time.monotonic() - started:.1f} s.")
