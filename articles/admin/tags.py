"""Keywords (Từ khóa): names, slugs and how many articles use each."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy

from ..models import Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_articles"))

    @admin.display(description=gettext_lazy("number of articles"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count
