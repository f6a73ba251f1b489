from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from media import views as media_views

from . import views

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Newsroom"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("cms/upload-image/", media_views.ckeditor_upload, name="ckeditor_upload"),
    path("", views.home, name="home"),
    path("", include("articles.urls")),
    path("tac-gia/", include("authors.urls")),
    path("", include("sections.urls")),
]

if settings.DEBUG:
    # In production the web server or object storage serves uploads.
    urlpatterns.insert(
        0, re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
