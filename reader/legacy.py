"""Old links keep working: a request the site answers with 404 whose path is the old
address (source_url) of an imported article is sent there with a 301."""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect

from articles.models import Article, source_path_of
from core.site import file_url_prefixes


class LegacyRedirectMiddleware:
    """After the view: a GET or HEAD answered 404 looks its path up once (an indexed
    query on Article.source_path) and, for a published article, answers 301 instead."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Files and the admin: never an old article's address (prefixes read once).
        self.not_articles = (*file_url_prefixes(), f"/{settings.ADMIN_URL}")

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        if request.path.startswith(self.not_articles):
            return response
        target = legacy_target(request.get_full_path())
        return HttpResponsePermanentRedirect(target) if target else response


def legacy_target(full_path):
    """The URL of the published article whose old address had full_path, or None."""
    path = source_path_of("http://old" + full_path if full_path.startswith("/") else "")
    if not path or len(path) > Article._meta.get_field("source_path").max_length:
        return None
    article = (
        Article.objects.published()
        .filter(source_path=path)
        .only("pk", "slug")
        .order_by("pk")
        .first()
    )
    return article.get_absolute_url() if article else None
