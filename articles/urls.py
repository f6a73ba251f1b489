from django.urls import path, re_path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    # /<slug>-<id>.html; the slug may be missing or wrong: the view redirects.
    re_path(
        r"^(?:(?P<slug>[A-Za-z0-9-]*)-)?(?P<pk>[0-9]{1,18})\.html$", views.detail, name="detail"
    ),
    path("tag/<slug:slug>/", views.tag, name="tag"),
    path("rss/home.rss", feeds.HomeFeed(), name="feed_home"),
    path("rss/<slug:slug>.rss", feeds.SectionFeed(), name="feed_section"),
]
