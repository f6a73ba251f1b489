"""Reads for public pages: everything starts from Article.objects.published()."""

from django.db.models import Prefetch

from .models import Article, ArticleAuthor


def public_articles():
    """Published articles with what list templates show, without N+1 queries."""
    return (
        Article.objects.published()
        .select_related("section", "section__parent", "cover_image")
        .prefetch_related(
            Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author"))
        )
        .order_by("-published_at", "-id")
    )


def latest_articles(*, limit):
    """The newest published articles."""
    return list(public_articles()[:limit])


def article_for_page(*, pk):
    """A published article with its section, cover, authors and tags, or None."""
    return public_articles().prefetch_related("tags").filter(pk=pk).first()


def section_articles(*, section):
    """Published articles of a section and its child sections."""
    return public_articles().filter(section__in=[section, *section.children.all()])
