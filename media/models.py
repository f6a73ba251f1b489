import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import NormalizedTextMixin

from .validators import validate_image_file


def image_upload_to(instance, filename):
    """Random file names: a photo's original name may reveal a source."""
    ext = PurePath(filename).suffix.lower() or ".jpg"
    return f"images/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{ext}"


class Image(NormalizedTextMixin, models.Model):
    """A library photo. Saving one strips its metadata and (re)makes its renditions:
    see media/signals.py and media/renditions.py."""

    file = models.ImageField(
        _("file"),
        upload_to=image_upload_to,
        width_field="width",
        height_field="height",
        validators=[validate_image_file],
        max_length=255,
    )
    title = models.CharField(_("title"), max_length=255)
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(_("credit"), max_length=255, blank=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=True,
        help_text=_("Describes the photo for readers who cannot see it."),
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    focal_x = models.FloatField(
        _("focal point (horizontal)"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    focal_y = models.FloatField(
        _("focal point (vertical)"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    # Of the file as it was uploaded, before its metadata was removed: the same photo
    # uploaded twice from the editor is found again instead of being stored twice.
    sha256 = models.CharField(
        _("file checksum"), max_length=64, blank=True, editable=False, db_index=True
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="image_focal_point_in_frame",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def alt(self):
        return self.alt_text or self.title


class Rendition(models.Model):
    """One resized file of an Image, made by media.renditions when the Image is saved."""

    image = models.ForeignKey(
        Image, verbose_name=_("image"), on_delete=models.CASCADE, related_name="renditions"
    )
    # One row per file, keyed by spec name, requested width and format ("thumb-320.webp"):
    # (image, spec) stays unique as the house style asks, a srcset is a filter over the
    # prefetched rows of an image, and a regenerated file replaces one row in place.
    spec = models.CharField(_("spec"), max_length=50)
    file = models.FileField(_("file"), max_length=255)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))

    class Meta:
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(fields=["image", "spec"], name="unique_rendition_spec"),
        ]

    def __str__(self):
        return self.spec
