from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag as TaggitTag

from media.admin import thumbnail

from .forms import ArticleAdminForm
from .models import Article, ArticleAuthor, RelatedArticle, Tag

# Newsroom uses its own tag model (articles.Tag); taggit's default one stays empty.
admin.site.unregister(TaggitTag)


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 0
    min_num = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "from_article"
    extra = 0
    autocomplete_fields = ["to_article"]
    fields = ["to_article", "position"]
    verbose_name = _("related article (editor's pick)")
    verbose_name_plural = _("related articles (editor's picks)")


STATUS_COLOURS = {
    Article.Status.DRAFT: "#6c757d",
    Article.Status.PENDING: "#d98c00",
    Article.Status.RETURNED: "#c0392b",
    Article.Status.PUBLISHED: "#1e8449",
    Article.Status.WITHDRAWN: "#555",
}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "preview",
        "title",
        "section",
        "status_badge",
        "published_at",
        "is_featured",
        "byline",
        "updated_at",
    ]
    list_display_links = ["preview", "title"]
    list_filter = [
        "status",
        "is_featured",
        "section",
        "authors",
        ("published_at", admin.DateFieldListFilter),
    ]
    search_fields = ["title", "sapo", "slug"]
    date_hierarchy = "published_at"
    list_select_related = ["section", "cover_image"]
    list_per_page = 50
    autocomplete_fields = ["section", "cover_image"]
    readonly_fields = [
        "cover_preview",
        "source_url",
        "created_by",
        "created_at",
        "updated_at",
        "version",
    ]
    inlines = [ArticleAuthorInline, RelatedArticleInline]
    fieldsets = [
        (None, {"fields": ["title", "sapo", "body"]}),
        (_("Cover"), {"fields": ["cover_image", "cover_preview", "cover_caption"]}),
        (
            _("Classification"),
            {"fields": ["section", "tags", "is_featured"]},
        ),
        (_("Publishing"), {"fields": ["status", "published_at"]}),
        (
            _("Address and SEO"),
            {"classes": ["collapse"], "fields": ["slug", "seo_title", "seo_description"]},
        ),
        (
            _("Details"),
            {
                "classes": ["collapse"],
                "fields": ["source_url", "created_by", "created_at", "updated_at", "version"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("article_authors__author")

    @admin.display(description=_("cover"))
    def preview(self, obj):
        return thumbnail(obj.cover_image, size=72)

    @admin.display(description=_("cover preview"))
    def cover_preview(self, obj):
        return thumbnail(obj.cover_image, size=320)

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span style="background:{};color:#fff;padding:2px 8px;border-radius:10px;'
            'white-space:nowrap">{}</span>',
            STATUS_COLOURS.get(obj.status, "#555"),
            obj.get_status_display(),
        )

    @admin.display(description=_("byline"))
    def byline(self, obj):
        return ", ".join(author.byline or author.name for author in obj.ordered_authors)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_articles"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count
