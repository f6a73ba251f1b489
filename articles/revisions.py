"""Readable differences between two versions of an article's text: a word-level diff
marked inline (<del> for what went, <ins> for what came), for the history page, the
restore confirmation and the merge screen of a stale save."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.html import html_to_text

# Words (letters and digits, Vietnamese included), runs of punctuation, runs of spaces:
# a diff of these tokens marks whole words and keeps the text's own spacing.
TOKENS = re.compile(r"\w+|[^\w\s]+|\s+")
BOTH, OLD, NEW = "both", "old", "new"


def body_text(html):
    """The body's text, one line per paragraph (so a diff reads like the article)."""
    return html_to_text(html, paragraphs=True)


def _marked(tag, tokens):
    text = "".join(tokens)
    if not text:
        return ""
    if text.isspace():
        return escape(text)
    # Spaces around a changed run stay outside the mark, so marks hug the words.
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{escape(lead)}<{tag}>{escape(text.strip())}</{tag}>{escape(trail)}"


def word_diff(old: str, new: str, *, show: str = BOTH) -> SafeString:
    """HTML of the word-level difference from old to new, everything escaped.

    show=BOTH: the new text with deleted words in <del> and inserted ones in <ins>
    (the history page); OLD: old's text with the words new lacks in <del>; NEW: new's
    text with the words old lacks in <ins> (the merge screen's two columns).
    """
    parts = []
    for equal, gone, came in _chunks(TOKENS.findall(old or ""), TOKENS.findall(new or "")):
        if equal is not None:
            parts.append(escape("".join(equal)))
            continue
        if show in (BOTH, OLD):
            parts.append(_marked("del", gone))
        if show in (BOTH, NEW):
            parts.append(_marked("ins", came))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def _chunks(before, after):
    """[(equal tokens or None, deleted tokens, inserted tokens)] from before to after;
    changes separated by a lone space are one change ("Thủ đô" → "thành phố")."""
    # autojunk would treat frequent tokens (spaces, "và") as noise in long bodies.
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    chunks = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            chunks.append([before[i1:i2], [], []])
        else:
            chunks.append([None, before[i1:i2], after[j1:j2]])
    merged = []
    for i, chunk in enumerate(chunks):
        space_between = (
            chunk[0] is not None
            and "".join(chunk[0]).isspace()
            and 0 < i < len(chunks) - 1
            and chunks[i + 1][0] is None
            and merged
            and merged[-1][0] is None
        )
        if space_between:
            merged[-1][1] += chunk[0]
            merged[-1][2] += chunk[0]
        elif chunk[0] is None and merged and merged[-1][0] is None:
            merged[-1][1] += chunk[1]
            merged[-1][2] += chunk[2]
        else:
            merged.append(chunk)
    return merged


def field_texts(content):
    """Each compared field of a revision's content as plain text."""
    texts = {
        _("Title"): content.get("title", ""),
        _("Sapo"): content.get("sapo", ""),
        _("Body"): body_text(content.get("body", "")),
        _("Section"): (content.get("section") or {}).get("name", ""),
        _("Tags"): ", ".join(content.get("tags", [])),
        _("Authors"): ", ".join(a["name"] for a in content.get("authors", [])),
        _("Cover"): (content.get("cover") or {}).get("title", ""),
        _("Cover caption"): content.get("cover_caption", ""),
    }
    # Stored by newer revisions only: compared when both sides have them.
    optional = {
        "related": (_("Related articles"), lambda v: ", ".join(r["title"] for r in v)),
        "slug": (_("Slug"), str),
        "seo_title": (_("SEO title"), str),
        "seo_description": (_("SEO description"), str),
    }
    for key, (label, text) in optional.items():
        if key in content:
            texts[label] = text(content[key] or "")
    return {capfirst(label): text for label, text in texts.items()}


def diff(old, new):
    """[(field label, inline diff HTML or None when equal)] from revision old to new."""
    before, after = field_texts(old.content), field_texts(new.content)
    rows = []
    for label, old_text in before.items():
        if label not in after:
            continue
        new_text = after[label]
        rows.append((label, None if old_text == new_text else word_diff(old_text, new_text)))
    return rows
