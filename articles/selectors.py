"""Reads for public pages: everything starts from Article.objects.published().

Pages pick *ids* with small queries first (the rules about what goes where live in
reader/blocks.py), then load every article they show with one query through
`fetch_for_lists`, so a page's query count does not grow with its blocks.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone

from authors.models import Author
from media.models import Image
from media.usage import Use, body_marker
from sections.models import Section
from sections.selectors import menu_sections, section_children

from .models import Article, ArticleAuthor, Tag

NEWEST = ("-published_at", "-id")

MOST_READ_CACHE_KEY = "articles:most-read:v1"
MOST_READ_CACHE_SECONDS = 300
MOST_READ_POOL = 20
MOST_READ_DAYS = 7


# What {% image %} and {% image_url %} read of a cover (media.templatetags.images): its
# renditions. The one place to change when the image tag needs more.
COVER_PREFETCH = ("cover_image__renditions",)


def _with_list_relations(qs: QuerySet, *, covers: bool = True) -> QuerySet:
    """What a list item or card renders: section (and its parent, for the URL) and cover."""
    qs = qs.select_related("section", "section__parent", "cover_image")
    return qs.prefetch_related(*COVER_PREFETCH) if covers else qs


def published_ids() -> QuerySet:
    """Ids-only base for selection queries (no joins, no ordering)."""
    return Article.objects.published().order_by()


def public_articles() -> QuerySet:
    """Published articles, newest first, with what list templates show."""
    return _with_list_relations(Article.objects.published()).order_by(*NEWEST)


def fetch_for_lists(ids: Iterable[int | None], *, covers: bool = True) -> dict[int, Article]:
    """{id: article} for the given ids (published only), loaded with one query (and one
    for the covers' renditions, unless covers=False: the caller prefetches them)."""
    ids = [pk for pk in ids if pk is not None]
    if not ids:
        return {}
    qs = _with_list_relations(Article.objects.published(), covers=covers)
    return {a.pk: a for a in qs.filter(pk__in=ids).defer("body")}


def pick(by_id: dict[int, Article], ids: Iterable[int]) -> list[Article]:
    """The articles of by_id in the order of ids, skipping ids that did not load."""
    return [by_id[pk] for pk in ids if pk in by_id]


def with_authors(qs: QuerySet) -> QuerySet:
    """qs with its authors in byline order (Article.ordered_authors), in one more query."""
    return qs.prefetch_related(
        Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author"))
    )


# Authors and tags of the article page: Prefetch objects so that they also work on an
# instance fetched elsewhere (the staff preview) through prefetch_related_objects().
ARTICLE_PAGE_PREFETCH = (
    Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
    "tags",
)


def article_for_page(*, pk: int) -> Article | None:
    """A published article with its section, cover, authors and tags, or None.

    Its cover's renditions are left to the page, which prefetches them together with
    those of every other article it shows.
    """
    return (
        _with_list_relations(Article.objects.published(), covers=False)
        .prefetch_related(*ARTICLE_PAGE_PREFETCH)
        .filter(pk=pk)
        .first()
    )


def is_withdrawn(*, pk: int) -> bool:
    """Whether pk is an article that was published and then withdrawn (410, not 404)."""
    return Article.objects.filter(pk=pk, status=Article.Status.WITHDRAWN).exists()


def _section_filter(section: Section | int) -> Q:
    """Articles of section and of its child sections, without a query for the children."""
    return Q(section=section) | Q(section__parent=section)


def publication_key(pk: int) -> tuple[datetime, int] | None:
    """(published_at, id) of an article, the keyset cursor of "Cũ hơn" pages, or None."""
    row = Article.objects.filter(pk=pk, published_at__isnull=False).values_list(
        "published_at", "pk"
    )
    return row.first()


def _keyset(qs: QuerySet, before=None, after=None) -> QuerySet:
    """qs past a (published_at, id) key: older than before (newest first) or newer than
    after (oldest first). The bounds are on the indexed columns: an index range scan."""
    if before is not None:
        at, pk = before
        return qs.filter(published_at__lte=at).exclude(published_at=at, pk__gte=pk)
    if after is not None:
        at, pk = after
        return qs.filter(published_at__gte=at).exclude(published_at=at, pk__lte=pk)
    return qs


def _ordered(qs: QuerySet, after=None) -> QuerySet:
    return qs.order_by("published_at", "id") if after is not None else qs.order_by(*NEWEST)


def list_ids(qs: QuerySet, limit: int, offset: int = 0, before=None, after=None) -> list[int]:
    """One page of ids of qs (a published_ids() queryset), newest first (after: oldest)."""
    qs = _ordered(_keyset(qs, before, after), after)
    return list(qs.values_list("pk", flat=True)[offset : offset + limit])


def list_articles(ids: list[int]) -> list[Article]:
    """The articles of a list page in the order of ids, with what list items show."""
    by_id = {a.pk: a for a in public_articles().filter(pk__in=ids).defer("body")}
    return [by_id[pk] for pk in ids if pk in by_id]


def section_ids(
    section: Section, limit: int, offset: int = 0, before=None, after=None
) -> list[int]:
    """A page of ids of a section and its child sections, newest first.

    One index range per section (section, published_at) merged: an IN over the
    sections would sort every article of them. One query on PostgreSQL (UNION ALL of
    LIMITed parts), one per section elsewhere.
    """
    ids = [section.pk, *[child.pk for child in section_children().get(section.pk, [])]]
    parts = [
        _ordered(_keyset(published_ids().filter(section=pk), before, after), after).values_list(
            "pk", "published_at"
        )[: offset + limit]
        for pk in ids
    ]
    if len(parts) == 1:
        rows = list(parts[0])
    elif connection.features.supports_slicing_ordering_in_compound:
        rows = list(parts[0].union(*parts[1:], all=True))
    else:
        rows = [row for part in parts for row in part]
    rows.sort(key=lambda row: (row[1], row[0]), reverse=after is None)
    return [pk for pk, _at in rows[offset : offset + limit]]


def tag_ids(tag: Tag, limit: int, offset: int = 0, before=None, after=None) -> list[int]:
    """A page of ids of the articles with a tag, newest first."""
    return list_ids(published_ids().filter(tags=tag), limit, offset, before, after)


def author_ids(author: Author, limit: int, offset: int = 0, before=None, after=None) -> list[int]:
    """A page of ids of the articles signed by author, newest first."""
    qs = published_ids().filter(article_authors__author=author)
    return list_ids(qs, limit, offset, before, after)


def section_articles(*, section: Section) -> QuerySet:
    """Published articles of a section and its child sections, newest first (feeds).

    Without children one index walk; with children the ids first (section_ids)."""
    if not section_children().get(section.pk):
        return public_articles().filter(section=section).defer("body")
    ids = section_ids(section, 30)
    return public_articles().filter(pk__in=ids).defer("body")


def tag_articles(*, tag: Tag) -> QuerySet:
    """Published articles with a tag, newest first."""
    return public_articles().filter(tags=tag).defer("body")


def author_articles(*, author: Author) -> QuerySet:
    """Published articles signed by author, newest first."""
    return public_articles().filter(article_authors__author=author).defer("body")


def newest_ids(
    *,
    limit: int,
    exclude: Iterable[int] = (),
    featured: bool | None = None,
    section: Section | int | None = None,
    before: datetime | None = None,
) -> list[int]:
    """Ids of the newest published articles matching the filters, minus exclude."""
    qs = published_ids()
    if featured is not None:
        qs = qs.filter(is_featured=featured)
    if section is not None:
        qs = qs.filter(section=section)
    if before is not None:
        qs = qs.filter(published_at__lt=before)
    if exclude:
        qs = qs.exclude(pk__in=list(exclude))
    return list(qs.order_by(*NEWEST).values_list("pk", flat=True)[:limit])


def newest_ids_per_section(
    *, sections: Iterable[Section], per_section: int, exclude: Iterable[int] = ()
) -> dict[int, list[int]]:
    """{section id: [ids]}: the newest articles of each section (with its children).

    One query whatever the number of sections: a UNION ALL of one small index-friendly
    query per section where the database allows LIMIT inside a UNION (PostgreSQL), a
    ROW_NUMBER() window elsewhere (SQLite).
    """
    sections = list(sections)
    if not sections:
        return {}
    base = published_ids()
    if exclude:
        base = base.exclude(pk__in=list(exclude))
    found = {s.pk: [] for s in sections}
    if connection.features.supports_slicing_ordering_in_compound:
        parts = [
            base.filter(_section_filter(s))
            .annotate(block=Value(s.pk, output_field=IntegerField()))
            .order_by(*NEWEST)
            .values_list("pk", "block", "published_at")[:per_section]
            for s in sections
        ]
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        rows = sorted(rows, key=lambda row: (row[2], row[0]), reverse=True)
    else:
        ids = [s.pk for s in sections]
        top = Coalesce(F("section__parent_id"), F("section_id"))
        rows = (
            base.filter(Q(section__in=ids) | Q(section__parent__in=ids))
            .annotate(
                block=top,
                row=Window(
                    RowNumber(),
                    partition_by=[top],
                    order_by=[F("published_at").desc(), F("id").desc()],
                ),
            )
            .filter(row__lte=per_section)
            .order_by(*NEWEST)
            .values_list("pk", "block", "published_at")
        )
    for pk, block, _published in rows:
        found[block].append(pk)
    return found


def most_read_ids() -> list[int]:
    """Ids of the most read articles, those of the last week first; cached 5 minutes.

    Ranked on Article.view_count, which articles.stats updates in batches. The ids are
    the same for every reader and device; pages drop what they already show.
    """
    ids = cache.get(MOST_READ_CACHE_KEY)
    if ids is None:
        # Two index walks: the last week's articles (a range of article_live_idx, as
        # many as a week brings, not the archive), then the all-time most read
        # (article_live_views_idx) should the week be short.
        since = timezone.now() - timedelta(days=MOST_READ_DAYS)
        ids = list(
            published_ids()
            .filter(published_at__gte=since)
            .order_by("-view_count", *NEWEST)
            .values_list("pk", flat=True)[:MOST_READ_POOL]
        )
        if len(ids) < MOST_READ_POOL:
            ids += list(
                published_ids()
                .exclude(pk__in=ids)
                .order_by("-view_count", *NEWEST)
                .values_list("pk", flat=True)[: MOST_READ_POOL - len(ids)]
            )
        cache.set(MOST_READ_CACHE_KEY, ids, MOST_READ_CACHE_SECONDS)
    return ids


@dataclass(frozen=True)
class Candidate:
    """What the sidebar ranks an article by."""

    pk: int
    is_featured: bool
    view_count: int
    recent: bool  # published within MOST_READ_DAYS


def side_candidates(*, section: Section | None = None, limit: int) -> list[Candidate]:
    """The newest published articles of section (with its children; the whole paper
    without one), newest first, with what "Nên xem" and "Đọc nhiều" rank them by.
    One query, cached 5 minutes per section."""
    key = f"articles:side:v1:{section.pk if section is not None else 'all'}:{limit}"
    found = cache.get(key)
    if found is None:
        since = timezone.now() - timedelta(days=MOST_READ_DAYS)
        qs = published_ids()
        if section is not None:
            qs = qs.filter(_section_filter(section))
        rows = qs.order_by(*NEWEST).values_list("pk", "is_featured", "view_count", "published_at")
        found = [
            Candidate(pk, featured, views or 0, published >= since)
            for pk, featured, views, published in rows[:limit]
        ]
        cache.set(key, found, MOST_READ_CACHE_SECONDS)
    return found


def home_sections() -> list[Section]:
    """Top-level sections shown on the home page, in menu order (from the cached menu)."""
    return [s for s in menu_sections() if s.show_on_home]


def image_uses(image: Image, *, body_only: bool = False) -> list[Use]:
    """The articles whose cover is image or whose body shows it, newest first, for the
    media library's "used in" (registered with media.usage in ArticlesConfig.ready)."""
    in_body = Q(body__contains=body_marker(image))
    qs = Article.objects.filter(in_body if body_only else Q(cover_image=image) | in_body)
    if body_only:
        return [
            Use(title=title, url=reverse("admin:articles_article_change", args=[pk]), in_body=True)
            for pk, title in qs.order_by("-pk").values_list("pk", "title")[:1]
        ]
    rows = (
        qs.annotate(
            in_cover=ExpressionWrapper(Q(cover_image=image), output_field=BooleanField()),
            in_body=ExpressionWrapper(in_body, output_field=BooleanField()),
        )
        .order_by("-pk")
        .values_list("pk", "title", "in_cover", "in_body")
    )
    return [
        Use(
            title=title,
            url=reverse("admin:articles_article_change", args=[pk]),
            in_cover=cover,
            in_body=body,
        )
        for pk, title, cover, body in rows
    ]


def next_scheduled_at(now: datetime | None = None) -> datetime | None:
    """When the next scheduled article (published, its time still to come) appears."""
    now = now or timezone.now()
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def ids_published_between(start: datetime, end: datetime) -> list[int]:
    """Ids of the published articles whose time falls in (start, end]."""
    return list(
        Article.objects.filter(
            status=Article.Status.PUBLISHED, published_at__gt=start, published_at__lte=end
        ).values_list("pk", flat=True)[:1000]
    )


def purge_facts(ids: Iterable[int]) -> list[dict]:
    """For each article: its sections (with the parent), tags, authors and whether it is
    featured: what the page cache purges when the article changes. Three queries."""
    rows = {
        pk: {
            "pk": pk,
            "sections": {section, parent} - {None},
            "tags": set(),
            "authors": set(),
            "is_featured": featured,
        }
        for pk, section, parent, featured in Article.objects.filter(pk__in=ids).values_list(
            "pk", "section_id", "section__parent_id", "is_featured"
        )
    }
    for pk, tag in Article.tags.through.objects.filter(content_object__in=list(rows)).values_list(
        "content_object_id", "tag_id"
    ):
        rows[pk]["tags"].add(tag)
    for pk, author in ArticleAuthor.objects.filter(article__in=list(rows)).values_list(
        "article_id", "author_id"
    ):
        rows[pk]["authors"].add(author)
    return list(rows.values())


def tagged_candidates(tag_ids: Iterable[int], *, per_tag: int) -> list[int]:
    """Article ids carrying each tag, the newest per_tag of each (an id once per shared
    tag): the related-news candidates. One query: a UNION ALL of one index range per tag
    on PostgreSQL, one IN elsewhere (the demo's scale)."""
    tag_ids = list(tag_ids)
    if not tag_ids:
        return []
    through = Article.tags.through.objects.order_by("-content_object_id")
    if connection.features.supports_slicing_ordering_in_compound:
        parts = [
            through.filter(tag_id=pk).values_list("content_object_id", flat=True)[:per_tag]
            for pk in tag_ids
        ]
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        return list(rows)
    rows = through.filter(tag_id__in=tag_ids).values_list("content_object_id", flat=True)
    return list(rows[: per_tag * len(tag_ids)])


def publication_facts(ids: Iterable[int]) -> dict[int, tuple[int, datetime]]:
    """{id: (section id, published_at)} of the published articles among ids."""
    ids = list(ids)
    if not ids:
        return {}
    rows = published_ids().filter(pk__in=ids).values_list("pk", "section_id", "published_at")
    return {pk: (section, at) for pk, section, at in rows}
