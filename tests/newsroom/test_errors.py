"""403 pages: Vietnamese, in the admin's layout for the admin (PermissionDenied and a
refused CSRF token), in the site's design elsewhere; the other error pages unchanged."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from articles.models import Article
from newsroom import views
from tests.factories import ArticleFactory, UserFactory, role_group

pytestmark = pytest.mark.django_db


def test_permission_denied_in_the_admin_is_vietnamese_in_its_layout(client, reporter):
    other = UserFactory(username="reporter2")
    other.groups.add(role_group("Phóng viên"))
    theirs = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=other)
    client.force_login(reporter)
    response = client.get(reverse("admin:articles_article_change", args=[theirs.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Không có quyền truy cập" in html and "403 Forbidden" not in html
    assert 'id="header"' in html and "admin-newsroom.css" in html
    assert reverse("admin:index") in html


def test_csrf_failure_in_the_admin_explains_what_to_do(reporter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    response = client.post(reverse("admin:articles_article_add"), {"title": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in html and 'id="header"' in html
    assert "CSRF verification failed" not in html
    assert not Article.objects.exists()


def test_public_403_uses_the_site_design(client):
    request = RequestFactory().get("/bat-ky/")
    request.device = "desktop"
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = views.permission_denied(request)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Không có quyền truy cập" in html and 'class="masthead"' in html
    response = views.csrf_failure(request)
    assert "Biểu mẫu đã hết hạn" in response.content.decode()


def test_public_error_pages_still_work(client):
    assert client.get("/khong-co-trang-nay/").status_code == 404
    assert "Không tìm thấy" in client.get("/khong-co-trang-nay/").content.decode()
