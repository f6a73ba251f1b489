"""reverse() for the URLs a page prints by the hundred (article, section, tag links).

Django's reverse() matches the pattern's converters on every call: a list page prints
~80 article links, and reverse was a tenth of the article page's time. ``quick_reverse``
reverses each URL name once per script prefix and URL resolver, with placeholder values,
and then fills the placeholders in. Only values made of ASCII letters, digits and "-"
(every slug and id the models store) are filled in; anything else goes through reverse()
itself, with its checks and quoting. The site's patterns accept every such value.
"""

import re

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse

_PLAIN = re.compile(r"[-a-zA-Z0-9]+\Z")
_templates = {}
_MAX_TEMPLATES = 256


def _placeholder(index, value):
    # Placeholders the converters accept and real URLs never contain.
    return str(9_190_000_000_000 + index) if isinstance(value, int) else f"qxv{index}vxq"


def quick_reverse(viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs), from a template made once."""
    names = sorted(kwargs)
    values = [kwargs[name] for name in names]
    if not all(
        isinstance(value, int | str) and not isinstance(value, bool) and _PLAIN.match(str(value))
        for value in values
    ):
        return reverse(viewname, kwargs=kwargs)
    # The resolver object itself: a URL conf reloaded or overridden (tests) is a new one.
    shape = (
        get_script_prefix(),
        get_resolver(get_urlconf()),
        viewname,
        tuple((name, isinstance(value, int)) for name, value in zip(names, values, strict=True)),
    )
    template = _templates.get(shape)
    if template is None:
        markers = [_placeholder(index, value) for index, value in enumerate(values)]
        url = reverse(viewname, kwargs=dict(zip(names, markers, strict=True)))
        if any(url.count(marker) != 1 for marker in markers):
            return reverse(viewname, kwargs=kwargs)
        # Literal pieces at even positions, the markers (as value indexes) at odd ones.
        pieces = re.split("(" + "|".join(map(re.escape, markers)) + ")", url)
        template = [markers.index(p) if i % 2 else p for i, p in enumerate(pieces)]
        if len(_templates) < _MAX_TEMPLATES:
            _templates[shape] = template
    return "".join(str(values[p]) if i % 2 else p for i, p in enumerate(template))
