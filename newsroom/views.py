from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from articles import related, selectors

from . import search as search_module
from .device import render_device
from .pagination import paginate
from .seo import PageMeta, absolute_url, page_title


def home(request):
    """Home page: lead story, featured, latest, sections, most read. Template: home.html."""
    blocks = related.home_blocks()
    by_id = selectors.fetch_for_lists(blocks.all_ids())
    lead = selectors.pick(by_id, blocks.lead)
    context = {
        "lead": lead[0] if lead else None,
        "featured": selectors.pick(by_id, blocks.featured),
        "latest": selectors.pick(by_id, blocks.latest),
        "section_blocks": [
            (section, selectors.pick(by_id, ids)) for section, ids in blocks.sections
        ],
        "most_read": selectors.pick(by_id, blocks.most_read),
        "meta": PageMeta(
            title=f"{settings.SITE_NAME} | {_('Latest news, updated all day.').rstrip('.')}",
            description=_("Latest news, updated all day."),
            path=reverse("home"),
            image=lead[0].cover_image if lead else None,
        ),
    }
    return render_device(request, "home.html", context)


def search(request):
    """Search results for ?q=, best first, 20 per page. Template: search.html."""
    raw = request.GET.get("q", "")
    query = search_module.parse(raw)
    page = None
    if query is not None:
        page = paginate(request, search_module.search_articles(query))
        for article in page.object_list:
            article.title_html = search_module.highlight(article.title, query)
            if search_module.matches(article.sapo, query) or not search_module.matches(
                search_module.plain_text(article.body), query
            ):
                article.summary_html = search_module.highlight(article.sapo, query)
            else:
                article.summary_html = search_module.excerpt(article.body, query)
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
    return render_device(request, "search.html", context)


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


def gone(request):
    """410 for a withdrawn article. Template: 410.html."""
    context = {"meta": PageMeta(title=page_title(_("Article withdrawn")), noindex=True)}
    return render_device(request, "410.html", context, status=410)


def server_error(request):
    """500 that renders without the database or context processors. Template: 500.html."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"SITE_NAME": settings.SITE_NAME}))
