"""Server-side sanitiser for every stored rich-text field (CKEditor output, imports).

nh3 keeps the allowed tags, attributes and URL schemes; the attribute filter below also
checks what nh3 does not: each style declaration's value and every URL of a srcset.
check_html_limits() refuses, before any parsing, what would make parsing slow: the HTML
parser's work grows with the nesting depth at each tag (40,000 nested <div>s took
seconds), so depth and size are capped and sanitising stays linear in the body's size.
"""

import re
from html import unescape
from urllib.parse import urlsplit

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "div",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "iframe",
    "img",
    "li",
    "ol",
    "p",
    "picture",
    "pre",
    "s",
    "source",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "style", "title", "lang"},
    "a": {"href", "target"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading"},
    "source": {"srcset", "sizes", "type", "media"},
    "iframe": {"src", "width", "height", "allow", "allowfullscreen", "frameborder"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "type"},
}
ALLOWED_STYLE_PROPERTIES = {
    "text-align",
    "float",
    "width",
    "height",
    "max-width",
    "margin",
    "margin-left",
    "margin-right",
    "border",
    "border-width",
    "border-style",
    "padding",
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Images load from this site or over http(s): a srcset candidate may name nothing else.
IMAGE_URL_SCHEMES = {"http", "https"}
# A style value is lengths, percentages, keywords and #colours: no function (url(),
# expression(), var()), no escape, comment, quote or at-rule can be written with these.
SAFE_STYLE_VALUE = re.compile(r"[a-z0-9#%.,\-\s]+", re.ASCII | re.IGNORECASE)

# Limits of a rich-text body. CKEditor's own output and pastes from Word or Google Docs
# nest about ten deep; a long article with tables is a few hundred kilobytes.
MAX_HTML_DEPTH = 60
MAX_HTML_CHARS = 1_000_000

# Only video players we trust may be embedded.
IFRAME_HOSTS = {
    "www.youtube.com",
    "youtube.com",
    "www.youtube-nocookie.com",
    "player.vimeo.com",
    "www.facebook.com",
}


def _iframe_src_allowed(value):
    parts = urlsplit(value.strip())
    return parts.scheme == "https" and parts.hostname in IFRAME_HOSTS


def _clean_style(value):
    """The allowed declarations of a style attribute whose values are plain, or None."""
    kept = []
    for declaration in value.split(";"):
        name, colon, css = declaration.partition(":")
        name, css = name.strip().lower(), css.strip()
        if colon and name in ALLOWED_STYLE_PROPERTIES and SAFE_STYLE_VALUE.fullmatch(css):
            kept.append(f"{name}:{css}")
    return ";".join(kept) or None


def _url_allowed(url, schemes):
    """A relative URL, or an absolute one with one of schemes (whatever its case)."""
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
    compact = re.sub(r"[\x00-\x20]", "", unescape(url))
    scheme, colon, _rest = compact.partition(":")
    if not colon or "/" in scheme or "?" in scheme or "#" in scheme:
        return True  # no scheme: a path on this site
    return scheme.lower() in schemes


def _clean_srcset(value):
    """The candidates of a srcset whose URL is allowed, or None if none is."""
    kept = []
    for candidate in value.split(","):
        parts = candidate.split()
        if parts and _url_allowed(parts[0], IMAGE_URL_SCHEMES):
            kept.append(" ".join(parts))
    return ", ".join(kept) or None


def _filter_attribute(tag, attribute, value):
    if tag == "iframe" and attribute == "src" and not _iframe_src_allowed(value):
        return None
    if attribute == "target":
        return "_blank" if value == "_blank" else None
    if attribute == "style":
        return _clean_style(value)
    if attribute == "srcset":
        return _clean_srcset(value)
    return value


# Elements without content, and those whose end tag HTML lets one leave out: the depth
# count below closes them as a browser would, so old archives' unclosed <p>s and <li>s
# are not mistaken for nesting.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr", "param"}
IMPLIED_END = {"p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot"}
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")


def html_depth(html, *, stop_at=None):
    """How deeply html nests its elements (an upper bound, counted in one pass); stops
    counting past stop_at."""
    stack, deepest = [], 0
    for match in TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            # Close the innermost open element of that name; a stray end tag closes nothing.
            for index in range(len(stack) - 1, -1, -1):
                if stack[index] == name:
                    del stack[index:]
                    break
            continue
        if name in VOID or self_closing:
            continue
        if name in IMPLIED_END and stack and stack[-1] == name:
            stack.pop()
        elif stack and stack[-1] == "p" and name not in {"a", "b", "i", "em", "strong", "span"}:
            stack.pop()  # a block closes an open paragraph
        stack.append(name)
        deepest = max(deepest, len(stack))
        if stop_at is not None and deepest > stop_at:
            break
    return deepest


def check_html_limits(html):
    """Raise ValidationError if html is too large or nested too deeply to be stored."""
    if not html:
        return
    if len(html) > MAX_HTML_CHARS:
        raise ValidationError(
            _("The content is too long (%(size)d characters; the limit is %(limit)d).")
            % {"size": len(html), "limit": MAX_HTML_CHARS},
            code="too_large",
        )
    # Each level opens a tag, so html with fewer "<" than the limit cannot pass it (the
    # usual article: no parse needed).
    if (
        html.count("<") > MAX_HTML_DEPTH
        and html_depth(html, stop_at=MAX_HTML_DEPTH) > MAX_HTML_DEPTH
    ):
        raise ValidationError(
            _(
                "The content nests its elements too deeply (more than %(limit)d levels). "
                "Remove the empty frames or paste it again as plain text."
            )
            % {"limit": MAX_HTML_DEPTH},
            code="too_deep",
        )


def sanitize_html(html):
    """Return html with only the allowed tags, attributes, styles and URL schemes.

    Raises ValidationError for html beyond check_html_limits(): forms and the importer
    check first and show the message; this keeps any other writer from a slow parse."""
    if not html:
        return ""
    check_html_limits(html)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "noscript", "template", "object", "embed"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return cleaned.strip()
