from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from newsroom import seo
from newsroom.device import render_device
from newsroom.pagination import page_path, paginate
from newsroom.views import gone

from . import related, selectors, stats
from .models import Tag


def detail(request, pk, slug=None):
    """Article page. Template: articles/detail.html."""
    article = selectors.article_for_page(pk=int(pk))
    if article is None:
        if selectors.is_withdrawn(pk=int(pk)):
            return gone(request)
        raise Http404
    if slug != article.slug:
        url = article.get_absolute_url()
        if request.META.get("QUERY_STRING"):
            url += "?" + request.META["QUERY_STRING"]
        return HttpResponsePermanentRedirect(url)
    response = render_article(request, article)
    if not stats.is_bot(request.headers.get("User-Agent")):
        stats.record_view(article.pk)
    return response


def render_article(request, article, *, preview=False):
    """The article page of article on the request's device (articles/detail.html).

    The public view and the staff preview (preview=True: a "preview" banner, noindex,
    never cached) both render through here. article may come without its relations
    loaded; they are fetched here with a bounded number of queries.
    """
    prefetch_related_objects([article], *selectors.ARTICLE_PAGE_PREFETCH)
    authors = article.ordered_authors
    tags = list(article.tags.all())
    blocks = related.article_blocks(article)
    by_id = selectors.fetch_for_lists(blocks.all_ids(), covers=False)
    # One query for the renditions of every cover on the page, the article's included.
    prefetch_related_objects([article, *by_id.values()], *selectors.COVER_PREFETCH)
    context = {
        "article": article,
        "authors": authors,
        "tags": tags,
        "related_links": selectors.pick(by_id, blocks.related),
        "interest": selectors.pick(by_id, blocks.interest),
        "mustread": selectors.pick(by_id, blocks.mustread),
        "other": selectors.pick(by_id, blocks.other),
        "most_read": selectors.pick(by_id, blocks.most_read),
        "json_ld": seo.article_json_ld(article, authors=authors, tags=tags),
        "preview": preview,
        "active_section_id": article.section.parent_id or article.section_id,
        "meta": seo.PageMeta(
            title=seo.page_title(article.seo_title or article.title),
            headline=article.seo_title or article.title,
            description=seo.describe(article.seo_description or article.sapo),
            path=article.get_absolute_url(),
            image=article.cover_image,
            type="article",
            noindex=preview,
        ),
    }
    response = render_device(request, "articles/detail.html", context)
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
    return response


def tag(request, slug):
    """Articles with a tag, newest first. Template: articles/tag.html."""
    tag = get_object_or_404(Tag, slug=slug)
    page = paginate(request, selectors.tag_articles(tag=tag))
    context = {
        "tag": tag,
        "page": page,
        "meta": seo.PageMeta(
            title=seo.page_title(tag.name, _("Keyword")),
            description=_("News about %(tag)s") % {"tag": tag.name},
            path=page_path(tag.get_absolute_url(), page),
        ),
    }
    return render_device(request, "articles/tag.html", context)
