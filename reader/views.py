"""Every page a reader sees: home, article, section, tag, author, search, robots and errors.

Views read through selectors (articles.selectors, sections.selectors), pick what goes
where with reader.blocks, and render the desktop or mobile template of the request's
device (reader.device.render_device). The staff preview of an article renders here too.
"""

import hashlib
from functools import cache, partial

from django.conf import settings
from django.db import OperationalError
from django.db.models import prefetch_related_objects
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import get_object_or_404
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from articles import permissions, selectors
from articles.forms import ArticleAdminForm, posted_rows
from articles.models import Article, ArticleAuthor, Tag, tag_key
from authors.models import Author
from core.sanitize import sanitize_html
from core.text import normalize_text_fields, slugify_vi
from media.models import Image
from sections.models import Section
from sections.selectors import section_children, section_for_page

from . import blocks, keys, seo
from . import cache as page_cache
from . import search as search_module
from .device import device_of, get_device_template, render_device
from .pagination import page_path, paginate
from .seo import PageMeta, absolute_url, page_title
from .timeouts import is_statement_timeout


def home(request):
    """Home page: lead story, featured, latest, sections, most read. Template: reader/home.html."""
    chosen = blocks.home_blocks()
    by_id = selectors.fetch_for_lists(chosen.all_ids())
    # Any change to a listed article purges "home" (reader.keys.keys_for_articles).
    page_cache.add_keys(request, "home", "featured")
    lead = selectors.pick(by_id, chosen.lead)
    context = {
        "lead": lead[0] if lead else None,
        "featured": selectors.pick(by_id, chosen.featured),
        "latest": selectors.pick(by_id, chosen.latest),
        "section_blocks": [
            (section, selectors.pick(by_id, ids)) for section, ids in chosen.sections
        ],
        "most_read": selectors.pick(by_id, chosen.most_read),
        **blocks.sidebar(exclude=chosen.all_ids()),
        "meta": PageMeta(
            title=f"{settings.SITE_NAME} | {_('Latest news, updated all day.').rstrip('.')}",
            description=_("Latest news, updated all day."),
            path=reverse("home"),
            image=lead[0].cover_image if lead else None,
        ),
    }
    return _render_keyed(request, "reader/home.html", context)


@cache
def _record_shape():
    """A tag of the models an article's kept record holds: a record pickled by a release
    whose models differ is never read by this one."""
    fields = [
        f"{model._meta.label}.{field.attname}"
        for model in (Article, Section, Image, ArticleAuthor, Author, Tag)
        for field in model._meta.concrete_fields
    ]
    return hashlib.md5(",".join(fields).encode()).hexdigest()[:10]  # noqa: S324 - a tag


def _story_keys(article, authors, tags):
    """The surrogate keys of a story: itself, its section (and parent), bylines, tags."""
    return [
        keys.article_key(article.pk),
        keys.section_key(article.section_id),
        keys.section_key(article.section.parent_id),
        *(keys.author_key(author.pk) for author in authors),
        *(keys.tag_key(tag.pk) for tag in tags),
    ]


def _record_keys(article):
    """The surrogate keys of what an article's record holds (None: keep nothing; an
    article not yet published appears at its time, without a purge)."""
    if article is None:
        return None
    return [*_story_keys(article, article.ordered_authors, article.tags.all()), "site"]


def article_record(pk):
    """selectors.article_for_page(pk), with its section, cover, authors and tags, kept in
    the page cache until a write purges one of them: an uncached request for a page of
    a story reads no article row."""
    return page_cache.remember(
        f"article-record-{_record_shape()}-{pk}",
        _record_keys,
        lambda: selectors.article_for_page(pk=pk),
    )


def article(request, pk, slug=None):
    """Article page. Template: reader/article.html."""
    found = article_record(int(pk))
    if found is None:
        if selectors.is_withdrawn(pk=int(pk)):
            return gone(request)
        raise Http404
    if slug != found.slug:
        url = found.get_absolute_url()
        if request.META.get("QUERY_STRING"):
            url += "?" + request.META["QUERY_STRING"]
        return HttpResponsePermanentRedirect(url)
    response = render_article(request, found)
    page_cache.count_article_view(request, found.pk)
    page_cache.count_view_on_hits(request, found.pk)
    return response


def preview(request, object_id):
    """The article in the public template, for staff only (404 for everyone else).
    Template: reader/article.html, with a preview banner."""
    found = Article.objects.filter(pk=object_id).first()
    user = request.user
    if found is None or not user.is_authenticated or not user.is_staff:
        raise Http404
    if not permissions.can_view(user, found):
        raise Http404
    return render_article(request, found, preview=True)


@require_POST
def typed_preview(request, object_id=None):
    """What the article form holds, unsaved, in the public template: the form POSTs here
    (a new tab) and nothing is written. For staff who may edit the article (or add one).
    Template: reader/article.html, with a preview banner."""
    user = request.user
    if not user.is_authenticated or not user.is_staff:
        raise Http404
    if object_id is None:
        if not permissions.can_add(user):
            raise Http404
        article = Article(status=Article.Status.DRAFT, created_by=user)
    else:
        article = Article.objects.filter(pk=object_id).first()
        if article is None or not permissions.can_edit(user, article):
            raise Http404
    form = ArticleAdminForm(request.POST, instance=article)
    # Validation copies every valid field onto the unsaved instance; the others keep the
    # stored value (a new article: empty). Nothing is saved.
    form.is_valid()
    # What Article.save() would store: clean text and the sanitised body (the page shows
    # the body as HTML).
    normalize_text_fields(article)
    article.body = sanitize_html(article.body)
    if article.section_id is None:
        context = {
            "errors": form.errors,
            "meta": PageMeta(title=page_title(_("Preview")), noindex=True),
        }
        response = render_device(request, "reader/typed_preview_error.html", context)
        add_never_cache_headers(response)
        return response
    names = form.cleaned_data.get("tags") if "tags" not in form.errors else None
    if names is None:
        tags = list(article.tags.all()) if article.pk else []
    else:
        known = {t.key: t for t in Tag.objects.filter(key__in=[tag_key(n) for n in names])}
        tags = [known.get(tag_key(n)) or Tag(name=n, slug=slugify_vi(n) or "the") for n in names]
    ids = posted_rows(request.POST, "article_authors", "author")
    found = Author.objects.in_bulk(ids)
    authors = [found[pk] for pk in ids if pk in found]
    return render_article(request, article, preview=True, authors=authors, tags=tags)


def render_article(request, article, *, preview=False, authors=None, tags=None):
    """The article page of article on the request's device (reader/article.html).

    The public view and the staff previews (preview=True: a "preview" banner, noindex,
    never cached) render through here. article may come without its relations loaded;
    they are fetched here with a bounded number of queries. authors and tags, when
    given, are shown instead of the stored ones (the preview of an unsaved form).
    """
    if authors is None or tags is None:
        prefetch_related_objects([article], *selectors.ARTICLE_PAGE_PREFETCH)
    authors = article.ordered_authors if authors is None else authors
    tags = list(article.tags.all()) if tags is None else tags
    # An unsaved new article has no address yet: its preview's links point home.
    path = article.get_absolute_url() if article.pk else reverse("home")
    # What the blocks' choice depends on: the article, its section and tags, the
    # featured articles.
    block_keys = [
        keys.article_key(article.pk),
        keys.section_key(article.section_id),
        *(keys.tag_key(tag.pk) for tag in tags),
        "featured",
    ]
    if preview or not article.pk:
        chosen = blocks.article_blocks(article)
    else:
        # The ids of every block, kept until a write changes what they could hold.
        chosen = page_cache.remember(
            f"article-blocks-{article.pk}", block_keys, lambda: blocks.article_blocks(article)
        )
    shown_keys = [keys.article_key(pk) for pk in chosen.all_ids() if pk is not None]
    if not preview:
        page_cache.add_keys(request, *block_keys, *_story_keys(article, authors, tags), *shown_keys)
    loaded = {}

    def render_blocks():
        # Every listed article in one query, every cover's renditions (the article's
        # included) in one more; then the blocks' HTML, for this device.
        loaded.update(selectors.fetch_for_lists(chosen.all_ids(), covers=False))
        prefetch_related_objects([article, *loaded.values()], *selectors.COVER_PREFETCH)
        context = {
            "article": article,
            "interest": selectors.pick(loaded, chosen.interest),
            "mustread": selectors.pick(loaded, chosen.mustread),
            "other": selectors.pick(loaded, chosen.other),
            "most_read": selectors.pick(loaded, chosen.most_read),
        }
        return {
            region: get_device_template(request, f"reader/blocks/article_{region}.html").render(
                context
            )
            for region in ("main", "side")
        }

    if preview or not article.pk:
        html = render_blocks()
    else:
        # The blocks' HTML is kept under the keys of the page (every article it shows,
        # its section, tags, the menu): a write that changes a block purges it with the
        # pages. Until then an uncached request loads and renders only the story.
        html = page_cache.remember(
            f"article-blocks-html-{device_of(request)}-{article.pk}",
            [*block_keys, "site", *shown_keys],
            render_blocks,
        )
    if not loaded:
        loaded = selectors.fetch_for_lists(chosen.related, covers=False)
        prefetch_related_objects([article], *selectors.COVER_PREFETCH)
    context = {
        "article": article,
        "authors": authors,
        "tags": tags,
        "related_links": selectors.pick(loaded, chosen.related),
        "blocks": {region: mark_safe(part) for region, part in html.items()},  # noqa: S308 - rendered by our templates
        "json_ld": seo.article_json_ld(article, authors=authors, tags=tags, url=path),
        "breadcrumb_ld": seo.breadcrumb_json_ld(seo.trail(article.section, article)),
        "preview": preview,
        "active_section_id": article.section.parent_id or article.section_id,
        "meta": seo.PageMeta(
            title=seo.page_title(article.seo_title or article.title),
            headline=article.seo_title or article.title,
            description=seo.describe(article.seo_description or article.tagged_sapo),
            path=path,
            image=article.cover_image,
            type="article",
            noindex=preview,
        ),
    }
    response = render_device(request, "reader/article.html", context)
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
    return response


def _render_keyed(request, name, context):
    """render_device, after naming the sidebar's articles (and the lead) as surrogate
    keys: they come from anywhere, so no section or tag key covers them."""
    shown = [*context.get("side_mustread", ()), *context.get("side_most_read", ())]
    page_cache.add_keys(request, *page_cache.article_keys([*shown, context.get("lead")]))
    return render_device(request, name, context)


def _list_title(name, page, *extra):
    """The <title> of a list page: "Trang 2" on the pages after the first."""
    if page is not None and page.number and page.number > 1:
        name = _("%(name)s - Page %(number)s") % {"name": name, "number": page.number}
    return seo.page_title(name, *extra)


def section(request, slug, parent=None):
    """Section page with its child sections' articles, newest first, 20 per page.
    Template: reader/section.html."""
    found = section_for_page(slug=slug, parent_slug=parent)
    if found is None:
        raise Http404
    path = found.get_absolute_url()
    # The lead (newest featured) opens page 1, large; the list goes on without it.
    lead_id = blocks.section_lead_id(found)
    page = paginate(request, partial(selectors.section_ids, found, exclude=lead_id), path=path)
    # A change to a listed article purges its sections' keys: no per-article keys here.
    page_cache.add_keys(request, keys.section_key(found.pk), keys.section_key(found.parent_id))
    context = {
        "section": found,
        "breadcrumb_ld": seo.breadcrumb_json_ld(seo.trail(found)),
        "page": page,
        **blocks.sidebar(
            section=found,
            exclude=[lead_id, *(a.pk for a in page.object_list)],
            lead=lead_id if page.number == 1 else None,
        ),
        "subsections": section_children().get(found.parent_id or found.pk, []),
        "active_section_id": found.parent_id or found.pk,
        "meta": seo.PageMeta(
            title=_list_title(found.name, page),
            description=seo.describe(found.description)
            or _("%(section)s news, updated all day.") % {"section": found.name},
            path=page_path(path, page),
        ),
    }
    return _render_keyed(request, "reader/section.html", context)


def tag(request, slug):
    """Articles with a tag, newest first. Template: reader/tag.html."""
    found = get_object_or_404(Tag, slug=slug)
    path = found.get_absolute_url()
    page = paginate(request, partial(selectors.tag_ids, found), path=path)
    page_cache.add_keys(request, keys.tag_key(found.pk))
    context = {
        "tag": found,
        "page": page,
        **blocks.sidebar(exclude=[a.pk for a in page.object_list]),
        "meta": seo.PageMeta(
            title=_list_title(found.name, page, _("Keyword")),
            description=_("News about %(tag)s") % {"tag": found.name},
            path=page_path(path, page),
        ),
    }
    return _render_keyed(request, "reader/tag.html", context)


def author(request, slug):
    """Author page: bio, photo and articles. Template: reader/author.html."""
    found = get_object_or_404(
        Author.objects.select_related("photo").prefetch_related("photo__renditions"), slug=slug
    )
    path = found.get_absolute_url()
    page = paginate(request, partial(selectors.author_ids, found), path=path)
    page_cache.add_keys(request, keys.author_key(found.pk))
    context = {
        "author": found,
        "page": page,
        **blocks.sidebar(exclude=[a.pk for a in page.object_list]),
        "meta": seo.PageMeta(
            title=_list_title(found.name, page, _("Author")),
            description=seo.describe(found.bio)
            or _("Articles by %(author)s") % {"author": found.name},
            path=page_path(path, page),
            image=found.photo,
            type="profile",
        ),
    }
    return _render_keyed(request, "reader/author.html", context)


def search(request):
    """Search results for ?q=, best first, 20 per page. Template: reader/search.html.

    A search the database cannot answer within the reader's statement timeout gets its
    own page ("Tìm kiếm quá lâu"), not a 500."""
    raw = request.GET.get("q", "")
    query = search_module.parse(raw)
    page = None
    page_cache.add_keys(request, "search")
    if query is not None:
        try:
            page = paginate(
                request,
                partial(search_module.result_ids, query),
                path=reverse("search"),
                keep={"q": query.text},
                load=search_module.load_results,
            )
        except OperationalError as exc:
            if not is_statement_timeout(exc):
                raise
            return search_timed_out(request, query)
        for found in page.object_list:
            found.title_html = search_module.highlight(found.title, query)
            found.summary_html = search_module.summary(found, query)
    context = {
        "q": (query.text if query else raw.strip()[: search_module.MAX_QUERY_CHARS]),
        "query": query,
        "page": page,
        "meta": PageMeta(
            title=page_title(query.text if query else "", _("Search")),
            description=_("Search the news."),
            path=reverse("search"),
            noindex=True,
        ),
    }
    return render_device(request, "reader/search.html", context)


def search_timed_out(request, query):
    """503 "Tìm kiếm quá lâu, hãy thu hẹp từ khóa": the search took longer than readers'
    queries may. Template: reader/search.html with the message."""
    context = {
        "q": query.text,
        "query": query,
        "page": None,
        "timed_out": True,
        "meta": PageMeta(
            title=page_title(query.text, _("Search")),
            description=_("Search the news."),
            path=reverse("search"),
            noindex=True,
        ),
    }
    response = render_device(request, "reader/search.html", context, status=503)
    response["Retry-After"] = "30"
    add_never_cache_headers(response)
    return response


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    """robots.txt: everything public may be crawled except search; where the sitemaps are."""
    lines = [
        "User-agent: *",
        "Disallow: /tim-kiem/",
        "Disallow: /cms/",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
        f"Sitemap: {absolute_url(reverse('sitemap_news'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    """404 in the site's design. Template: 404.html."""
    context = {
        "meta": PageMeta(
            title=page_title(_("Page not found")),
            description=_("The page you are looking for does not exist or has been moved."),
            path=None,  # no canonical: an error page is nobody's address
            noindex=True,
        )
    }
    return render_device(request, "404.html", context, status=404)


def permission_denied(request, exception=None, *, csrf_failure=False):
    """403 in the site's design (a refused form says so). Template: 403.html."""
    context = {
        "meta": PageMeta(title=page_title(_("Access denied")), noindex=True),
        "csrf_failure": csrf_failure,
    }
    return render_device(request, "403.html", context, status=403)


def gone(request):
    """410 for a withdrawn article. Template: 410.html."""
    context = {"meta": PageMeta(title=page_title(_("Article withdrawn")), noindex=True)}
    return render_device(request, "410.html", context, status=410)


def server_error(request):
    """500 that renders without the database or context processors. Template: 500.html."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"SITE_NAME": settings.SITE_NAME}))
