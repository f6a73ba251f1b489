"""Stored HTML as plain text: for search, excerpts, meta descriptions and revision diffs."""

import html
import re

_BLOCK_END = re.compile(
    r"</(?:p|h[1-6]|li|blockquote|figure|figcaption|tr|div)\s*>|<br\s*/?>", re.I
)
_TAGS = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[^\S\n]+")
_LINES = re.compile(r"\s*\n\s*")


def html_to_text(value, *, paragraphs=False):
    """The visible text of value: tags become spaces, entities characters, runs of
    white space one space. With paragraphs=True each block (paragraph, heading, list
    item, line break...) ends a line, and empty lines are dropped."""
    value = value or ""
    value = _BLOCK_END.sub("\n", value) if paragraphs else value.replace("\n", " ")
    text = html.unescape(_TAGS.sub(" ", value)).replace("\xa0", " ")
    text = _SPACES.sub(" ", text)
    if paragraphs:
        return _LINES.sub("\n", text).strip()
    return text.strip()
