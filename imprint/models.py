"""The paper's imprint: what the law asks a licensed e-newspaper to print on every page
(governing body, licence, editor in chief, contacts, reprint notice). One row, edited by
an administrator; public pages read it through imprint.selectors (cached)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.text import NormalizedTextMixin

SINGLETON_PK = 1


class SiteSettings(NormalizedTextMixin, models.Model):
    governing_body = models.CharField(_("governing body"), max_length=200, blank=True)
    licence_number = models.CharField(_("licence number"), max_length=100, blank=True)
    licence_issuer = models.CharField(_("licence issued by"), max_length=200, blank=True)
    licence_date = models.DateField(_("licence date"), null=True, blank=True)
    editor_in_chief = models.CharField(_("editor in chief"), max_length=120, blank=True)
    deputy_editors = models.CharField(
        _("deputy editors in chief"),
        max_length=300,
        blank=True,
        help_text=_("Names separated by commas."),
    )
    address = models.CharField(pgettext_lazy("postal", "address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    reprint_notice = models.CharField(
        _("reprint notice"),
        max_length=300,
        blank=True,
        default=_("News may be republished only with the publisher's written consent."),
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.pk = SINGLETON_PK  # one row, whoever saves it
        super().save(*args, **kwargs)
