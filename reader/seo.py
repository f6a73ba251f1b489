"""What search engines and link previews read: titles, descriptions, canonical and
OpenGraph data for every page (the paper's share image when a page has no picture), the
JSON-LD NewsArticle of the article page (with the publisher's logo) and the
BreadcrumbList of article and section pages."""

import json
from dataclasses import dataclass

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.html import html_to_text
from core.site import site_url
from media.renditions import url_for

DESCRIPTION_CHARS = 300
HEADLINE_CHARS = 110  # what Google reads of a NewsArticle headline
# The paper's share picture for pages without one (the size link previews expect) and
# its logo for structured data (Google: at most 600x60).
SHARE_IMAGE = ("img/og-default.png", 1200, 630)
PUBLISHER_LOGO = ("img/publisher-logo.png", 600, 60)


def share_image_url():
    """Absolute URL of the site-wide share picture."""
    return absolute_url(static(SHARE_IMAGE[0]))


def absolute_url(url):
    """url on the public site (core.site.site_url: SITE_URL, or in development the
    request's host); absolute URLs (e.g. object storage) unchanged."""
    if not url or url.startswith(("http://", "https://", "//")):
        return url or ""
    return site_url() + url


def local_iso(value):
    """A datetime in the site's time zone, ISO 8601: 2026-11-26T10:30:00+07:00."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def describe(text):
    """A meta description from a sapo or a bio: plain text, at most 300 characters."""
    return Truncator(html_to_text(text)).chars(DESCRIPTION_CHARS)


@dataclass
class PageMeta:
    """<title>, description, canonical and OpenGraph/Twitter data of one page."""

    title: str
    description: str = ""
    path: str | None = "/"
    image: object = None  # a media.Image; base.html renders {% image_url img "og" %}
    headline: str = ""  # og:title when it differs from <title> (articles)
    type: str = "website"
    noindex: bool = False

    @property
    def canonical(self):
        """The page's address, or "" for pages that have none (an error page)."""
        return absolute_url(self.path) if self.path else ""

    @property
    def og_title(self):
        return self.headline or self.title

    @property
    def share_image(self):
        """(url, width, height) of the paper's picture, for pages without their own."""
        return (share_image_url(), *SHARE_IMAGE[1:])


def page_title(*parts):
    """ "Part | Part | Site name"."""
    return " | ".join([str(p) for p in parts if p] + [settings.SITE_NAME])


def json_for_script(data):
    """JSON to put inside <script>: "<", ">" and "&" escaped so "</script>" cannot occur."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # U+2028/2029 are valid in JSON but end a line in old JavaScript parsers.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return mark_safe(text)


def article_json_ld(article, *, authors, tags, url=None):
    """The schema.org NewsArticle of an article page, ready for a <script> element (url:
    the page's path when it is not the article's own, as for an unsaved preview)."""
    canonical = absolute_url(url or article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "headline": Truncator(article.title).chars(HEADLINE_CHARS),
        "description": describe(article.seo_description or article.tagged_sapo),
        "inLanguage": "vi",
        "datePublished": local_iso(article.published_at),
        "dateModified": local_iso(article.revised_at or article.published_at),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": absolute_url(author.get_absolute_url()),
            }
            for author in authors
        ],
        "publisher": publisher(),
        "articleSection": article.section.name,
    }
    if article.cover_image:
        data["image"] = [absolute_url(url_for(article.cover_image, "og"))]
    else:
        data["image"] = [share_image_url()]
    if tags:
        data["keywords"] = [tag.name for tag in tags]
    return json_for_script({k: v for k, v in data.items() if v is not None})


def publisher():
    """The paper as schema.org knows it, with the logo Google requires for Top Stories."""
    path, width, height = PUBLISHER_LOGO
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": absolute_url("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(static(path)),
            "width": width,
            "height": height,
        },
    }


def trail(section, article=None):
    """[(name, path)] from the home page to section (through its parent) and article."""
    steps = [(_("Home"), reverse("home"))]
    if section.parent_id:
        steps.append((section.parent.name, section.parent.get_absolute_url()))
    steps.append((section.name, section.get_absolute_url()))
    if article is not None and article.pk:
        steps.append((article.title, article.get_absolute_url()))
    return steps


def breadcrumb_json_ld(steps):
    """The schema.org BreadcrumbList of a trail(), ready for a <script> element."""
    return json_for_script(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": n, "name": name, "item": absolute_url(path)}
                for n, (name, path) in enumerate(steps, start=1)
            ],
        }
    )
