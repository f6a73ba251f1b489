"""Sitemaps: sections and articles for every crawler, the last 48 hours for Google News."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from articles.models import Article
from core.site import site_url
from sections.models import Section

from . import cache as page_cache
from .seo import absolute_url

# A century of monthly files: more is a malformed URL.
MAX_MONTHS = 1200


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
    """The articles of one calendar month (site time) per file: ``?p=1`` is this month,
    ``?p=2`` the one before, and so on back to the first article. Each file is one range
    of the publication-time index, as long as a month of news, whatever the archive's
    size; the index lists the months without counting anything."""

    limit = 50000

    def __init__(self, months_back=1):
        self.months_back = months_back

    def month(self):
        return month_range(self.months_back)

    def items(self):
        start, end = self.month()
        return (
            Article.objects.published()
            .filter(published_at__gte=start, published_at__lt=end)
            .only("pk", "slug", "published_at", "revised_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return article.revised_at or article.published_at

    def get_latest_lastmod(self):
        return None


def month_range(months_back, now=None):
    """[start, end) of the calendar month months_back - 1 months before this one."""
    now = timezone.localtime(now)
    index = now.year * 12 + now.month - 1 - (months_back - 1)
    start = now.replace(
        year=index // 12, month=index % 12 + 1, day=1, hour=0, minute=0, second=0, microsecond=0
    )
    after = index + 1
    end = start.replace(year=after // 12, month=after % 12 + 1)
    return start, end


def article_months(now=None):
    """How many monthly article files there are: this month back to the first article's."""
    first = (
        Article.objects.published()
        .order_by("published_at", "id")
        .values_list("published_at", flat=True)
        .first()
    )
    if first is None:
        return 1
    now, first = timezone.localtime(now), timezone.localtime(first)
    return max(1, (now.year - first.year) * 12 + now.month - first.month + 1)


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


INDEX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
)


@page_cache.with_keys("sitemaps")
def index(request):
    """/sitemap.xml: the sections file and one file per month of articles (Django's
    sitemap_index.xml, written directly: a decade is 120 entries, and the template's
    loop would make the index cost grow with the archive's age)."""
    articles = escape(absolute_url(reverse("sitemap_section", args=["articles"])))
    sections = escape(absolute_url(reverse("sitemap_section", args=["sections"])))
    months = min(article_months(), MAX_MONTHS)
    entries = "".join(
        [
            f"<sitemap><loc>{sections}</loc></sitemap><sitemap><loc>{articles}</loc></sitemap>",
            *(f"<sitemap><loc>{articles}?p={n}</loc></sitemap>" for n in range(2, months + 1)),
        ]
    )
    return HttpResponse(f"{INDEX_HEAD}{entries}\n</sitemapindex>\n", content_type="application/xml")


@page_cache.with_keys("sitemaps")
def section_file(request, section):
    """/sitemap-sections.xml and /sitemap-articles.xml?p=N (N months back)."""
    if section == "sections":
        return sitemap_views.sitemap(request, {"sections": SectionSitemap}, section="sections")
    if section != "articles":
        raise Http404
    raw = request.GET.get("p", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_MONTHS or int(raw) > article_months():
        raise Http404
    # Django's view pages with ?p= itself; each month is one page of up to 50,000 URLs.
    request.GET = request.GET.copy()
    request.GET["p"] = "1"
    return sitemap_views.sitemap(
        request, {"articles": ArticleSitemap(int(raw))}, section="articles"
    )
