"""Pagination of public lists: 20 per page, ?page=N, a bad page is a 404."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404

PER_PAGE = 20


def paginate(request, object_list, per_page=PER_PAGE):
    """The requested page; a non-numeric or out-of-range ?page= is a 404, never a 500."""
    try:
        return Paginator(object_list, per_page).page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404 from exc


def page_path(path, page):
    """The canonical path of a page of a list: page 1 has no ?page=."""
    return path if page is None or page.number == 1 else f"{path}?page={page.number}"
