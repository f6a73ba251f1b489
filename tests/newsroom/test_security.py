"""The Content-Security-Policy, the login lockout, staff sessions and passwords."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from newsroom.security import client_ip
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-thu-nghiem"
LOGIN = reverse("admin:login")


def policy(response):
    """The enforced policy as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


# --- Content-Security-Policy --------------------------------------------------------------
@pytest.mark.parametrize("url", ["/", "/tim-kiem/?q=cong+doan", "/khong-co/", "/rss/home.rss"])
def test_public_pages_enforce_a_strict_policy(client, url):
    response = client.get(url)
    assert "Content-Security-Policy-Report-Only" not in response
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]  # no inline script, no nonce, no eval
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in " ".join(csp["img-src"] + csp["connect-src"])


def test_the_article_page_allows_the_embeds_bodies_may_hold(client):
    article = ArticleFactory()
    csp = policy(client.get(article.get_absolute_url()))
    assert "https://www.youtube.com" in csp["frame-src"]
    assert csp["script-src"] == ["'self'"]


def test_admin_pages_are_strict_except_the_editor(client, superuser):
    client.force_login(superuser)
    article = ArticleFactory()
    strict = policy(client.get(reverse("admin:index")))
    assert strict["script-src"] == ["'self'"]
    assert strict["frame-ancestors"] == ["'none'"]
    assert "blob:" in strict["img-src"]  # the focal point picker shows the chosen file
    for url in (
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[article.pk]),
    ):
        editor = policy(client.get(url))
        # CKEditor 4's toolbar runs inline handlers, its editing frame an inline script.
        assert editor["script-src"] == ["'self'", "'unsafe-inline'"]
        assert "'unsafe-eval'" not in editor["script-src"]
        assert editor["frame-ancestors"] == ["'none'"]
    listing = policy(client.get(reverse("admin:articles_article_changelist")))
    assert listing["script-src"] == ["'self'"]


def test_the_login_page_is_strict(client):
    assert policy(client.get(LOGIN))["script-src"] == ["'self'"]


def test_the_storage_host_is_allowed_for_images(settings, client):
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "img-src": ["'self'", "https://anh.example.vn"],
        }
    }
    assert policy(client.get("/"))["img-src"] == ["'self'", "https://anh.example.vn"]


# --- login lockout --------------------------------------------------------------------------
@pytest.fixture
def staff(db):
    return UserFactory(username="bientap", password=PASSWORD)


def attempt(client, password, username="bientap", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, **headers)


def test_twenty_wrong_passwords_then_the_right_one_is_refused(client, staff, settings):
    for _ in range(20):
        response = attempt(client, "sai-mat-khau")
        assert response.status_code in (200, 429)
    response = attempt(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert "Đăng nhập sai quá nhiều lần" in html
    assert f"{int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)} phút" in html


def test_the_lockout_starts_after_the_failure_limit(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "sai-mat-khau").status_code == 200
    assert attempt(client, PASSWORD).status_code == 302  # four mistakes are forgiven
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "sai-mat-khau")
    assert attempt(client, PASSWORD).status_code == 429


def test_the_account_is_locked_from_every_address(client, staff, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "sai-mat-khau", REMOTE_ADDR=f"10.0.0.{n + 1}")
    assert attempt(client, PASSWORD, REMOTE_ADDR="10.0.1.1").status_code == 429


def test_an_address_is_locked_whatever_accounts_it_tries(client, staff, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "sai-mat-khau", username=f"khong-co-{n}", REMOTE_ADDR="10.9.9.9")
    assert attempt(client, PASSWORD, REMOTE_ADDR="10.9.9.9").status_code == 429
    assert attempt(client, PASSWORD, REMOTE_ADDR="10.9.9.10").status_code == 302


def test_the_cool_off_expires(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "sai-mat-khau")
    assert attempt(client, PASSWORD).status_code == 429
    past = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=past)
    assert attempt(client, PASSWORD).status_code == 302


def test_an_administrator_unlocks_an_editor_in_the_admin(client, staff, superuser, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "sai-mat-khau")
    assert attempt(client, PASSWORD).status_code == 429
    admin = client.__class__()
    admin.force_login(superuser)
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert "bientap" in listing.content.decode()
    ids = list(AccessAttempt.objects.values_list("pk", flat=True))
    response = admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert attempt(client, PASSWORD).status_code == 302


class Request:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


def test_forwarded_for_is_ignored_unless_behind_the_proxy(settings):
    settings.BEHIND_PROXY = False
    assert client_ip(Request("203.0.113.5", "1.2.3.4")) == "203.0.113.5"


@pytest.mark.parametrize(
    ("forwarded", "count", "expected"),
    [
        ("198.51.100.7", 1, "198.51.100.7"),
        ("6.6.6.6, 198.51.100.7", 1, "198.51.100.7"),  # the client's own entry is a lie
        ("6.6.6.6, 198.51.100.7, 10.0.0.2", 2, "198.51.100.7"),  # a CDN, then the LB
        ("", 1, "10.0.0.1"),
        ("198.51.100.7", 2, "10.0.0.1"),  # fewer hops than proxies: not from them
        ("999.1.1.1", 1, "10.0.0.1"),  # not an address
        ("2001:db8::1", 1, "2001:db8::1"),
    ],
)
def test_behind_the_proxy_the_load_balancers_entry_is_the_client(
    settings, forwarded, count, expected
):
    settings.BEHIND_PROXY = True
    settings.PROXY_COUNT = count
    assert client_ip(Request("10.0.0.1", forwarded)) == expected


def test_behind_the_proxy_the_lockout_follows_the_forwarded_address(client, staff, settings):
    settings.BEHIND_PROXY = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(
            client,
            "sai-mat-khau",
            username="khong-co",
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
    locked = attempt(client, PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert locked.status_code == 302  # another reader behind the same load balancer


# --- sessions and passwords -----------------------------------------------------------------
def test_staff_sessions_end_after_a_working_day_idle(client, staff, settings):
    assert 8 * 3600 <= settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST  # the day counts from the last request
    client.force_login(staff)
    client.get(reverse("admin:index"))
    age = client.session.get_expiry_age()
    assert age == settings.SESSION_COOKIE_AGE


def test_a_password_change_ends_the_other_sessions(client, staff, superuser):
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 200
    admin = client.__class__()
    admin.force_login(superuser)
    response = admin.post(
        reverse("admin:auth_user_password_change", args=[staff.pk]),
        {
            "password1": "Cong-doan-2026!x",
            "password2": "Cong-doan-2026!x",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 302  # to the login page


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("password123", "quá phổ biến"),
        ("12345678901", "hoàn toàn là số"),
        ("ngan-qua", "quá ngắn"),
        ("nguyenvana1", "quá giống"),
    ],
)
def test_staff_passwords_go_through_the_validators(client, superuser, password, reason):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "nguyenvana",
            "password1": password,
            "password2": password,
            "usable_password": "true",
        },
    )
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors.get("password2", []))
    assert reason in errors, errors
    assert not get_user_model().objects.filter(username="nguyenvana").exists()
