"""Sitemaps: sections and articles for every crawler, the last 48 hours for Google News."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import Article
from core.site import site_url
from sections.models import Section


class SiteSitemap(Sitemap):
    """Locations on the site's address (core.site, like canonical links and feeds)."""

    def get_protocol(self, protocol=None):
        return site_url().split("://", 1)[0]

    def get_domain(self, site=None):
        return site_url().split("://", 1)[1]


class SectionSitemap(SiteSitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return Section.objects.filter(is_active=True).select_related("parent").order_by("pk")


class ArticleSitemap(SiteSitemap):
    # Below the protocol's 50,000 so that one file stays quick to build.
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .only("pk", "slug", "published_at", "revised_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return article.revised_at or article.published_at

    def get_latest_lastmod(self):
        # Django's default walks every item; one aggregate does the same.
        latest = self.items().aggregate(latest=Max(Coalesce("revised_at", "published_at")))
        return latest["latest"]


class NewsSitemap(SiteSitemap):
    """Google News: articles published in the last 48 hours, at most 1,000 (its limits)."""

    limit = 1000

    def items(self):
        since = timezone.now() - timedelta(hours=48)
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .only("pk", "slug", "title", "published_at", "revised_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return article.revised_at or article.published_at


SITEMAPS = {"sections": SectionSitemap, "articles": ArticleSitemap}
