"""{% image %} and {% image_url %}: library images on public pages, from their renditions.

Both only read: a page never makes a rendition. They read img.renditions.all(), so a
view that prefetched "cover_image__renditions" (or "renditions") pays no query per image.
"""

from django import template
from django.utils.html import format_html, format_html_join

from media.renditions import SPECS, available_variants, url_for

register = template.Library()


@register.simple_tag
def image(img, spec, *, sizes=None, loading="lazy", css_class="", alt=None, fetchpriority=None):
    """Render img (a media.Image or None) for the named spec: thumb, card, article or og.

    A <picture> with a WebP <source> and an <img> in the original's format, both with
    srcset and sizes; width and height are those of the <img>'s src file. Renditions a
    worker has not made yet are never made here: the tag shows those of a spec of the
    same shape, else the original (media.renditions.available_variants).
    """
    if img is None or not img.file:
        return ""
    webp, fallback = available_variants(img, spec)
    if fallback:
        default = fallback[0]
        src, width, height = default.file.url, default.width, default.height
    else:
        src, width, height, webp = img.file.url, img.width, img.height, []
    if len(fallback) > 1 or webp:
        sizes = sizes or (SPECS[spec].sizes if spec in SPECS else "") or None
    attrs = {
        "src": src,
        "srcset": _srcset(fallback) if len(fallback) > 1 or webp else None,
        "sizes": sizes,
        "width": width or None,
        "height": height or None,
        "alt": img.alt if alt is None else alt,
        "loading": loading,
        "decoding": "async",
        "class": css_class or None,
        "fetchpriority": fetchpriority,
    }
    html = format_html("<img{}>", _attributes(attrs))
    if not webp:
        return html
    source = {"type": "image/webp", "srcset": _srcset(webp), "sizes": sizes}
    return format_html("<picture><source{}>{}</picture>", _attributes(source), html)


@register.simple_tag
def image_url(img, spec):
    """URL of img's rendition for spec (relative; callers make it absolute).

    The narrowest file in the original's format (for "og" the 1200x630 JPEG), or the
    original when the image has no rendition yet.
    """
    return url_for(img, spec)


def _srcset(renditions):
    return ", ".join(f"{r.file.url} {r.width}w" for r in renditions)


def _attributes(attrs):
    return format_html_join("", ' {}="{}"', ((k, v) for k, v in attrs.items() if v is not None))
