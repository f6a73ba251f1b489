"""An unknown session cookie is dropped, not answered with a new session per request;
a staff session still slides its idle timeout on every request."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_unknown_session_cookie_writes_nothing_and_is_deleted(client, settings):
    article = ArticleFactory()
    client.cookies[settings.SESSION_COOKIE_NAME] = "hethanhoacbiachua"
    for _ in range(3):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
    assert Session.objects.count() == 0
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value == "" and cookie["max-age"] == 0  # the browser drops it


def test_a_staff_session_is_extended_on_every_request(client, settings):
    client.force_login(UserFactory(is_staff=True))
    session = Session.objects.get()
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=5))
    assert client.get("/").status_code == 200
    extended = Session.objects.get(pk=session.pk)
    assert extended.expire_date > timezone.now() + timedelta(
        seconds=settings.SESSION_COOKIE_AGE - 60
    )
    assert Session.objects.count() == 1
