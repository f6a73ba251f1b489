from django.conf import settings
from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from articles.dashboard import dashboard
from reader.views import preview, typed_preview


class NewsroomAdminSite(admin.AdminSite):
    """Django's admin with the newsroom's dashboard on its index page and the staff
    previews of an article in the public templates: as saved, and as typed in the form
    (a POST of the form, saving nothing)."""

    site_header = settings.SITE_NAME
    site_title = settings.SITE_NAME
    index_title = _("Newsroom")

    def index(self, request, extra_context=None):
        return super().index(request, {**dashboard(request.user), **(extra_context or {})})

    def get_urls(self):
        return [
            # Before the article admin's "<path:object_id>/", which would match it. Not
            # wrapped in admin_view: anonymous readers get 404, not a login page.
            path(
                "articles/article/<int:object_id>/preview/",
                preview,
                name="articles_article_preview",
            ),
            path(
                "articles/article/<int:object_id>/preview/typed/",
                typed_preview,
                name="articles_article_typed_preview",
            ),
            path(
                "articles/article/add/preview/typed/",
                typed_preview,
                name="articles_article_add_typed_preview",
            ),
            *super().get_urls(),
        ]
