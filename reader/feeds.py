"""RSS feeds: /rss/home.rss (the newest articles) and /rss/<section>.rss."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from articles import selectors
from core.text import clean_text
from sections.selectors import section_by_slug

from . import cache as page_cache
from . import keys
from .seo import absolute_url

ITEMS = 30


def text(value):
    """Stored text as XML may carry it: rows written before text was cleaned on save, or
    by SQL, may still hold control characters, which make Django's feed writer fail."""
    return clean_text(str(value or ""))


def as_html(value):
    """Plain text for an element feed readers render as HTML (<description>): escaped,
    so a sapo reading "<script>" shows those characters and runs nothing."""
    return escape(text(value))


class NewsFeed(Feed):
    """What both feeds share: items, their texts, authors and dates."""

    feed_type = Rss201rev2Feed
    language = "vi"

    def __call__(self, request, *args, **kwargs):
        page_cache.add_keys(request, "feeds")
        return super().__call__(request, *args, **kwargs)

    def item_title(self, article):
        return text(article.title)

    def item_description(self, article):
        return as_html(article.tagged_sapo)

    def item_link(self, article):
        return absolute_url(article.get_absolute_url())

    def item_guid(self, article):
        return absolute_url(article.get_absolute_url())

    item_guid_is_permalink = True

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.revised_at

    def item_author_name(self, article):
        return text(", ".join(a.byline or a.name for a in article.ordered_authors)) or None

    def item_categories(self, article):
        return [text(article.section.name)]

    def _items(self, queryset):
        # Feeds show no image: drop the covers' prefetch, add the bylines'.
        queryset = selectors.with_authors(queryset.prefetch_related(None))
        return list(queryset.defer("body")[:ITEMS])


class HomeFeed(NewsFeed):
    def title(self):
        return text(settings.SITE_NAME)

    def link(self):
        return absolute_url(reverse("home"))

    def description(self):
        return _("Latest news, updated all day.")

    def items(self):
        return self._items(selectors.public_articles())


class SectionFeed(NewsFeed):
    def get_object(self, request, slug):
        section = section_by_slug(slug=slug)
        if section is None:
            raise Http404
        page_cache.add_keys(request, keys.section_key(section.pk))
        return section

    def title(self, section):
        return text(f"{section.name} | {settings.SITE_NAME}")

    def link(self, section):
        return absolute_url(section.get_absolute_url())

    def description(self, section):
        return as_html(section.description or section.name)

    def items(self, section):
        return self._items(selectors.section_articles(section=section))
