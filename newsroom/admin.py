from django.conf import settings
from django.contrib import admin
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from articles.dashboard import dashboard
from reader.views import preview, typed_preview

from . import twofactor


class NewsroomAdminSite(admin.AdminSite):
    """Django's admin with the newsroom's dashboard on its index page and the staff
    previews of an article in the public templates: as saved, and as typed in the form
    (a POST of the form, saving nothing)."""

    site_header = settings.SITE_NAME
    site_title = settings.SITE_NAME
    index_title = _("Newsroom")
    # The login asks for an authenticator code from accounts that have one.
    login_form = twofactor.LoginForm
    login_template = "admin/newsroom/login.html"

    def has_permission(self, request):
        # RequireTwoFactorMiddleware redirects; this refuses whatever it did not see.
        if not super().has_permission(request):
            return False
        user = request.user
        if not twofactor.must_use_two_factor(user) or user.is_verified():
            return True
        return request.path_info == reverse(f"admin:{twofactor.SETUP_URL_NAME}")

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
                "two-factor/",
                self.admin_view(lambda request: twofactor.setup_view(self, request)),
                name=twofactor.SETUP_URL_NAME,
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
