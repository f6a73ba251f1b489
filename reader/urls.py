"""The public site's URLs (DESIGN.md, "Public URLs").

URL names are those the models reverse in get_absolute_url: "articles:detail",
"articles:tag", "sections:detail", "authors:detail"; the feeds keep theirs in the
"articles" namespace, the home, search, robots and sitemap names have none.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from . import feeds, sitemaps, views
from .cache import with_keys
from .sitemaps import NewsSitemap

article_urls = (
    [
        # /<slug>-<id>.html; the slug may be missing or wrong: the view redirects.
        re_path(
            r"^(?:(?P<slug>[A-Za-z0-9-]*)-)?(?P<pk>[0-9]{1,18})\.html$",
            views.article,
            name="detail",
        ),
        path("tag/<slug:slug>/", views.tag, name="tag"),
        path("rss/home.rss", feeds.HomeFeed(), name="feed_home"),
        path("rss/<slug:slug>.rss", feeds.SectionFeed(), name="feed_section"),
    ],
    "articles",
)

author_urls = ([path("<slug:slug>/", views.author, name="detail")], "authors")

section_urls = (
    [
        path("<slug:slug>/", views.section, name="detail"),
        path("<slug:parent>/<slug:slug>/", views.section, name="child"),
    ],
    "sections",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # An index of the section and article sitemaps (these paginate: 50,000 URLs at most
    # per file, says the protocol) and the Google News sitemap of the last 48 hours.
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path(
        "sitemap-news.xml",
        with_keys("sitemaps")(sitemap_views.sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "reader/sitemap_news.xml"},
        name="sitemap_news",
    ),
    path("sitemap-<section>.xml", sitemaps.section_file, name="sitemap_section"),
    path("", include(article_urls)),
    path("tac-gia/", include(author_urls)),
    # Last: a section slug is any first path segment the patterns above did not take.
    path("", include(section_urls)),
]
