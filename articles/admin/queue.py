"""Chờ duyệt: the editors' review queue, oldest first."""

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .. import permissions
from ..models import Article, PendingArticle
from ..people import display_name


@admin.register(PendingArticle)
class ReviewQueueAdmin(admin.ModelAdmin):
    """What waits for an editor, oldest first; each row opens the article's form."""

    list_display = ["open_link", "section", "creator", "submitted_at"]
    list_filter = ["section"]
    search_fields = ["title", "sapo"]
    list_select_related = ["section", "created_by"]
    actions = None

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.filter(status=Article.Status.PENDING).order_by("updated_at")

    def has_module_permission(self, request):
        return permissions.is_editor(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.is_editor(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("title"))
    def open_link(self, obj):
        return render_to_string("admin/articles/article/open_link.html", {"article": obj})

    @admin.display(description=gettext_lazy("created by"), ordering="created_by")
    def creator(self, obj):
        return display_name(obj.created_by) or "—"

    @admin.display(description=gettext_lazy("submitted at"), ordering="updated_at")
    def submitted_at(self, obj):
        return timezone.localtime(obj.updated_at).strftime("%H:%M %d/%m/%Y")
