"""reverse() for the URLs a page prints by the hundred (article, section, tag links).

Django's reverse() matches the pattern's converters on every call: a list page prints
~80 article links, and reverse was a tenth of the article page's time. ``quick_reverse``
reverses each URL name once per script prefix and URL conf, with placeholder values,
and then fills the placeholders in. Only values made of ASCII letters, digits and "-"
(every slug and id the models store) are filled in; anything else goes through reverse()
itself, with its checks and quoting. The site's patterns accept every such value.
"""

import re

from django.urls import get_script_prefix, get_urlconf, reverse

_PLAIN = re.compile(r"[-a-zA-Z0-9]+\Z")
_templates = {}
_MAX_TEMPLATES = 256


def _placeholder(index, value):
    # Placeholders the converters accept and real URLs never contain.
    return str(9_190_000_000_000 + index) if isinstance(value, int) else f"qxv{index}vxq"


def quick_reverse(viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs), from a template made once."""
    values = [(name, value) for name, value in sorted(kwargs.items())]
    if not all(
        isinstance(value, int | str) and not isinstance(value, bool) and _PLAIN.match(str(value))
        for _, value in values
    ):
        return reverse(viewname, kwargs=kwargs)
    shape = (
        get_script_prefix(),
        get_urlconf(),
        viewname,
        tuple((name, isinstance(value, int)) for name, value in values),
    )
    template = _templates.get(shape)
    if template is None:
        placeholders = {
            name: _placeholder(index, value) for index, (name, value) in enumerate(values)
        }
        url = reverse(viewname, kwargs=placeholders)
        parts = [url]
        for index, (name, _value) in enumerate(values):
            marker = placeholders[name]
            if url.count(marker) != 1:
                return reverse(viewname, kwargs=kwargs)
            parts = [piece for part in parts for piece in _split_keep(part, marker, index)]
        template = parts
        if len(_templates) < _MAX_TEMPLATES:
            _templates[shape] = template
    return "".join(str(values[p][1]) if isinstance(p, int) else p for p in template)


def _split_keep(part, marker, index):
    """part split around marker, with the marker replaced by its value's index."""
    if not isinstance(part, str) or marker not in part:
        return [part]
    before, after = part.split(marker)
    return [before, index, after]
