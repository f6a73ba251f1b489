"""{% image %}: responsive <img>/<picture> markup for library images on public pages."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def image(img, spec, *, sizes=None, loading="lazy", css_class="", alt=None, fetchpriority=None):
    """Render img (a media.Image or None) for the named spec: thumb, card, article or og."""
    if img is None or not img.file:
        return ""
    attrs = {
        "src": img.file.url,
        "alt": img.alt if alt is None else alt,
        "width": img.width,
        "height": img.height,
        "loading": loading,
        "decoding": "async",
    }
    if css_class:
        attrs["class"] = css_class
    if sizes:
        attrs["sizes"] = sizes
    if fetchpriority:
        attrs["fetchpriority"] = fetchpriority
    html = "".join(format_html(' {}="{}"', k, v) for k, v in attrs.items() if v is not None)
    return format_html("<img{}>", html)


@register.simple_tag
def image_url(img, spec):
    """URL of img's rendition for spec (relative; callers make it absolute)."""
    if img is None or not img.file:
        return ""
    return img.file.url
