from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.reversing import quick_reverse
from core.text import NormalizedTextMixin, unique_slug, vi_collate

# First path segments the site already uses: a section may not take them.
RESERVED_SLUGS = {
    "admin",
    "cms",
    "home",  # /rss/home.rss is the home feed
    "media",
    "static",
    "rss",
    "tag",
    "tac-gia",
    "tim-kiem",
    "xem-truoc",
    "sitemap-xml",
    "sitemap-news-xml",
    "robots-txt",
}


class Section(NormalizedTextMixin, models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_("Left empty, it is made from the name."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("menu position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    show_on_home = models.BooleanField(_("shown on home page"), default=True)

    class Meta:
        ordering = ["position", vi_collate("name")]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="section_not_own_parent"),
        ]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def save(self, *args, **kwargs):
        if not self.slug or self.slug in RESERVED_SLUGS:
            self.slug = unique_slug(
                Section,
                self.name,
                instance_pk=self.pk,
                fallback="chuyen-muc",
                reserved=RESERVED_SLUGS,
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.parent_id:
            return quick_reverse("sections:child", parent=self.parent.slug, slug=self.slug)
        return quick_reverse("sections:detail", slug=self.slug)

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is reserved by the site.")})
        if self.parent_id:
            if self.pk and self.parent_id == self.pk:
                raise ValidationError({"parent": _("A section cannot be its own parent.")})
            if self.parent.parent_id:
                raise ValidationError({"parent": _("Sections are at most two levels deep.")})
