"""Readable differences between two article revisions, for the admin's history page."""

import difflib

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.html import html_to_text


def body_lines(html):
    """The body's text, one line per paragraph (so a diff reads like the article)."""
    return html_to_text(html, paragraphs=True).splitlines()


def field_lines(content):
    """Each compared field of a revision's content as lines of text."""
    return {
        _("Title"): [content.get("title", "")],
        _("Sapo"): [content.get("sapo", "")],
        _("Body"): body_lines(content.get("body", "")),
        _("Section"): [(content.get("section") or {}).get("name", "")],
        _("Tags"): [", ".join(content.get("tags", []))],
        _("Authors"): [", ".join(a["name"] for a in content.get("authors", []))],
        _("Cover"): [(content.get("cover") or {}).get("title", "")],
        _("Cover caption"): [content.get("cover_caption", "")],
    }


def diff(old, new):
    """[(field label, HTML table or None when equal)] comparing revision old with new."""
    before, after = field_lines(old.content), field_lines(new.content)
    differ = difflib.HtmlDiff(wrapcolumn=70)
    rows = []
    for label, old_lines in before.items():
        new_lines = after[label]
        if old_lines == new_lines:
            rows.append((label, None))
            continue
        # HtmlDiff escapes the text it shows, so the table is safe to mark as such.
        table = differ.make_table(
            old_lines,
            new_lines,
            _("Version %(v)s") % {"v": old.version},
            _("Version %(v)s") % {"v": new.version},
        )
        rows.append((label, mark_safe(table)))  # noqa: S308
    return rows
