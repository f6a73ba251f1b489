"""Vietnamese text helpers: NFC normalisation, the one de-accenting fold, slugs.

Plain functions that every model and the reader site use; this package imports no app.
"""

import functools
import re
import unicodedata

from django.db.models.functions import Collate

SLUG_MAX_LENGTH = 255

_NON_SLUG = re.compile(r"[^a-z0-9\s-]", re.ASCII)
_SEPARATORS = re.compile(r"[\s_-]+", re.ASCII)
# Vietnamese tone and vowel marks are all combining marks once decomposed (NFKD).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def nfc(value):
    """Return value in Unicode NFC (pasted Vietnamese text is often decomposed)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


# Two placements of the tone mark are both in use for "oa", "oe" and "uy": the newer
# "hoà", "thuỷ" and the older "hòa", "thủy". Search reads them as one spelling: each
# pair maps the newer placement to the older. PostgreSQL applies the same table
# (articles/search_index.py builds its SQL from it).
TONE_PLACEMENTS = tuple(
    (base + new, old + second)
    for base, second, pairs in (
        ("o", "a", ("àò", "áó", "ảỏ", "ãõ", "ạọ")),
        ("o", "e", ("èò", "éó", "ẻỏ", "ẽõ", "ẹọ")),
        ("u", "y", ("ỳù", "ýú", "ỷủ", "ỹũ", "ỵụ")),
    )
    for new, old in pairs
)


def tone_placement(text):
    """Lower case, NFC, one placement of the tone mark: "Hoà" -> "hòa", "thuỷ" -> "thủy".

    Diacritics stay (unlike fold): "công" and "cống" remain two words.
    """
    text = unicodedata.normalize("NFC", text or "").lower()
    for new, old in TONE_PLACEMENTS:
        text = text.replace(new, old)
    return text


# Characters that break lines in a word processor but are controls to XML, feeds and
# browsers: Word's Shift+Enter (U+000B), page break (U+000C), NEL, the Unicode separators.
_LINE_BREAKING = re.compile("[\x0b\x0c\x85\u2028\u2029]")
# Other C0/C1 controls (tab, newline and carriage return stay), lone surrogates (only
# from a broken decoder or JSON "\ud800") and the non-characters U+FDD0-U+FDEF and
# U+xFFFE/U+xFFFF of every plane: none is valid in XML, none is text.
_NOT_TEXT = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(17))
    + "]"
)


# Either of the above: one scan finds out whether a text needs cleaning at all.
_ANY_NOT_CLEAN = re.compile(f"{_LINE_BREAKING.pattern}|{_NOT_TEXT.pattern}")


def clean_text(value):
    """value as it may be stored: NFC, line-breaking controls made a space, every other
    control, lone surrogate and non-character removed. Non-strings pass unchanged."""
    if not isinstance(value, str):
        return value
    # isprintable() (C speed) is False for every character cleaned here, and for a few
    # kept ones (newline, tab, NBSP): only then is the text searched.
    if not value.isprintable() and _ANY_NOT_CLEAN.search(value) is not None:
        value = _NOT_TEXT.sub("", _LINE_BREAKING.sub(" ", value))
    return unicodedata.normalize("NFC", value)


# Spaces a pasted lead may start with: any Unicode space (NBSP included), zero-width ones.
_LEAD_SPACE = r"[\s\u200b\u200c\u200d\u2060\ufeff]"
_DASHES = r"[-\u2010-\u2015:]"


@functools.lru_cache(maxsize=8)
def _source_tag_pattern(tag):
    """The regular expression of tag at the start of a text, with its usual variants:
    "(LĐTĐ)", "(LĐTĐ) -", "(LĐTĐ)-", "LĐTĐ -", "LĐTĐ:" and any spaces around them."""
    name = re.escape(nfc(tag).strip().strip("()").strip())
    s = _LEAD_SPACE
    return re.compile(
        rf"^(?:{s}*(?:\({s}*{name}{s}*\){s}*{_DASHES}?|{name}{s}*{_DASHES}){s}*)+",
        re.IGNORECASE,
    )


def strip_source_tag(text, tag):
    """text without the paper's tag (and its variants) at its start, however many times
    it is repeated: "(LĐTĐ) (LĐTĐ) - Chiều 16/8" -> "Chiều 16/8". The page adds the tag
    itself, once. A bare name without brackets is only a tag when a dash follows it
    ("LĐTĐ - Chiều"), so a lead that begins with the name as a word keeps it."""
    if not isinstance(text, str) or not tag or not nfc(tag).strip().strip("()").strip():
        return text
    stripped = _source_tag_pattern(tag).sub("", nfc(text), count=1)
    return stripped if stripped != nfc(text) else text


def fold(text):
    """Lower case without diacritics, like PostgreSQL's unaccent: "Công Đoàn" -> "cong doan".

    The one de-accenting function: search, highlighting, photo credits and slugs use it.
    """
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()


def slugify_vi(value, max_length=SLUG_MAX_LENGTH):
    """ASCII slug of a Vietnamese text: "Đổi mới công tác" -> "doi-moi-cong-tac".

    Django's slugify drops "đ" ("Đổi mới" -> "i-moi"); this keeps it as "d". Long
    titles are cut at a word boundary so the slug fits max_length.
    """
    text = fold(unicodedata.normalize("NFC", str(value)))
    text = _NON_SLUG.sub(" ", text.encode("ascii", "ignore").decode("ascii"))
    slug = _SEPARATORS.sub("-", text).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        # Cut at a word boundary unless that would leave nothing.
        if slug[max_length] != "-" and "-" in cut:
            cut = cut.rsplit("-", 1)[0]
        slug = cut.strip("-")
    return slug


def unique_slug(
    model,
    value,
    *,
    instance_pk=None,
    field="slug",
    max_length=SLUG_MAX_LENGTH,
    fallback="bai-viet",
    reserved=(),
):
    """A slug of value not used by another row of model: suffixed -2, -3, ... on collision."""
    base = slugify_vi(value, max_length) or fallback
    others = (
        model._default_manager.exclude(pk=instance_pk)
        if instance_pk
        else model._default_manager.all()
    )
    taken = set(others.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    taken.update(reserved)
    if base not in taken:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        n += 1


def normalize_text_fields(instance):
    """Clean (clean_text: NFC, no controls) every char/text field of a model instance in
    place."""
    for field in instance._meta.concrete_fields:
        if field.get_internal_type() in {
            "CharField",
            "TextField",
            "SlugField",
            "EmailField",
            "URLField",
        }:
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, clean_text(value))


class NormalizedTextMixin:
    """Model mixin: text fields are stored clean (NFC, no control characters), whatever
    writes the row through save()."""

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)


# --- Vietnamese alphabetical order -----------------------------------------------------
# PostgreSQL sorts names with its ICU collation for Vietnamese; SQLite gets a collation of
# the same name that compares vi_sort_key(), so lists read in the same order on both.
VI_COLLATION = "vi-x-icu"
_ALPHABET = tuple("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")  # one letter each
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# Letters of their own once decomposed: ă (breve), â ê ô (circumflex), ơ ư (horn).
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# The tones in dictionary order: ngang (none), huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _primary(base):
    """Where a base character sorts: spaces and punctuation, digits, letters, the rest."""
    if base in _LETTER_RANK:
        return (2, _LETTER_RANK[base])
    if base.isdigit():
        return (1, ord(base))
    if not base.isalnum():
        return (0, ord(base))
    return (3, ord(base))


def vi_sort_key(text):
    """A key that sorts text as Vietnamese dictionaries do (and ICU's "vi" collation):
    letters first ("Đ" after every "D", "Ư" after "U"), then tones (a, à, ả, ã, á, ạ),
    then case (lower first)."""
    primary, tones, cases = [], [], []
    for char in unicodedata.normalize("NFC", text or ""):
        parts = unicodedata.normalize("NFD", char)
        base, marks = parts[0], parts[1:]
        lower = base.lower()
        letter = unicodedata.normalize(
            "NFC", lower + "".join(m for m in marks if m in _LETTER_MARKS)
        )
        primary.append(_primary(letter if letter in _LETTER_RANK else lower))
        tones.append(max((_TONE_RANK.get(m, 0) for m in marks), default=0))
        cases.append(0 if base == lower else 1)
    return (tuple(primary), tuple(tones), tuple(cases))


def vi_collate(field_name):
    """field_name ordered in Vietnamese on every database: use in ordering."""
    return Collate(field_name, VI_COLLATION)


def vi_compare(a, b):
    """SQLite's collation function: -1, 0 or 1 by vi_sort_key."""
    ka, kb = vi_sort_key(a), vi_sort_key(b)
    return (ka > kb) - (ka < kb)


def register_sqlite_collation(sender, connection, **kwargs):
    """connection_created receiver: SQLite learns the Vietnamese collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(VI_COLLATION, vi_compare)
