from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.reversing import quick_reverse
from core.text import NormalizedTextMixin, unique_slug, vi_collate


class Author(NormalizedTextMixin, models.Model):
    name = models.CharField(_("display name"), max_length=150)
    byline = models.CharField(
        _("byline"), max_length=60, help_text=_('Short form printed under articles, e.g. "B.D".')
    )
    slug = models.SlugField(_("slug"), max_length=255, unique=True, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "media.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )

    class Meta:
        ordering = [vi_collate("name")]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return f"{self.name} ({self.byline})" if self.byline else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Author, self.name, instance_pk=self.pk, fallback="tac-gia")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return quick_reverse("authors:detail", slug=self.slug)
