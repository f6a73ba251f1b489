from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from . import selectors
from .models import Tag

PER_PAGE = 20


def paginate(request, queryset):
    """The requested page of queryset; a bad or out-of-range ?page= is a 404."""
    try:
        return Paginator(queryset, PER_PAGE).page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404 from exc


def detail(request, pk, slug=None):
    """Article page. Template: articles/detail.html."""
    article = selectors.article_for_page(pk=int(pk))
    if article is None:
        raise Http404
    if slug != article.slug:
        return redirect(article, permanent=True)
    return render(request, "articles/detail.html", {"article": article})


def tag(request, slug):
    """Articles with a tag. Template: articles/tag.html."""
    tag = get_object_or_404(Tag, slug=slug)
    page = paginate(request, selectors.public_articles().filter(tags=tag))
    return render(request, "articles/tag.html", {"tag": tag, "page": page})
