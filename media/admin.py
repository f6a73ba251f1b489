from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import renditions, tasks, usage
from .forms import ImageAdminForm
from .models import Image
from .widgets import ImagePickerWidget


def thumbnail(image, size=80):
    """Small preview of an Image for admin lists and forms (a rendition when there is one).

    Reads image.renditions.all(): lists prefetch "renditions" (or "cover_image__renditions").
    """
    if not image or not image.file:
        return "—"
    return render_to_string(
        "admin/media/image/thumbnail.html",
        {"url": renditions.url_for(image, "thumb" if size <= 160 else "card"), "size": size},
    )


class ImagePickerMixin:
    """ModelAdmin mixin: every ForeignKey to Image is chosen with ImagePickerWidget."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Image and "widget" not in kwargs:
            kwargs["widget"] = ImagePickerWidget(
                db_field.remote_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageAdminForm
    list_display = ["preview", "title", "credit", "dimensions", "uploaded_by", "created_at"]
    list_display_links = ["preview", "title"]
    list_filter = [("created_at", admin.DateFieldListFilter)]
    search_fields = ["title", "caption", "credit", "alt_text"]
    date_hierarchy = "created_at"
    list_select_related = ["uploaded_by"]
    readonly_fields = [
        "focal_picker",
        "dimensions",
        "used_in",
        "rendition_files",
        "uploaded_by",
        "created_at",
    ]
    fields = [
        "file",
        "focal_picker",
        ("focal_x", "focal_y"),
        "title",
        "caption",
        "credit",
        "alt_text",
        "dimensions",
        "used_in",
        "rendition_files",
        "uploaded_by",
        "created_at",
    ]
    actions = ["remake_renditions"]

    class Media:
        js = ["js/focal-point.js"]
        css = {"all": ["css/admin-media.css"]}

    def get_queryset(self, request):
        # The list's thumbnails and the change page read the renditions.
        return super().get_queryset(request).prefetch_related("renditions")

    def get_urls(self):
        preview = path(
            "picker-preview/",
            self.admin_site.admin_view(self.picker_preview),
            name="media_image_picker_preview",
        )
        return [preview, *super().get_urls()]  # before "<path:object_id>/", which matches it

    def picker_preview(self, request):
        """JSON for ImagePickerWidget: thumbnail and title of the image ?id=."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        pk = request.GET.get("id", "")
        image = self.get_queryset(request).filter(pk=pk).first() if pk.isdigit() else None
        if image is None:
            raise Http404
        return JsonResponse({"thumbnail": renditions.url_for(image, "thumb"), "title": image.title})

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj)

    @admin.display(description=_("preview"))
    def focal_picker(self, obj):
        # The whole picture (the "article" rendition keeps its shape), where a click sets
        # the focal point; on the add page the script shows the chosen file instead.
        return render_to_string(
            "admin/media/image/focal_picker.html",
            {
                "src": renditions.url_for(obj, "article") if obj.pk else "",
                "ratios": (16 / 9, 1200 / 630),
            },
        )

    @admin.display(description=_("size (px)"))
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"

    @admin.display(description=_("used in"))
    def used_in(self, obj):
        # Change page only: a search through article bodies, never one per list row.
        if not obj.pk:
            return "—"
        return render_to_string("admin/media/image/used_in.html", {"uses": usage.uses_of(obj)})

    @admin.display(description=_("renditions"))
    def rendition_files(self, obj):
        files = sorted(obj.renditions.all(), key=lambda r: r.spec) if obj.pk else []
        if not files:
            return "—"
        return render_to_string("admin/media/image/rendition_files.html", {"files": files})

    @admin.action(description=_("Make the renditions of the selected images again"))
    def remake_renditions(self, request, queryset):
        count = 0
        for image in queryset:
            tasks.schedule_renditions(image, force=True)
            count += 1
        self.message_user(
            request,
            _("The renditions of %(count)d images will be made again in the background.")
            % {"count": count},
            messages.SUCCESS,
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
