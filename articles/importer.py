"""Archive import: records (one JSON line of import_articles, one WordPress post of
import_wxr) turned into articles, in batches.

A batch is written by services.article_import_batch in one transaction with bulk
inserts (one revision and the workflow step of each article still written): an
interrupted import loses nothing it reported, and running it again continues where it
stopped, since articles are found again by source_url (unchanged ones are skipped).
Photos are library images found by the sha256 of their bytes: one photo is one Image,
across articles, files and re-imports, and its renditions are made once, by a worker.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import DatabaseError, reset_queries, transaction
from django.utils.translation import gettext as _

from authors.models import Author
from core.sanitize import check_html_limits
from core.tasks import enqueue_on_commit
from core.text import clean_text
from media.models import Image
from media.validators import validate_image_file
from sections.models import Section

from . import services, tasks
from .models import PUBLICATION_YEARS, Article, Tag, tag_key

CREATED = services.IMPORT_CREATED
UPDATED = services.IMPORT_UPDATED
SKIPPED = services.IMPORT_SKIPPED
REJECTED = "rejected"
BATCH_SIZE = 500

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
class ArticleRecord:
    """One validated article of an import file (line: its line number, for messages)."""

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
    image: Path | None = None
    image_caption: str = ""
    # The section's parent (a WordPress category tree); None: found by name at any level.
    section_parent: str | None = None
    line: int = 0
    raw: str = ""  # the input it came from, for the errors file


def parse_line(text, *, base_dir, line=0):
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

    source_url = check_source_url(_text(data, "source_url"))
    caption = _text(data, "image_caption")
    _check_length("image_caption", caption, MAX_CAPTION)
    body_html = _text(data, "body_html")
    check_body(body_html)
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
        image=base_dir / image_path if image_path else None,
        image_caption=caption,
        line=line,
    )


def check_source_url(source_url):
    """source_url if it is a URL that fits the column, None if empty; else LineError."""
    if not source_url:
        return None
    _check_length("source_url", source_url, MAX_SOURCE_URL)
    try:
        URLValidator()(source_url)
    except ValidationError as exc:
        raise LineError(
            _("invalid source_url %(value)s") % {"value": json.dumps(source_url)}
        ) from exc
    return source_url


def check_body(body_html):
    try:
        check_html_limits(body_html)
    except ValidationError as exc:
        raise LineError(f"body_html: {' '.join(exc.messages)}") from exc


@dataclass
class Photo:
    """A photo file read for the library: its bytes and the sha256 of them."""

    content: bytes
    sha256: str


class Importer:
    """Writes records in batches of batch_size; remembers, for the whole run, the
    sections, authors, tags and photos it has seen (so a batch costs a few queries).

    add() returns the outcomes decided at once (a rejected photo); flush() (called by
    add() when a batch is full, and by the caller at the end) those of the batch, as
    (record, outcome, reason) triples, once they are committed."""

    def __init__(self, *, dry_run=False, batch_size=BATCH_SIZE):
        self.dry_run = dry_run
        self.batch_size = batch_size
        self.pending = []
        self.pending_urls = set()
        self.sections = {}
        self.authors = {}
        self.tags = {}
        self.photos = {}  # (path, size, mtime) -> sha256
        self.images = {}  # sha256 -> Image
        self.counts = Counter()

    # --- records -----------------------------------------------------------------------

    def add(self, record, *, body_images=()):
        """Queue record; body_images: (path, on_stored) pairs of photos its body shows,
        on_stored(image) rewriting the body once the library image is known."""
        try:
            cover = (
                self.image_for(record.image, record.title, record.image_caption)
                if record.image
                else None
            )
            for path, on_stored in body_images:
                on_stored(self.image_for(path, record.title))
        except LineError as exc:
            return [self._count(record, REJECTED, str(exc))]
        outcomes = []
        if record.source_url and record.source_url in self.pending_urls:
            outcomes = self.flush()  # the same article twice: the second one updates
        self.pending.append((record, cover))
        self.pending_urls.add(record.source_url)
        if len(self.pending) >= self.batch_size:
            outcomes += self.flush()
        return outcomes

    def flush(self):
        """Write the queued records; returns their outcomes."""
        batch, self.pending, self.pending_urls = self.pending, [], set()
        # With DEBUG on, Django keeps the last 9,000 queries: bulk inserts of whole
        # articles would make that gigabytes. Memory stays flat.
        reset_queries()
        if not batch:
            return []
        try:
            outcomes = self._write(batch)
        except DatabaseError as exc:
            if len(batch) == 1:
                return [self._count(batch[0][0], REJECTED, _db_reason(exc))]
            # One line the database refuses must not cost the batch: each on its own.
            outcomes = []
            for item in batch:
                try:
                    outcomes += self._write([item])
                except DatabaseError as exc:
                    outcomes.append((item[0], REJECTED, _db_reason(exc)))
        return [self._count(record, outcome, reason) for record, outcome, reason in outcomes]

    def _write(self, batch):
        if self.dry_run:
            urls = {r.source_url for r, _ in batch if r.source_url}
            known = set(
                Article.objects.filter(source_url__in=urls).values_list("source_url", flat=True)
            )
            return [(r, UPDATED if r.source_url in known else CREATED, "") for r, _ in batch]
        # Sections, tags and authors first, each committed by itself: the run remembers
        # them, so a batch rolled back must not take them with it.
        entries = [self._entry(record, cover) for record, cover in batch]
        with transaction.atomic():
            outcomes = services.article_import_batch(entries)
        return [(record, outcome, "") for (record, _), outcome in zip(batch, outcomes, strict=True)]

    def _count(self, record, outcome, reason):
        self.counts[outcome] += 1
        return record, outcome, reason

    def finish(self):
        """Flush, and refresh the search index once for everything written."""
        outcomes = self.flush()
        if not self.dry_run and (self.counts[CREATED] or self.counts[UPDATED]):
            enqueue_on_commit(tasks.refresh_search_index)
        return outcomes

    def _entry(self, record, cover):
        return services.ImportEntry(
            source_url=record.source_url,
            fields={
                "title": record.title,
                "sapo": record.sapo,
                "body": record.body_html,
                "section": self.section(record.section, record.section_parent),
                "status": record.status,
                "published_at": record.published_at,
                "is_featured": record.featured,
                "cover_image": cover,
                "cover_caption": record.image_caption if cover else "",
            },
            tags=[self.tag(name) for name in record.tags],
            authors=[self.author(byline) for byline in record.authors],
        )

    # --- what records name -------------------------------------------------------------

    def section(self, name, parent=None):
        """The section called name (case-insensitively; top level first), under parent
        when one is given; created if missing."""
        key = (name.casefold(), parent.casefold() if parent else None)
        if key not in self.sections:
            self.sections[key] = _section(name, self.section(parent) if parent else None)
        return self.sections[key]

    def author(self, byline):
        if byline not in self.authors:
            author = Author.objects.filter(byline=byline).order_by("pk").first()
            if author is None:
                author = Author(name=byline, byline=byline)
                author.save()
            self.authors[byline] = author
        return self.authors[byline]

    def tag(self, name):
        key = tag_key(name)
        if key not in self.tags:
            self.tags[key], _ = Tag.objects.get_or_create(key=key, defaults={"name": name})
        return self.tags[key]

    # --- photos ------------------------------------------------------------------------

    def image_for(self, path, title, caption=""):
        """The library Image of the photo at path: the one whose upload had the same
        bytes (sha256) if any, else a new one (validated; renditions queued for a worker).
        Raises LineError for a missing or invalid file."""
        sha = self._sha256(path)
        image = self.images.get(sha)
        if image is None:
            image = Image.objects.filter(sha256=sha).order_by("pk").first()
            if image is None:
                image = self._store(path, sha, title, caption)
                self.counts["photos_new"] += 1
            else:
                self.counts["photos_reused"] += 1
            self.images[sha] = image
        else:
            self.counts["photos_reused"] += 1
        return image

    def _sha256(self, path):
        try:
            stat = path.stat()
            key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
            if key not in self.photos:
                if stat.st_size > settings.IMAGE_MAX_UPLOAD_BYTES:
                    self._read(path)  # the validator's message
                digest = hashlib.sha256()
                with open(path, "rb") as fh:
                    for chunk in iter(lambda: fh.read(HASH_CHUNK), b""):
                        digest.update(chunk)
                self.photos[key] = digest.hexdigest()
        except FileNotFoundError as exc:
            raise LineError(_("image file not found: %(path)s") % {"path": path}) from exc
        except OSError as exc:
            raise LineError(
                _("cannot read image file %(path)s: %(error)s")
                % {"path": path, "error": exc.strerror or exc}
            ) from exc
        return self.photos[key]

    def _read(self, path):
        """The validated bytes of the photo at path, or LineError."""
        try:
            with open(path, "rb") as fh:
                # The validator checks the size before anything is read into memory.
                info = validate_image_file(File(fh, name=path.name))
                fh.seek(0)
                return fh.read(), info
        except OSError as exc:
            raise LineError(
                _("cannot read image file %(path)s: %(error)s")
                % {"path": path, "error": exc.strerror or exc}
            ) from exc
        except ValidationError as exc:
            raise LineError(
                _("invalid image %(path)s: %(error)s")
                % {"path": path, "error": " ".join(exc.messages)}
            ) from exc

    def _store(self, path, sha, title, caption):
        content, info = self._read(path)
        if hashlib.sha256(content).hexdigest() != sha:
            raise LineError(_("image file changed while importing: %(path)s") % {"path": path})
        if self.dry_run:
            return Image(title=title, sha256=sha)
        image = Image(title=title[:MAX_IMAGE_TITLE], caption=caption)
        image.file = ContentFile(content, name=f"import{info.extension}")
        try:
            # Its own transaction: a photo stays in the library (and is found again by its
            # hash) whatever happens to the batch; media.signals strips its metadata,
            # records the upload's sha256 and queues its renditions for after the commit.
            with transaction.atomic():
                image.save()
        except BaseException:
            if image.file.name and not image.pk:
                image.file.storage.delete(image.file.name)
            raise
        return image


def _db_reason(exc):
    return _("could not be saved (%(error)s)") % {"error": exc}


def _section(name, parent):
    """The section called name (case-insensitively, top level first, or under parent),
    created if missing."""
    # Compared in Python: SQLite's iexact folds ASCII letters only, not "Đ" or "Ô".
    wanted = name.casefold()
    candidates = Section.objects.order_by("pk")
    if parent is not None:
        candidates = candidates.filter(parent=parent)
    matches = [section for section in candidates if section.name.casefold() == wanted]
    if matches:
        return min(matches, key=lambda section: section.parent_id is not None)
    section = Section(name=name, parent=parent)
    section.save()
    return section


def _text(data, key):
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise LineError(_("%(field)s must be a string") % {"field": key})
    if "\x00" in value:
        # PostgreSQL refuses NUL characters in text columns.
        raise LineError(_("%(field)s contains a NUL character") % {"field": key})
    # Lone surrogates ("\ud800" in JSON), non-characters (U+FFFF) and Word's controls
    # (U+000B) are not text: removed (line breaks become spaces), as every save does.
    return clean_text(value).strip()


def _names(data, key, max_length):
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LineError(_("%(field)s must be a list of strings") % {"field": key})
    names = []
    for item in value:
        if "\x00" in item:
            raise LineError(_("%(field)s contains a NUL character") % {"field": key})
        name = clean_text(item).strip()
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
