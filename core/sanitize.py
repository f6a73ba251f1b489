"""Server-side sanitiser for every stored rich-text field (CKEditor output, imports)."""

from urllib.parse import urlsplit

import nh3

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


def _filter_attribute(tag, attribute, value):
    if tag == "iframe" and attribute == "src" and not _iframe_src_allowed(value):
        return None
    if attribute == "target":
        return "_blank" if value == "_blank" else None
    return value


def sanitize_html(html):
    """Return html with only the allowed tags, attributes, styles and URL schemes."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "noscript", "template", "object", "embed"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        filter_style_properties=ALLOWED_STYLE_PROPERTIES,
        strip_comments=True,
    )
    return cleaned.strip()
