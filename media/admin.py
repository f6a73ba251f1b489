from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Image


def thumbnail(image, size=80):
    """Small preview of an Image for admin lists and forms."""
    if not image or not image.file:
        return "—"
    return format_html(
        '<img src="{}" alt="" style="width:{}px;height:auto;aspect-ratio:16/9;'
        'object-fit:cover;border-radius:3px" loading="lazy">',
        image.file.url,
        size,
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["preview", "title", "credit", "dimensions", "uploaded_by", "created_at"]
    list_display_links = ["preview", "title"]
    list_filter = [("created_at", admin.DateFieldListFilter)]
    search_fields = ["title", "caption", "credit", "alt_text"]
    date_hierarchy = "created_at"
    list_select_related = ["uploaded_by"]
    readonly_fields = ["preview_large", "dimensions", "uploaded_by", "created_at"]
    fields = [
        "file",
        "preview_large",
        "title",
        "caption",
        "credit",
        "alt_text",
        ("focal_x", "focal_y"),
        "dimensions",
        "uploaded_by",
        "created_at",
    ]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj)

    @admin.display(description=_("preview"))
    def preview_large(self, obj):
        return thumbnail(obj, size=480) if obj.pk else "—"

    @admin.display(description=_("size (px)"))
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
