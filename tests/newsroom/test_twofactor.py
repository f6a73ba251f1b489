"""Two-factor login: enrolment with a computed TOTP code, the login's code field, and
ADMIN_REQUIRE_2FA for editors and administrators."""

import base64
import re

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.roles import EDITORS, REPORTERS
from tests.factories import UserFactory, role_group

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-thu-nghiem"
SETUP = reverse("admin:two_factor_setup")
LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")


@pytest.fixture
def editor(db):
    user = UserFactory(username="bientap", password=PASSWORD)
    user.groups.add(role_group(EDITORS))
    return user


@pytest.fixture
def reporter(db):
    user = UserFactory(username="phongvien", password=PASSWORD)
    user.groups.add(role_group(REPORTERS))
    return user


def code(device, offset=0):
    return f"{totp(device.bin_key, t0=device.t0, step=device.step, drift=offset):06d}"


def enrol(client):
    """Open the setup page, read the key it shows, confirm with the current code."""
    html = client.get(SETUP).content.decode()
    secret = re.search(r'two-factor__secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    assert "<svg" in html  # the QR code, drawn on this server
    response = client.post(SETUP, {"token": f"{totp(base64.b32decode(secret)):06d}"})
    return response, TOTPDevice.objects.get()


def test_enrolment_with_the_shown_key_turns_two_factor_on(client, editor):
    client.force_login(editor)
    response, device = enrol(client)
    assert response.status_code == 302 and response["Location"] == INDEX
    assert device.confirmed and device.user == editor
    assert client.get(INDEX).status_code == 200


def test_a_wrong_code_does_not_enrol(client, editor):
    client.force_login(editor)
    client.get(SETUP)
    device = TOTPDevice.objects.get()
    response = client.post(SETUP, {"token": "123456" if code(device) != "123456" else "654321"})
    assert response.status_code == 200
    assert "Mã không khớp" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


@pytest.fixture
def enrolled(editor):
    return TOTPDevice.objects.create(user=editor, name="app", confirmed=True)


def login(client, token=None):
    data = {"username": "bientap", "password": PASSWORD}
    if token is not None:
        data["otp_token"] = token
    return client.post(LOGIN, data)


def test_login_asks_for_the_code_of_an_enrolled_account(client, enrolled):
    response = login(client)
    assert response.status_code == 200
    assert "Mã xác thực không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_code_counts_as_a_failed_login(client, enrolled):
    wrong = "000000" if code(enrolled) != "000000" else "111111"
    assert login(client, wrong).status_code == 200
    assert AccessAttempt.objects.get(username="bientap").failures_since_start >= 1


def test_login_with_the_current_code_is_verified(client, enrolled):
    response = login(client, code(enrolled))
    assert response.status_code == 302
    assert client.get(INDEX).status_code == 200
    assert client.session.get("otp_device_id") == enrolled.persistent_id


def test_without_the_setting_staff_without_an_authenticator_log_in_as_before(client, editor):
    assert login(client).status_code == 302
    assert client.get(INDEX).status_code == 200


def test_required_two_factor_sends_editors_to_the_setup_page(client, editor, settings):
    settings.ADMIN_REQUIRE_2FA = True
    assert login(client).status_code == 302
    response = client.get(INDEX)
    assert response.status_code == 302 and response["Location"] == SETUP
    setup = client.get(SETUP)
    assert "bắt buộc đăng nhập hai bước" in setup.content.decode()
    enrol(client)
    assert client.get(INDEX).status_code == 200


def test_required_two_factor_covers_superusers_not_reporters(client, reporter, superuser, settings):
    settings.ADMIN_REQUIRE_2FA = True
    client.force_login(reporter)
    assert client.get(INDEX).status_code == 200
    client.force_login(superuser)
    assert client.get(INDEX)["Location"] == SETUP


def test_the_admin_refuses_an_unverified_session_even_without_the_middleware(
    client, editor, settings
):
    settings.ADMIN_REQUIRE_2FA = True
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "newsroom.twofactor.RequireTwoFactorMiddleware"
    ]
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_a_session_older_than_the_enrolment_logs_in_again(client, editor):
    client.force_login(editor)  # a session opened without a code
    TOTPDevice.objects.create(user=editor, name="app", confirmed=True)  # enrolled elsewhere
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session
