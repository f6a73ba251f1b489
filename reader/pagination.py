"""Pagination of public lists: 20 per page, numbered up to MAX_PAGES, then "Cũ hơn" by date.

A daily's readers never need page 62,500, and an OFFSET that deep reads the whole
archive. So ``?page=N`` (N ≤ MAX_PAGES) is a small OFFSET on an index walk, and the last
numbered page's "Cũ hơn" link carries a keyset cursor, ``?truoc=<id>``: the articles
published before that one (by publication time, then id), again 20 at a time, each
page one LIMIT on the same index whatever the archive's size. "Mới hơn" from such a
page is ``?sau=<id>``. No page count, no COUNT(*): a page knows it has a next one by
asking for one row more.

A list is a function ``fetch(limit, offset=0, before=None, after=None)`` returning ids
newest first; ``before``/``after`` are ``(published_at, id)`` keys (after: ascending,
the caller reverses). A bad, out-of-range or unknown page or cursor is a 404, never a 500.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import Http404

from articles import selectors

PER_PAGE = 20
MAX_PAGES = 10
BEFORE = "truoc"
AFTER = "sau"


@dataclass
class ListPage:
    """One page of a list: its articles, its number (None past the numbered pages), the
    links to the newer and older pages."""

    object_list: list
    number: int | None = 1
    previous_url: str | None = None
    next_url: str | None = None
    path: str = ""
    params: dict = field(default_factory=dict)

    @property
    def has_previous(self):
        return self.previous_url is not None

    @property
    def has_next(self):
        return self.next_url is not None

    @property
    def has_other_pages(self):
        return self.has_previous or self.has_next

    @property
    def canonical_path(self):
        return self.url(**self.params)

    def url(self, **params):
        query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
        return f"{self.path}?{query}" if query else self.path

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


def _number(raw):
    if raw in (None, ""):
        return 1
    if not raw.isdigit() or len(raw) > 3:
        raise Http404
    number = int(raw)
    if not 1 <= number <= MAX_PAGES:
        raise Http404
    return number


def _cursor(raw):
    """The (published_at, id) key of the article a cursor names, or 404."""
    if not raw.isdigit() or len(raw) > 18:
        raise Http404
    key = selectors.publication_key(int(raw))
    if key is None:
        raise Http404
    return key


def paginate(request, fetch, *, path, keep=None, load=None, per_page=PER_PAGE):
    """The ListPage the request asks for. fetch gives ids (see the module docstring);
    load turns ids into the articles shown, in order (default: the list template's
    articles). keep: query parameters every link of the list carries (search's q)."""
    keep = {k: v for k, v in (keep or {}).items() if v}
    load = load or selectors.list_articles
    get = request.GET
    if get.get(BEFORE):
        key = _cursor(get[BEFORE])
        ids = fetch(per_page + 1, before=key)
        number, newer, older = None, bool(ids), len(ids) > per_page
        ids = ids[:per_page]
        params = {**keep, BEFORE: get[BEFORE]}
    elif get.get(AFTER):
        key = _cursor(get[AFTER])
        ids = fetch(per_page + 1, after=key)  # oldest first
        newer = len(ids) > per_page
        ids = list(reversed(ids[:per_page]))
        number, older = None, bool(ids)
        params = {**keep, AFTER: get[AFTER]}
    else:
        number = _number(get.get("page"))
        ids = fetch(per_page + 1, offset=(number - 1) * per_page)
        if number > 1 and not ids:
            raise Http404
        newer, older = number > 1, len(ids) > per_page
        ids = ids[:per_page]
        params = {**keep, "page": number if number > 1 else None}
    page = ListPage(load(ids), number=number, path=path, params=params)
    if newer and ids:
        if number is None:
            page.previous_url = page.url(**keep, **{AFTER: ids[0]})
        else:
            page.previous_url = page.url(**keep, page=number - 1 if number > 2 else None)
    if older and ids:
        if number is not None and number < MAX_PAGES:
            page.next_url = page.url(**keep, page=number + 1)
        else:
            page.next_url = page.url(**keep, **{BEFORE: ids[-1]})
    return page


def page_path(path, page):
    """The canonical path of a page of a list: page 1 has no ?page=."""
    if page is None:
        return path
    if isinstance(page, ListPage):
        return page.canonical_path
    return path if page.number == 1 else f"{path}?page={page.number}"
