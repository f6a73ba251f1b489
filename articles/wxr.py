"""WordPress export (WXR 1.2) import: posts become articles through the archive importer.

Read as a stream twice (never held): a first pass collects what posts refer to (the
authors' display names, the category tree, the attachments' files); the second turns
each post into an ArticleRecord. Pages, attachments, menus and trashed posts are not
articles. Categories become sections (a child category under its parent; sections are
two levels deep, so deeper categories join their second-level ancestor), tags tags,
the author's display name the byline, the featured image and the body's inline images
library images (by the sha256 of their bytes, files read from --uploads), publish dates
are taken from post_date_gmt, else post_date in the site's time zone; drafts, pending
and private posts become drafts; `<!--more-->` and Gutenberg's block comments go; the
post's permalink is its source_url, so the old address answers 301 (reader.legacy).
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.text import clean_text
from media import renditions

from .importer import (
    MAX_BYLINE,
    MAX_SECTION,
    MAX_TAG,
    MAX_TITLE,
    ArticleRecord,
    LineError,
    check_body,
    check_source_url,
)
from .models import Article

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
WP = "{" + NS["wp"] + "}"
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # scheduled: published with a time to come
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.DRAFT,
    "private": Article.Status.DRAFT,
    "auto-draft": None,
    "trash": None,
    "inherit": None,
}
SAPO_CHARS = 300

# <!--more-->, <!--nextpage--> and Gutenberg's <!-- wp:paragraph {...} --> / <!-- /wp:... -->
WP_COMMENTS = re.compile(r"<!--\s*(?:more\b[^>]*|nextpage|/?wp:[^>]*?)\s*-->", re.IGNORECASE)
MORE = re.compile(r"<!--\s*more\b[^>]*-->", re.IGNORECASE)
BLOCK_TAG = re.compile(r"<(?:p|div|h[1-6]|ul|ol|table|figure|blockquote|pre)\b", re.IGNORECASE)
IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
SRC = re.compile(r"""\ssrc\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
SRCSET = re.compile(r"""\s(?:srcset|sizes)\s*=\s*(["']).*?\1""", re.IGNORECASE | re.DOTALL)
# WordPress's resized copies: anh-300x200.jpg is a copy of anh.jpg.
RESIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")


@dataclass
class Site:
    """What the posts of an export refer to (collected by the first pass)."""

    authors: dict = field(default_factory=dict)  # login -> display name
    categories: dict = field(default_factory=dict)  # nicename -> (name, parent nicename)
    attachments: dict = field(default_factory=dict)  # post id -> file path under uploads
    files: dict = field(default_factory=dict)  # attachment URL (and its path) -> file path


@dataclass
class Post:
    """One <item> of type post, as a record, with the files of its images."""

    record: ArticleRecord | None  # None: not an article (a page, a trashed post...)
    kind: str = ""
    inline: list = field(default_factory=list)  # (src, Path) of the body's images


def _elements(path):
    """(tag, element) at the end of each element; what is done with is dropped from the
    tree at once, so memory stays flat however long the export is."""
    channel = None
    for event, element in ET.iterparse(path, events=("start", "end")):
        if event == "start":
            if element.tag == "channel":
                channel = element
            continue
        yield element.tag, element
        if channel is not None and element.tag in (f"{WP}author", f"{WP}category", "item"):
            channel.clear()  # the channel's children read so far, this one included


def items(path):
    """Each <item> element of the export."""
    for tag, element in _elements(path):
        if tag == "item":
            yield element


def read_site(path):
    """The first pass: authors, categories and attachments of the export at path."""
    site = Site()
    for tag, element in _elements(path):
        if tag == f"{WP}author":
            login = _child(element, "wp:author_login")
            site.authors[login] = _child(element, "wp:author_display_name") or login
        elif tag == f"{WP}category":
            nicename = _child(element, "wp:category_nicename")
            site.categories[nicename] = (
                _child(element, "wp:cat_name") or nicename,
                _child(element, "wp:category_parent") or None,
            )
        elif tag == "item" and _child(element, "wp:post_type") == "attachment":
            url = _child(element, "wp:attachment_url")
            relative = _meta(element, "_wp_attached_file") or uploads_path(url)
            if relative:
                site.attachments[_child(element, "wp:post_id")] = relative
                site.files[url] = relative
    return site


def uploads_path(url):
    """The path of an uploaded file below wp-content/uploads/, from its URL ("" if none)."""
    path = unquote(urlsplit(url or "").path)
    marker = "/uploads/"
    return path.split(marker, 1)[1] if marker in path else ""


def parse_item(item, site, *, uploads, tz, number):
    """The Post of one <item>; LineError for a post that cannot be imported."""
    kind = _child(item, "wp:post_type")
    if kind != "post":
        return Post(None, kind=kind)
    status = STATUSES.get(_child(item, "wp:status"), Article.Status.DRAFT)
    if status is None:
        return Post(None, kind="trash")
    title = _clean(_child(item, "title"))
    if not title:
        raise LineError(_("missing or empty title"))
    if len(title) > MAX_TITLE:
        title = Truncator(title).chars(MAX_TITLE)
    raw = _child(item, "content:encoded")
    body = wp_body(raw)
    check_body(body)
    sapo = _clean(strip_tags(_child(item, "excerpt:encoded"))) or teaser(raw)
    section, parent = section_of(item, site)
    tags = []
    for category in item.findall("category"):
        if category.get("domain") == "post_tag":
            name = _clean(category.text)[:MAX_TAG]
            if name and name not in tags:
                tags.append(name)
    login = _child(item, "dc:creator")
    byline = _clean(site.authors.get(login, login))[:MAX_BYLINE]
    # A draft has no publication time yet (WordPress gives it the time it was written).
    published_at = post_time(item, tz) if status == Article.Status.PUBLISHED else None
    if status == Article.Status.PUBLISHED and published_at is None:
        raise LineError(_("published_at is required for a published article"))
    thumbnail = site.attachments.get(_meta(item, "_thumbnail_id"))
    record = ArticleRecord(
        title=title,
        section=section,
        section_parent=parent,
        sapo=sapo,
        body_html=body,
        tags=tags,
        authors=[byline] if byline else [],
        published_at=published_at,
        status=status,
        source_url=check_source_url(_clean(_child(item, "link"))),
        image=uploads / thumbnail if thumbnail else None,
        line=number,
    )
    inline = []
    for tag in IMG.findall(body):
        match = SRC.search(tag)
        src = match.group(2) if match else ""
        file = inline_file(src, site, uploads)
        if file is not None:
            inline.append((src, file))
    return Post(record, kind=kind, inline=inline)


def wp_body(raw):
    """The post's HTML without WordPress's comments; classic-editor text (paragraphs
    separated by blank lines, no block tags) made into paragraphs, as WordPress shows it."""
    html = WP_COMMENTS.sub("", raw or "").strip()
    if html and not BLOCK_TAG.search(html):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", html) if p.strip()]
        html = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return html


def teaser(raw):
    """A sapo for a post without an excerpt: the text before <!--more-->, else the first
    paragraph, as plain text."""
    raw = raw or ""
    head = MORE.split(raw, 1)[0] if MORE.search(raw) else wp_body(raw).split("</p>", 1)[0]
    text = _clean(" ".join(strip_tags(WP_COMMENTS.sub("", head)).split()))
    return Truncator(text).chars(SAPO_CHARS)


def section_of(item, site):
    """(section name, parent name or None) of the post's most specific category."""
    best, depth = None, -1
    for category in item.findall("category"):
        if category.get("domain") != "category":
            continue
        nicename = category.get("nicename") or ""
        chain = ancestry(nicename, site)
        if len(chain) > depth:
            best, depth = chain, len(chain)
    if not best:
        return _("Uncategorized"), None
    names = [site.categories.get(n, (n, None))[0] for n in best]
    names = [_clean(name)[:MAX_SECTION] for name in names]
    if len(names) == 1:
        return names[0], None
    return names[1], names[0]  # two levels: a deeper category joins its second-level one


def ancestry(nicename, site):
    """nicename's chain of categories from the root (cycles cut)."""
    chain = []
    while nicename and nicename not in chain:
        chain.insert(0, nicename)
        nicename = site.categories.get(nicename, ("", None))[1]
    return chain


def post_time(item, tz):
    """The post's publication time: post_date_gmt, else post_date in tz; None if unset."""
    gmt = _child(item, "wp:post_date_gmt")
    local = _child(item, "wp:post_date")
    for value, zone in ((gmt, UTC), (local, tz)):
        if value and not value.startswith("0000"):
            try:
                return datetime.fromisoformat(value.replace(" ", "T")).replace(tzinfo=zone)
            except ValueError:
                continue
    return None


def inline_file(src, site, uploads):
    """The local file of a body image's src (an attachment, or a resized copy of one)."""
    relative = site.files.get(src) or uploads_path(src)
    if not relative:
        return None
    for candidate in (relative, RESIZED.sub("", relative)):
        path = uploads / candidate
        if path.is_file():
            return path
    return None


def rewrite_images(body, replacements):
    """body with each replaced <img>'s src pointing at the library (srcset dropped)."""

    def replace(match):
        tag = match.group(0)
        src = SRC.search(tag)
        if not src or src.group(2) not in replacements:
            return tag
        tag = SRCSET.sub("", tag)
        return SRC.sub(f' src="{replacements[src.group(2)]}"', tag, count=1)

    return IMG.sub(replace, body)


def library_url(image):
    """The address a body shows a library image at: its "article" rendition (made by a
    worker; the name is known before), else the original."""
    name = renditions.planned_name(image, "article") if image.file else None
    storage = image._meta.get_field("file").storage
    return storage.url(name) if name else (image.file.url if image.file else "")


def zone(name):
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError) as exc:
        raise LineError(_("unknown time zone %(name)s") % {"name": name}) from exc


def _child(element, name):
    prefix, _sep, local = name.rpartition(":")
    tag = f"{{{NS[prefix]}}}{local}" if prefix else local
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _meta(item, key):
    for meta in item.findall(f"{WP}postmeta"):
        if _child(meta, "wp:meta_key") == key:
            return _child(meta, "wp:meta_value")
    return ""


def _clean(value):
    return clean_text(value or "").strip()
