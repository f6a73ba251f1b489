"""Archive import: one JSON object per line turned into an Article (see import_articles)."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from authors.models import Author
from core.sanitize import check_html_limits
from core.text import nfc
from media.models import Image
from media.validators import validate_image_file
from sections.models import Section

from . import services
from .models import PUBLICATION_YEARS, Article, Tag

CREATED = "created"
UPDATED = "updated"

# Field lengths of the models, checked here so that no database (SQLite ignores them,
# PostgreSQL refuses the whole line) decides for us.
MAX_TITLE = Article._meta.get_field("title").max_length
MAX_CAPTION = Article._meta.get_field("cover_caption").max_length
MAX_SOURCE_URL = Article._meta.get_field("source_url").max_length
MAX_SECTION = Section._meta.get_field("name").max_length
MAX_BYLINE = Author._meta.get_field("byline").max_length
MAX_TAG = Tag._meta.get_field("name").max_length
MAX_IMAGE_TITLE = Image._meta.get_field("title").max_length
HASH_CHUNK = 1024 * 1024


class LineError(Exception):
    """Why one line of the import file cannot be imported (a translated message)."""


@dataclass
class CoverImage:
    """A validated image file read from disk, ready to be stored."""

    content: bytes
    extension: str
    width: int
    height: int
    sha256: str


@dataclass
class ArticleRecord:
    """One validated line of the import file."""

    title: str
    section: str
    sapo: str = ""
    body_html: str = ""
    tags: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    status: str = Article.Status.PUBLISHED
    featured: bool = False
    source_url: str | None = None
    image: CoverImage | None = None
    image_caption: str = ""


def parse_line(text, *, base_dir):
    """Parse and validate one JSON line into an ArticleRecord, or raise LineError."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise LineError(_("invalid JSON (%(error)s)") % {"error": exc}) from exc
    if not isinstance(data, dict):
        raise LineError(_("expected a JSON object"))

    title = _text(data, "title")
    if not title:
        raise LineError(_("missing or empty title"))
    _check_length("title", title, MAX_TITLE)
    section = _text(data, "section")
    if not section:
        raise LineError(_("missing or empty section"))
    _check_length("section", section, MAX_SECTION)

    status = data.get("status", Article.Status.PUBLISHED)
    if status not in (Article.Status.PUBLISHED, Article.Status.DRAFT):
        raise LineError(
            _('invalid status %(value)s (expected "published" or "draft")')
            % {"value": json.dumps(status, ensure_ascii=False)}
        )
    published_at = _datetime(data.get("published_at"))
    if status == Article.Status.PUBLISHED and published_at is None:
        raise LineError(_("published_at is required for a published article"))

    featured = data.get("featured", False)
    if not isinstance(featured, bool):
        raise LineError(_("%(field)s must be true or false") % {"field": "featured"})

    source_url = _text(data, "source_url") or None
    if source_url:
        _check_length("source_url", source_url, MAX_SOURCE_URL)
        try:
            URLValidator()(source_url)
        except ValidationError as exc:
            raise LineError(
                _("invalid source_url %(value)s") % {"value": json.dumps(source_url)}
            ) from exc

    caption = _text(data, "image_caption")
    _check_length("image_caption", caption, MAX_CAPTION)
    body_html = _text(data, "body_html")
    try:
        check_html_limits(body_html)
    except ValidationError as exc:
        raise LineError(f"body_html: {' '.join(exc.messages)}") from exc
    image_path = _text(data, "image")
    return ArticleRecord(
        title=title,
        section=section,
        sapo=_text(data, "sapo"),
        body_html=body_html,
        tags=_names(data, "tags", MAX_TAG),
        authors=_names(data, "authors", MAX_BYLINE),
        published_at=published_at,
        status=status,
        featured=featured,
        source_url=source_url,
        image=read_image(base_dir / image_path) if image_path else None,
        image_caption=caption,
    )


def read_image(path):
    """Read and validate an image file with the project's validator, or raise LineError."""
    try:
        with open(path, "rb") as fh:
            # The validator checks the size before anything is read into memory.
            info = validate_image_file(File(fh, name=path.name))
            content = fh.read()
    except FileNotFoundError as exc:
        raise LineError(_("image file not found: %(path)s") % {"path": path}) from exc
    except OSError as exc:
        raise LineError(
            _("cannot read image file %(path)s: %(error)s")
            % {"path": path, "error": exc.strerror or exc}
        ) from exc
    except ValidationError as exc:
        raise LineError(
            _("invalid image %(path)s: %(error)s") % {"path": path, "error": " ".join(exc.messages)}
        ) from exc
    return CoverImage(
        content=content,
        extension=info.extension,
        width=info.width,
        height=info.height,
        sha256=hashlib.sha256(content).hexdigest(),
    )


def import_record(record, *, dry_run=False):
    """Create or update the article of record in one transaction; return CREATED or UPDATED."""
    stored = []
    try:
        with transaction.atomic():
            outcome = _write(record, stored, dry_run=dry_run)
            if dry_run:
                transaction.set_rollback(True)
    except BaseException:
        # The rollback forgets the Image rows but not their files.
        _delete_files(stored)
        raise
    return outcome


def _write(record, stored, *, dry_run):
    article = None
    if record.source_url:
        article = Article.objects.filter(source_url=record.source_url).first()
    outcome = UPDATED if article else CREATED
    article = article or Article(source_url=record.source_url)
    article.title = record.title
    article.sapo = record.sapo
    article.body = record.body_html
    article.section = _section(record.section)
    article.status = record.status
    article.published_at = record.published_at
    article.is_featured = record.featured
    if not dry_run:
        _set_cover(article, record, stored)

    services.article_import(
        article=article,
        tags=[nfc(name) for name in record.tags],
        authors=_authors(record.authors),
    )
    return outcome


def _section(name):
    """The section called name (case-insensitively, top level first), created if missing."""
    # Compared in Python: SQLite's iexact folds ASCII letters only, not "Đ" or "Ô".
    wanted = name.casefold()
    matches = [
        section
        for section in Section.objects.order_by("pk")
        if nfc(section.name).casefold() == wanted
    ]
    if matches:
        return min(matches, key=lambda section: section.parent_id is not None)
    section = Section(name=name)
    section.save()
    return section


def _authors(bylines):
    """The authors of bylines, in order; an unknown byline becomes a new author."""
    authors = []
    for byline in dict.fromkeys(bylines):
        author = Author.objects.filter(byline=byline).order_by("pk").first()
        if author is None:
            author = Author(name=byline, byline=byline)
            author.save()
        authors.append(author)
    return authors


def _set_cover(article, record, stored):
    image = record.image
    if image is None:
        article.cover_image = None
        article.cover_caption = ""
        return
    title = record.title[:MAX_IMAGE_TITLE]
    cover = article.cover_image if article.cover_image_id else None
    # Image.sha256 is the upload's hash; the stored file may differ (metadata stripped).
    if cover is not None and image.sha256 in (cover.sha256, _file_sha256(cover)):
        if (cover.title, cover.caption) != (title, record.image_caption):
            cover.title = title
            cover.caption = record.image_caption
            cover.save(update_fields=["title", "caption"])
    else:
        cover = Image(title=title, caption=record.image_caption)
        cover.file.save(f"import{image.extension}", ContentFile(image.content), save=False)
        stored.append(cover.file.name)
        # FieldFile.save() leaves width_field/height_field empty; the validator measured them.
        cover.width, cover.height = image.width, image.height
        cover.save()
    article.cover_image = cover
    article.cover_caption = record.image_caption


def _file_sha256(image):
    digest = hashlib.sha256()
    try:
        with image.file.open("rb") as fh:
            for chunk in iter(lambda: fh.read(HASH_CHUNK), b""):
                digest.update(chunk)
    except (OSError, ValueError):
        return None  # a missing file matches nothing: the cover is stored again
    return digest.hexdigest()


def _delete_files(names):
    if not names:
        return
    storage = Image._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def _text(data, key):
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise LineError(_("%(field)s must be a string") % {"field": key})
    if "\x00" in value:
        # PostgreSQL refuses NUL characters in text columns.
        raise LineError(_("%(field)s contains a NUL character") % {"field": key})
    return nfc(value).strip()


def _names(data, key, max_length):
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LineError(_("%(field)s must be a list of strings") % {"field": key})
    names = []
    for item in value:
        name = nfc(item).strip()
        if "\x00" in name:
            raise LineError(_("%(field)s contains a NUL character") % {"field": key})
        _check_length(key, name, max_length)
        if name and name not in names:
            names.append(name)
    return names


def _datetime(value):
    if value is None:
        return None
    if not isinstance(value, str):
        raise LineError(_("%(field)s must be a string") % {"field": "published_at"})
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise LineError(
            _("invalid date %(value)s (expected ISO 8601 such as 2024-08-16T17:30:00+07:00)")
            % {"value": json.dumps(value)}
        ) from exc
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise LineError(
            _("invalid date %(value)s: no UTC offset (such as +07:00)")
            % {"value": json.dumps(value)}
        )
    if parsed.year not in PUBLICATION_YEARS or not _fits_utc(parsed):
        raise LineError(
            _("%(field)s must be between the years %(first)d and %(last)d")
            % {
                "field": "published_at",
                "first": PUBLICATION_YEARS.start,
                "last": PUBLICATION_YEARS.stop - 1,
            }
        )
    return parsed


def _fits_utc(value):
    try:
        return value.astimezone(UTC).year in PUBLICATION_YEARS
    except OverflowError:
        return False


def _check_length(key, value, max_length):
    if len(value) > max_length:
        raise LineError(
            _("%(field)s is too long (%(length)d characters; the limit is %(limit)d)")
            % {"field": key, "length": len(value), "limit": max_length}
        )
