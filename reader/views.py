"""Every page a reader sees: home, article, section, tag, author, search, robots and errors.

Views read through selectors (articles.selectors, sections.selectors), pick what goes
where with reader.blocks, and render the desktop or mobile template of the request's
device (reader.device.render_device). The staff preview of an article renders here too.
"""

from django.conf import settings
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
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from articles import permissions, selectors, stats
from articles.forms import ArticleAdminForm, posted_rows
from articles.models import Article, Tag, tag_key
from authors.models import Author
from core.sanitize import sanitize_html
from core.text import normalize_text_fields, slugify_vi
from sections.selectors import section_children, section_for_page

from . import blocks, seo
from . import search as search_module
from .device import render_device
from .pagination import page_path, paginate
from .seo import PageMeta, absolute_url, page_title


def home(request):
    """Home page: lead story, featured, latest, sections, most read. Template: reader/home.html."""
    chosen = blocks.home_blocks()
    by_id = selectors.fetch_for_lists(chosen.all_ids())
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
    return render_device(request, "reader/home.html", context)


def article(request, pk, slug=None):
    """Article page. Template: reader/article.html."""
    found = selectors.article_for_page(pk=int(pk))
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
    if not stats.is_bot(request.headers.get("User-Agent")):
        stats.record_view(found.pk)
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
    chosen = blocks.article_blocks(article)
    by_id = selectors.fetch_for_lists(chosen.all_ids(), covers=False)
    # One query for the renditions of every cover on the page, the article's included.
    prefetch_related_objects([article, *by_id.values()], *selectors.COVER_PREFETCH)
    context = {
        "article": article,
        "authors": authors,
        "tags": tags,
        "related_links": selectors.pick(by_id, chosen.related),
        "interest": selectors.pick(by_id, chosen.interest),
        "mustread": selectors.pick(by_id, chosen.mustread),
        "other": selectors.pick(by_id, chosen.other),
        "most_read": selectors.pick(by_id, chosen.most_read),
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


def section(request, slug, parent=None):
    """Section page with its child sections' articles, newest first, 20 per page.
    Template: reader/section.html."""
    found = section_for_page(slug=slug, parent_slug=parent)
    if found is None:
        raise Http404
    # The lead (newest featured) opens page 1, large; the list goes on without it.
    lead_id = blocks.section_lead_id(found)
    page = paginate(request, selectors.section_articles(section=found).exclude(pk=lead_id))
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
            title=seo.page_title(found.name),
            description=seo.describe(found.description)
            or _("%(section)s news, updated all day.") % {"section": found.name},
            path=page_path(found.get_absolute_url(), page),
        ),
    }
    return render_device(request, "reader/section.html", context)


def tag(request, slug):
    """Articles with a tag, newest first. Template: reader/tag.html."""
    found = get_object_or_404(Tag, slug=slug)
    page = paginate(request, selectors.tag_articles(tag=found))
    context = {
        "tag": found,
        "page": page,
        **blocks.sidebar(exclude=[a.pk for a in page.object_list]),
        "meta": seo.PageMeta(
            title=seo.page_title(found.name, _("Keyword")),
            description=_("News about %(tag)s") % {"tag": found.name},
            path=page_path(found.get_absolute_url(), page),
        ),
    }
    return render_device(request, "reader/tag.html", context)


def author(request, slug):
    """Author page: bio, photo and articles. Template: reader/author.html."""
    found = get_object_or_404(
        Author.objects.select_related("photo").prefetch_related("photo__renditions"), slug=slug
    )
    page = paginate(request, selectors.author_articles(author=found))
    context = {
        "author": found,
        "page": page,
        **blocks.sidebar(exclude=[a.pk for a in page.object_list]),
        "meta": seo.PageMeta(
            title=seo.page_title(found.name, _("Author")),
            description=seo.describe(found.bio)
            or _("Articles by %(author)s") % {"author": found.name},
            path=page_path(found.get_absolute_url(), page),
            image=found.photo,
            type="profile",
        ),
    }
    return render_device(request, "reader/author.html", context)


def search(request):
    """Search results for ?q=, best first, 20 per page. Template: reader/search.html."""
    raw = request.GET.get("q", "")
    query = search_module.parse(raw)
    page = None
    if query is not None:
        page = paginate(request, search_module.search_articles(query))
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
    context = {"meta": PageMeta(title=page_title(_("Page not found")), noindex=True)}
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
