"""What purges the page cache: every write that changes what readers see.

Writes collect surrogate keys during their transaction; one purge runs after the commit
(never before: a reader rendering in between would cache the old page again), on every
app server at once (the purge marks live in the shared cache), and at the CDN as a task.

- an article saved or deleted (publish, edit, schedule, unschedule, withdraw, restore,
  import): ``keys.keys_for_articles`` of it, with its previous section;
- its tags or authors changed: the tags and authors added or removed;
- a section saved (renamed, moved, hidden): every page (the menu is on every page);
- an author or a tag renamed: the pages carrying their key (their page, the articles
  that show the byline or the tag, feeds);
- an image changed (focal point, caption): the articles showing it and authors using it
  as a photo;
- Redis back after an outage during which writes were lost (core.cache): every page.
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from articles.models import Article, ArticleAuthor, Tag, TaggedArticle
from authors.models import Author
from core.cache import cache_recovered
from media.models import Image
from media.usage import body_marker
from sections.models import Section

from . import cache, keys

_pending = threading.local()


def purge_on_commit(*found):
    """Purge these keys once the current transaction commits (at once outside one)."""
    batch = getattr(_pending, "keys", None)
    if batch is None:
        batch = _pending.keys = set()
    batch.update(k for k in found if k)
    # Each write asks; the first callback after the commit purges the whole batch, the
    # others find it empty. (Keys of a rolled-back write join the next purge: a few
    # pages more, never fewer.)
    transaction.on_commit(_flush)


def _flush():
    batch = getattr(_pending, "keys", None)
    _pending.keys = None
    if not batch:
        return
    article_ids = {int(k[8:]) for k in batch if k.startswith("article-") and k[8:].isdigit()}
    cache.purge(batch | set(keys.keys_for_articles(article_ids)))
    cache.forget_next_scheduled()


def article_pre_save(sender, instance, **kwargs):
    if instance.pk:
        old = (
            Article.objects.filter(pk=instance.pk)
            .values_list("section_id", "section__parent_id", "is_featured")
            .first()
        )
        instance._purge_before = old


def article_changed(sender, instance, **kwargs):
    old = getattr(instance, "_purge_before", None)
    found = [keys.article_key(instance.pk), *keys.SITE_WIDE]
    if old:
        found += [keys.section_key(old[0]), keys.section_key(old[1])]
        if old[2]:
            found.append("featured")  # it leaves "Nên xem"
    purge_on_commit(*found)


def tagging_changed(sender, instance, **kwargs):
    purge_on_commit(keys.tag_key(instance.tag_id), keys.article_key(instance.content_object_id))


def byline_changed(sender, instance, **kwargs):
    purge_on_commit(keys.author_key(instance.author_id), keys.article_key(instance.article_id))


def section_changed(sender, instance, **kwargs):
    purge_on_commit("site", keys.section_key(instance.pk))


def author_changed(sender, instance, **kwargs):
    purge_on_commit(keys.author_key(instance.pk), "feeds")


def tag_changed(sender, instance, **kwargs):
    purge_on_commit(keys.tag_key(instance.pk))


def image_changed(sender, instance, **kwargs):
    if kwargs.get("created"):
        return
    shown = Article.objects.filter(cover_image=instance).values_list("pk", flat=True)
    found = [keys.article_key(pk) for pk in shown[:1000]]
    in_body = Article.objects.filter(body__contains=body_marker(instance))
    found += [keys.article_key(pk) for pk in in_body.values_list("pk", flat=True)[:1000]]
    photos = Author.objects.filter(photo=instance).values_list("pk", flat=True)
    found += [keys.author_key(pk) for pk in photos]
    purge_on_commit(*found)


def cache_came_back(sender, writes_lost=False, **kwargs):
    """Redis answered again after skipped writes (core.cache): some were purges, so no
    copy kept meanwhile can be trusted."""
    if writes_lost:
        cache.purge(["site"])


def connect():
    cache_recovered.connect(cache_came_back, dispatch_uid="page-cache-recovered")
    pre_save.connect(article_pre_save, sender=Article, dispatch_uid="page-cache-article-pre")
    for signal in (post_save, post_delete):
        signal.connect(article_changed, sender=Article, dispatch_uid=f"pc-article-{signal}")
        signal.connect(tagging_changed, sender=TaggedArticle, dispatch_uid=f"pc-tagged-{signal}")
        signal.connect(byline_changed, sender=ArticleAuthor, dispatch_uid=f"pc-byline-{signal}")
        signal.connect(section_changed, sender=Section, dispatch_uid=f"pc-section-{signal}")
        signal.connect(author_changed, sender=Author, dispatch_uid=f"pc-author-{signal}")
        signal.connect(tag_changed, sender=Tag, dispatch_uid=f"pc-tag-{signal}")
    post_save.connect(image_changed, sender=Image, dispatch_uid="pc-image")
