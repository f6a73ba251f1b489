"""Surrogate keys: the names of what a page shows, shared by the views and the purges.

``article-<id>`` (its page, and any page listing it), ``section-<id>``, ``tag-<id>``,
``author-<id>``, ``home``, ``featured`` (the "Nên xem" picks), ``feeds``, ``sitemaps``,
``search``. A change to an article purges ``keys_for_articles`` of it: its page, its
sections (and their parents), tags and authors, and the site-wide lists.
"""

from datetime import UTC, datetime

from articles import selectors

SITE_WIDE = ("home", "feeds", "sitemaps", "search")


def article_key(pk):
    return f"article-{pk}" if pk else None


def section_key(pk):
    return f"section-{pk}" if pk else None


def tag_key(pk):
    return f"tag-{pk}" if pk else None


def author_key(pk):
    return f"author-{pk}" if pk else None


def keys_for_articles(ids):
    """Every key a change to these articles must purge (one query for their relations)."""
    ids = [pk for pk in ids if pk]
    if not ids:
        return []
    keys = set(SITE_WIDE)
    for row in selectors.purge_facts(ids):
        keys.add(article_key(row["pk"]))
        keys.update(section_key(pk) for pk in row["sections"])
        keys.update(tag_key(pk) for pk in row["tags"])
        keys.update(author_key(pk) for pk in row["authors"])
        if row["is_featured"]:
            keys.add("featured")
    return sorted(keys)


def keys_of_articles_published_between(since, until):
    """Keys of the articles whose publication time falls in (since, until] (timestamps)."""
    start = datetime.fromtimestamp(since, UTC)
    end = datetime.fromtimestamp(until, UTC)
    return keys_for_articles(selectors.ids_published_between(start, end))
