"""Vietnamese text helpers: NFC normalisation, the one de-accenting fold, slugs.

Plain functions that every model and the reader site use; this package imports no app.
"""

import re
import unicodedata

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


def clean_text(value):
    """value as it may be stored: NFC, line-breaking controls made a space, every other
    control, lone surrogate and non-character removed. Non-strings pass unchanged."""
    if not isinstance(value, str):
        return value
    value = _NOT_TEXT.sub("", _LINE_BREAKING.sub(" ", value))
    return unicodedata.normalize("NFC", value)


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
