from urllib.parse import urlsplit

from ckeditor.fields import RichTextField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager, _TaggableManager
from taggit.models import TagBase, TaggedItemBase

from core.reversing import quick_reverse
from core.sanitize import sanitize_html
from core.text import (
    NormalizedTextMixin,
    nfc,
    normalize_text_fields,
    slugify_vi,
    strip_source_tag,
    vi_collate,
)

# Publication times the admin and the importer accept. Outside them a date is a typo
# (01/01/0001 does not even survive the conversion to UTC).
PUBLICATION_YEARS = range(1900, 2101)


def source_path_of(url):
    """The path and query of an old site's URL as an old link asks for it again, without
    a trailing slash: "https://cu.vn/2024/08/bai/" -> "/2024/08/bai"; "" for none."""
    if not url:
        return ""
    parts = urlsplit(url)
    path = (parts.path.rstrip("/") or "/") if parts.path else "/"
    return path + (f"?{parts.query}" if parts.query else "")


def tag_key(name):
    """What makes two tag names the same tag: NFC, trimmed, case-folded ("Đoàn" = "đoàn")."""
    return nfc(name).strip().casefold()


class Tag(NormalizedTextMixin, TagBase):
    """A taggit tag whose slug is the Vietnamese-aware one ("Đoàn" -> "doan")."""

    # SQLite's iexact folds ASCII only, so taggit's case-insensitive matching would treat
    # "Đoàn" and "đoàn" as two tags; this unique key makes them one on every database.
    key = models.CharField(max_length=100, unique=True, editable=False)

    class Meta:
        ordering = [vi_collate("name")]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def clean(self):
        others = Tag.objects.exclude(pk=self.pk).filter(key=tag_key(self.name or ""))
        if others.exists():
            raise ValidationError({"name": _("This tag already exists.")})

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.key = tag_key(self.name)
        super().save(*args, **kwargs)

    def slugify(self, tag, i=None):
        slug = slugify_vi(tag, max_length=90) or "the"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self):
        return quick_reverse("articles:tag", slug=self.slug)


class ArticleTagManager(_TaggableManager):
    """Resolves tag names through Tag.key before taggit's own matching."""

    def _to_tag_model_instances(self, tags, tag_kwargs):
        model = self.through.tag_model()
        keys = {tag_key(t) for t in tags if isinstance(t, str) and t.strip()}
        known = {tag.key: tag for tag in model._default_manager.filter(key__in=keys)}
        resolved = []
        for tag in tags:
            if isinstance(tag, str):
                if not tag.strip():
                    continue
                key = tag_key(tag)
                if key not in known:
                    known[key], _ = model._default_manager.get_or_create(
                        key=key, defaults={"name": nfc(tag).strip()}
                    )
                tag = known[key]
            resolved.append(tag)
        return super()._to_tag_model_instances(resolved, tag_kwargs)


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag"),
        ]
        # A tag page and the related-news candidates: a tag's newest articles first.
        indexes = [models.Index(fields=["tag", "-content_object"], name="tagged_tag_article_idx")]


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """The one definition of what readers may see: published and its time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())


class Article(NormalizedTextMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        RETURNED = "returned", _("Returned")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        blank=True,
        help_text=_("Left empty, it is made from the title. The id in the URL keeps it unique."),
    )
    sapo = models.TextField(_("sapo"), help_text=_("The lead paragraph, shown in bold."))
    body = RichTextField(_("body"), blank=True)
    cover_image = models.ForeignKey(
        "media.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cover_of",
    )
    cover_caption = models.CharField(_("cover caption"), max_length=500, blank=True)
    section = models.ForeignKey(
        "sections.Section",
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    authors = models.ManyToManyField(
        "authors.Author",
        verbose_name=_("authors"),
        through="ArticleAuthor",
        related_name="articles",
        blank=True,
    )
    tags = TaggableManager(
        verbose_name=_("tags"), through=TaggedArticle, manager=ArticleTagManager, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_created",
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_('Shown in the "Must read" picks.')
    )
    related = models.ManyToManyField(
        "self",
        verbose_name=_("related articles"),
        through="RelatedArticle",
        symmetrical=False,
        related_name="+",
        blank=True,
    )
    revised_at = models.DateTimeField(
        _("revised at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_('When an editor last changed the published text ("Cập nhật" on the page).'),
    )
    # Incremented in batches from the cache (articles.stats), never once per request.
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    seo_title = models.CharField(_("SEO title"), max_length=255, blank=True)
    seo_description = models.CharField(_("SEO description"), max_length=320, blank=True)
    source_url = models.URLField(
        _("source URL"),
        max_length=1000,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Address of the article in an imported archive; identifies it on re-import."),
    )
    # The old site's path (and query) of source_url: an old link is answered with a 301 to
    # the article (reader.legacy).
    source_path = models.CharField(
        _("source path"), max_length=1000, blank=True, editable=False, db_index=True
    )
    # Incremented on every save: a form opened at an older version cannot overwrite a newer one.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish, schedule and withdraw articles")),
            ("review_article", _("Can review and return articles")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            models.Index(
                fields=["section", "status", "-published_at"], name="article_section_pub_idx"
            ),
            models.Index(
                fields=["is_featured", "status", "-published_at"], name="article_featured_idx"
            ),
            # What the reader site walks, newest first, only over published rows: the
            # latest news, feeds, sitemaps, keyset pages ("Cũ hơn"), sections, featured
            # and most read. Each is a LIMIT on an index scan, whatever the archive size.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status="published"),
                name="article_live_idx",
            ),
            models.Index(
                fields=["section", "-published_at", "-id"],
                condition=Q(status="published"),
                name="article_live_section_idx",
            ),
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status="published", is_featured=True),
                name="article_live_featured_idx",
            ),
            models.Index(
                fields=["-view_count", "-published_at", "-id"],
                condition=Q(status="published"),
                name="article_live_views_idx",
            ),
            models.Index(
                fields=["-revised_at"],
                condition=Q(status="published", revised_at__isnull=False),
                name="article_live_revised_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.prepare_for_write()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return quick_reverse("articles:detail", slug=self.slug, pk=self.pk)

    def prepare_for_write(self):
        """What every stored article is, whoever writes it (save() and the importer's bulk
        writes, which bypass save(), both call this)."""
        normalize_text_fields(self)
        # Typed slugs go through the same function: the admin's SlugField accepts "_",
        # which the article URL (and so every page listing the article) cannot carry.
        self.slug = slugify_vi(self.slug or "") or slugify_vi(self.title) or "bai-viet"
        self.body = sanitize_html(self.body)
        # The page, the feeds and the previews put the paper's tag before the sapo; a
        # sapo pasted or imported with the tag already in it would show it twice.
        self.sapo = strip_source_tag(self.sapo, settings.SOURCE_TAG)
        if self.source_url == "":
            self.source_url = None
        self.source_path = source_path_of(self.source_url)

    @property
    def tagged_sapo(self):
        """The sapo as readers see it: the paper's tag once, then the stored sapo."""
        # Stripped here too: a preview shows an unsaved copy as typed.
        return f"{settings.SOURCE_TAG} {strip_source_tag(self.sapo, settings.SOURCE_TAG)}".strip()

    @property
    def is_live(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def ordered_authors(self):
        """Authors in byline order (uses the prefetched article_authors when present)."""
        return [link.author for link in self.article_authors.all()]


class PendingArticle(Article):
    """The editors' review queue ("Chờ duyệt") in the admin: articles waiting for review."""

    class Meta:
        proxy = True
        verbose_name = _("article waiting for review")
        verbose_name_plural = _("Review queue")


class ArticleAuthor(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(
        "authors.Author", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("article author")
        verbose_name_plural = _("article authors")
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_article_author"),
        ]
        # An author page: the author's newest articles first.
        indexes = [models.Index(fields=["author", "-article"], name="article_author_author_idx")]

    def __str__(self):
        return str(self.author)


class RelatedArticle(models.Model):
    """An editor's pick of a related article, shown first in "Tin liên quan"."""

    from_article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_links"
    )
    to_article = models.ForeignKey(
        Article, verbose_name=_("related article"), on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")
        constraints = [
            models.UniqueConstraint(
                fields=["from_article", "to_article"], name="unique_related_article"
            ),
            models.CheckConstraint(
                condition=~Q(from_article=F("to_article")), name="related_article_not_self"
            ),
        ]

    def __str__(self):
        return str(self.to_article)


class ArticleTransition(models.Model):
    """One step of the editorial workflow: who moved the article from which state to which."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    from_status = models.CharField(
        _("from"), max_length=20, choices=Article.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=Article.Status.choices)
    # The publication time before and after the step: "published" with a time still to
    # come at the step is "scheduled" (the log reads "Hẹn giờ 08:00 05/06/2027").
    from_published_at = models.DateTimeField(_("publication time before"), null=True, blank=True)
    to_published_at = models.DateTimeField(_("publication time after"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        indexes = [models.Index(fields=["article", "-created_at"], name="transition_article_idx")]

    def __str__(self):
        return f"{self.article_id}: {self.from_status or '∅'} → {self.to_status}"


class ArticleRevision(models.Model):
    """A snapshot of an article's content, stored on every save (version = Article.version)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Article.Status.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    # title, sapo, body, section (id, name), tags, authors (id, name), cover (id, caption)
    content = models.JSONField(_("content"))

    class Meta:
        ordering = ["-version"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["article", "version"], name="unique_article_version"),
        ]

    def __str__(self):
        return f"{self.article_id} v{self.version}"
