"""What saving and deleting library images does to files (connected in MediaConfig.ready).

Signals rather than Image.save(): the admin, the CKEditor view, the importer, the demo
and queryset deletes (the admin's bulk delete) all go through them.
"""

import hashlib
import io
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from PIL import Image as PILImage

from . import originals, renditions, tasks
from .models import Image, Rendition
from .validators import ALLOWED_FORMATS, CONTENT_TYPES

RENDITION_FIELDS = {"file", "focal_x", "focal_y"}


@receiver(pre_save, sender=Image)
def clean_original(sender, instance, raw, update_fields, **kwargs):
    """Strip a new file's metadata, turn it upright and give it a random, honest name."""
    if raw or not instance.file or (update_fields is not None and "file" not in update_fields):
        return
    previous = None
    if instance.pk:
        previous = Image.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    file = instance.file
    if not file._committed:
        # An upload (admin, CKEditor) or a ContentFile: cleaned before it is written.
        file.seek(0)
        data = file.read()
        cleaned, fmt = originals.clean(data)
        # The name only carries the extension of the decoded format: image_upload_to
        # makes the rest random.
        instance.file = image_content(cleaned, fmt, name=f"upload{ALLOWED_FORMATS[fmt]}")
        instance.sha256 = hashlib.sha256(data).hexdigest()
    elif file.name != previous:
        # Stored by the caller before the row (the importer): cleaned in place, under
        # the same name, which the caller deletes if its transaction rolls back.
        with file.open("rb") as fh:
            data = fh.read()
        cleaned, fmt = originals.clean(data)
        if cleaned != data:
            storage = file.storage
            storage.delete(file.name)
            file.name = storage.save(file.name, image_content(cleaned, fmt))
        with PILImage.open(io.BytesIO(cleaned)) as img:
            instance.width, instance.height = img.size
        instance.sha256 = hashlib.sha256(data).hexdigest()
    else:
        return
    if previous:
        # The replaced file, once the new one is committed.
        transaction.on_commit(partial(_delete_if_unused, file.storage, previous), robust=True)


@receiver(post_save, sender=Image)
def make_renditions(sender, instance, update_fields, **kwargs):
    """Queue the renditions of a saved image for a worker (a no-op when up to date)."""
    if update_fields is None or RENDITION_FIELDS & set(update_fields):
        tasks.schedule_renditions(instance)


@receiver(post_delete, sender=Image)
def delete_original(sender, instance, **kwargs):
    """Delete a deleted image's file; its renditions go with their rows (below)."""
    if instance.file:
        transaction.on_commit(
            partial(_delete_if_unused, instance.file.storage, instance.file.name), robust=True
        )


@receiver(post_delete, sender=Rendition)
def delete_rendition_file(sender, instance, **kwargs):
    """Delete a deleted rendition's file."""
    if instance.file:
        renditions.delete_file_on_commit(instance.file.storage, instance.file.name)


def image_content(data, fmt, name=None):
    """A ContentFile of image bytes that states its content type (see CONTENT_TYPES)."""
    content = ContentFile(data, name=name)
    content.content_type = CONTENT_TYPES[fmt]
    return content


def _delete_if_unused(storage, name):
    if not Image.objects.filter(file=name).exists():
        renditions.delete_file(storage, name)
