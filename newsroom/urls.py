"""The project's URLs: the admin (at ADMIN_URL), the editor's upload endpoint and the
public site (reader.urls)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from media import views as media_views

handler403 = "newsroom.views.permission_denied"
handler404 = "reader.views.page_not_found"
handler500 = "newsroom.views.server_error"  # 503 while the database is unavailable

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("cms/upload-image/", media_views.ckeditor_upload, name="ckeditor_upload"),
    path("", include("reader.urls")),
]

if settings.DEBUG:
    # In production the web server or object storage serves uploads.
    urlpatterns.insert(
        0, re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
