from django.contrib import admin

from .models import Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "slug", "position", "is_active", "show_on_home"]
    list_editable = ["position", "is_active", "show_on_home"]
    list_filter = ["is_active", "show_on_home", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "description"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {}
    fields = ["name", "slug", "parent", "description", "position", "is_active", "show_on_home"]
