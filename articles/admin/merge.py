"""The merge of a stale save: field by field, the user's copy against the version saved
meanwhile, both compared with the revision the user opened (base_version).

- a field only the user changed keeps the user's value;
- a field only the other person changed takes theirs (the user never touched it);
- a field both changed is a conflict: the form keeps the user's value and the merge
  screen shows theirs beside it with a word diff; the user keeps theirs, takes the
  other's (posting ``_merge_<field>=theirs``) or edits, then saves on top of the newest
  version (the form's base_version is moved to it).

Nothing typed is lost: only values the user did not change are replaced. The values
compared are canonical (clean text, sanitised HTML without layout whitespace, tag keys,
ids), so an editor's reformatting is not a change.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.sanitize import sanitize_html
from core.text import clean_text

from .. import revisions
from ..models import Article, ArticleAuthor, RelatedArticle, tag_key
from ..people import display_name
from ..tagging import format_tags

UNKNOWN = object()  # a field the base revision did not store (older revisions)
TEXT, HTML, TAGS, FK, ROWS, FLAG, TIME = "text", "html", "tags", "fk", "rows", "flag", "time"
# Inline formset prefixes (the related names) and the value each row holds.
ROW_FIELDS = {"authors": ("article_authors", "author"), "related": ("related_links", "to_article")}

FIELDS = {
    "title": (gettext_lazy("Title"), TEXT),
    "sapo": (gettext_lazy("Sapo"), TEXT),
    "body": (gettext_lazy("Body"), HTML),
    "cover_image": (gettext_lazy("Cover"), FK),
    "cover_caption": (gettext_lazy("Cover caption"), TEXT),
    "section": (gettext_lazy("Section"), FK),
    "tags": (gettext_lazy("Tags"), TAGS),
    "authors": (gettext_lazy("Authors"), ROWS),
    "related": (gettext_lazy("Related articles"), ROWS),
    "is_featured": (gettext_lazy("Featured"), FLAG),
    "published_at": (gettext_lazy("Publication time"), TIME),
    "slug": (gettext_lazy("Slug"), TEXT),
    "seo_title": (gettext_lazy("SEO title"), TEXT),
    "seo_description": (gettext_lazy("SEO description"), TEXT),
}
# What the browser can swap by itself (the merge screen's buttons): plain inputs.
SWAPPABLE = {
    "title",
    "sapo",
    "body",
    "cover_caption",
    "tags",
    "slug",
    "seo_title",
    "seo_description",
}

SAME, MINE, THEIRS, CONFLICT = "same", "mine", "theirs", "conflict"
_LAYOUT_SPACE = re.compile(r">\s+<")
_SPACES = re.compile(r"\s+")


@dataclass
class Side:
    """One side of a field: a comparable value and the text shown for it."""

    value: object
    text: str = ""
    raw: object = None  # what the form holds (text fields: the exact value)


@dataclass
class FieldMerge:
    name: str
    label: str
    outcome: str  # SAME, MINE (kept), THEIRS (taken), CONFLICT
    mine: Side
    theirs: Side

    @property
    def swappable(self):
        return self.name in SWAPPABLE

    @property
    def theirs_marked(self):
        """Theirs with the words the user's copy lacks struck through."""
        return revisions.word_diff(self.theirs.text, self.mine.text, show=revisions.OLD)

    @property
    def mine_marked(self):
        """The user's copy with the words theirs lacks marked as inserted."""
        return revisions.word_diff(self.theirs.text, self.mine.text, show=revisions.NEW)


@dataclass
class Merge:
    """The outcome of a stale save: per field, and who saved the newer version when."""

    current: Article
    fields: list = field(default_factory=list)
    version: int = 0
    who: str = ""
    when: datetime | None = None

    @property
    def conflicts(self):
        return [f for f in self.fields if f.outcome == CONFLICT]

    @property
    def taken(self):
        return [f for f in self.fields if f.outcome == THEIRS]

    @property
    def kept(self):
        return [f for f in self.fields if f.outcome == MINE]

    def swap_values(self):
        """{field: {"mine": ..., "theirs": ...}} of the conflicts the browser can swap."""
        return {
            f.name: {"mine": f.mine.raw, "theirs": f.theirs.raw}
            for f in self.conflicts
            if f.swappable
        }


# --- canonical values ----------------------------------------------------------------
def _text(value):
    return clean_text(value or "").strip()


def _html(value):
    return _SPACES.sub(" ", _LAYOUT_SPACE.sub("><", sanitize_html(value or ""))).strip()


def _minute(value):
    if value is None:
        return None
    return timezone.localtime(value).replace(second=0, microsecond=0)


def _tags(names):
    return tuple(sorted({tag_key(n) for n in names if n and n.strip()}))


def _time_text(value):
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y") if value else ""


def _flag_text(value):
    return _("Yes") if value else _("No")


def base_side(name, content):
    """The canonical value of field name in a revision's content (UNKNOWN if absent)."""
    if content is None:
        return UNKNOWN
    kind = FIELDS[name][1]
    if name == "cover_image":
        return (content.get("cover") or {}).get("id") if "cover" in content else UNKNOWN
    if name == "section":
        return (content.get("section") or {}).get("id", UNKNOWN)
    if name not in content:
        return UNKNOWN
    value = content[name]
    if kind == TEXT:
        return _text(value)
    if kind == HTML:
        return _html(value)
    if kind == TAGS:
        return _tags(value)
    if kind == ROWS:
        return tuple(row["id"] for row in value)
    if kind == FLAG:
        return bool(value)
    if kind == TIME:
        return _minute(parse_datetime(value)) if value else None
    return UNKNOWN


def stored_side(name, article):
    """Field name of the stored article as a Side (theirs)."""
    kind = FIELDS[name][1]
    if kind in (TEXT, HTML):
        raw = getattr(article, name)
        value = _text(raw) if kind == TEXT else _html(raw)
        text = revisions.body_text(raw) if kind == HTML else raw
        return Side(value, text, raw)
    if kind == TAGS:
        names = sorted(article.tags.names())
        return Side(_tags(names), ", ".join(names), ", ".join(names))
    if kind == FK:
        related = getattr(article, name)
        return Side(related.pk if related else None, _fk_text(related), related)
    if kind == ROWS:
        rows = stored_rows(name, article)
        return Side(tuple(r.pk for r in rows), ", ".join(_fk_text(r) for r in rows), rows)
    if kind == FLAG:
        return Side(bool(article.is_featured), _flag_text(article.is_featured))
    value = article.published_at
    return Side(_minute(value), _time_text(value), value)


def posted_side(name, cleaned, rows):
    """Field name of the user's form (cleaned data, inline rows) as a Side (mine)."""
    kind = FIELDS[name][1]
    if kind == ROWS:
        values = rows[name]
        return Side(tuple(v.pk for v in values), ", ".join(_fk_text(v) for v in values), values)
    value = cleaned.get(name)
    if kind in (TEXT, HTML):
        canonical = _text(value) if kind == TEXT else _html(value)
        text = revisions.body_text(value) if kind == HTML else (value or "")
        return Side(canonical, text, value or "")
    if kind == TAGS:
        names = sorted(value or [])
        return Side(_tags(names), ", ".join(names), ", ".join(names))
    if kind == FK:
        return Side(value.pk if value else None, _fk_text(value), value)
    if kind == FLAG:
        return Side(bool(value), _flag_text(value))
    return Side(_minute(value), _time_text(value), value)


def _fk_text(obj):
    return str(obj) if obj is not None else "—"


def stored_rows(name, article):
    """The stored authors or related picks of article, in order (model instances)."""
    if name == "authors":
        links = ArticleAuthor.objects.filter(article=article).select_related("author")
        return [link.author for link in links]
    picks = RelatedArticle.objects.filter(from_article=article).select_related("to_article")
    return [pick.to_article for pick in picks]


def outcome(base, mine, theirs):
    """SAME, MINE, THEIRS or CONFLICT for one field's canonical values."""
    if mine == theirs:
        return SAME
    if base is not UNKNOWN and mine == base:
        return THEIRS
    if base is not UNKNOWN and theirs == base:
        return MINE
    return CONFLICT


def plan(*, names, cleaned, rows, base, current, newest) -> Merge:
    """The merge of the user's copy (cleaned form data and inline rows, for the fields
    in names) with current (the stored article), against base (the revision the user
    opened, or None). newest is the newest revision (who saved, when)."""
    merge = Merge(
        current=current,
        version=current.version,
        who=display_name(newest.created_by) if newest and newest.created_by else "",
        when=newest.created_at if newest else None,
    )
    content = base.content if base is not None else None
    for name in FIELDS:
        if name not in names:
            continue
        mine, theirs = posted_side(name, cleaned, rows), stored_side(name, current)
        result = outcome(base_side(name, content), mine.value, theirs.value)
        merge.fields.append(FieldMerge(name, str(FIELDS[name][0]), result, mine, theirs))
    return merge


# --- the POST of the form, rewritten -------------------------------------------------
def write_theirs(data, names, current):
    """A copy of the form's POST data with the stored article's values of names (the
    fields taken from the newer version) and its version as the form's base_version."""
    data = data.copy()
    for name in names:
        kind = FIELDS[name][1]
        if kind in (TEXT, HTML):
            data[name] = getattr(current, name)
        elif kind == TAGS:
            data[name] = format_tags(current.tags.all())
        elif kind == FK:
            value = getattr(current, f"{name}_id")
            data[name] = "" if value is None else str(value)
        elif kind == FLAG:
            if current.is_featured:
                data[name] = "on"
            else:
                data.pop(name, None)
        elif kind == TIME:
            local = timezone.localtime(current.published_at) if current.published_at else None
            data[f"{name}_0"] = local.strftime("%d/%m/%Y") if local else ""
            data[f"{name}_1"] = local.strftime("%H:%M:%S") if local else ""
        elif kind == ROWS:
            _write_rows(data, name, current)
    data["base_version"] = str(current.version)
    return data


def _write_rows(data, name, current):
    """The inline formset's rows of data replaced by the stored ones."""
    prefix, key = ROW_FIELDS[name]
    fk = "article" if name == "authors" else "from_article"
    model = ArticleAuthor if name == "authors" else RelatedArticle
    links = list(model.objects.filter(**{fk: current}).values_list("pk", f"{key}_id"))
    row_key = re.compile(rf"^{re.escape(prefix)}-\d+-")
    for posted in [k for k in data if row_key.match(k)]:
        del data[posted]
    data[f"{prefix}-TOTAL_FORMS"] = str(len(links))
    data[f"{prefix}-INITIAL_FORMS"] = str(len(links))
    for i, (pk, value) in enumerate(links):
        data[f"{prefix}-{i}-id"] = str(pk)
        data[f"{prefix}-{i}-{fk}"] = str(current.pk)
        data[f"{prefix}-{i}-{key}"] = str(value)
        data[f"{prefix}-{i}-position"] = str(i)


def chosen_theirs(data, names):
    """The fields whose merge choice (``_merge_<field>``) in data is "theirs"."""
    return [name for name in names if data.get(f"_merge_{name}") == THEIRS]


def mergeable_names(form_fields, *, rows: bool):
    """The merged fields a form has (and the inline rows when the user may edit them)."""
    names = {name for name in FIELDS if name in form_fields}
    if rows:
        names.update(ROW_FIELDS)
    return names


def newest_copy(article: Article) -> Article:
    """The stored row of article, as read now (theirs)."""
    return Article.objects.select_related("section", "cover_image").get(pk=article.pk)
