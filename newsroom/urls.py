from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.static import serve

from articles.sitemaps import SITEMAPS, NewsSitemap
from media import views as media_views

from . import views

handler404 = "newsroom.views.page_not_found"
handler500 = "newsroom.views.server_error"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("cms/upload-image/", media_views.ckeditor_upload, name="ckeditor_upload"),
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # An index of the section and article sitemaps (these paginate: 50,000 URLs at most
    # per file, says the protocol) and the Google News sitemap of the last 48 hours.
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        sitemap_views.sitemap,
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemap_news.xml"},
        name="sitemap_news",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("", include("articles.urls")),
    path("tac-gia/", include("authors.urls")),
    path("", include("sections.urls")),
]

if settings.DEBUG:
    # In production the web server or object storage serves uploads.
    urlpatterns.insert(
        0, re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
