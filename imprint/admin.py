"""Site settings in the admin: one page, no list, nothing to add or delete."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from .models import SINGLETON_PK, SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["governing_body", "editor_in_chief", "deputy_editors"]}),
        (None, {"fields": ["licence_number", "licence_issuer", "licence_date"]}),
        (None, {"fields": ["address", "phone", "email", "reprint_notice"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # The "list" is the one row: open it (created on first visit).
        SiteSettings.objects.get_or_create(pk=SINGLETON_PK)
        return redirect(reverse("admin:imprint_sitesettings_change", args=[SINGLETON_PK]))
