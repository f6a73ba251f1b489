from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from media.admin import ImagePickerMixin, thumbnail

from .models import Author


@admin.register(Author)
class AuthorAdmin(ImagePickerMixin, admin.ModelAdmin):
    list_display = ["preview", "name", "byline", "slug", "user"]
    list_display_links = ["preview", "name"]
    list_select_related = ["photo", "user"]
    search_fields = ["name", "byline", "slug", "bio"]
    autocomplete_fields = ["user"]
    fields = ["name", "byline", "slug", "bio", "photo", "user"]

    @admin.display(description=_("photo"))
    def preview(self, obj):
        return thumbnail(obj.photo, size=48)
