"""Desktop or mobile: user agent detection, the ?view= override and its cookie, Vary."""

import re

import pytest

from reader.device import COOKIE, device_from_user_agent

pytestmark = pytest.mark.django_db

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
ANDROID_PHONE = (
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
ZALO = ANDROID_PHONE + " Zalo android/12345"
OPERA_MINI = "Opera/9.80 (J2ME/MIDP; Opera Mini/9.80 (S60; SymbOS; Opera Mobi/23.348; U; en)"
IPAD = (
    "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)
ANDROID_TABLET = (
    "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
DESKTOP_CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)


@pytest.mark.parametrize("ua", [IPHONE, ANDROID_PHONE, ZALO, OPERA_MINI])
def test_phones_get_the_mobile_site(ua):
    assert device_from_user_agent(ua) == "mobile"


@pytest.mark.parametrize("ua", [IPAD, ANDROID_TABLET, DESKTOP_CHROME, "", None, "curl/8.0"])
def test_tablets_computers_and_unknown_agents_get_the_desktop_site(ua):
    assert device_from_user_agent(ua) == "desktop"


def test_phone_gets_mobile_templates(client):
    html = client.get("/", headers={"user-agent": IPHONE}).content.decode()
    assert '<html lang="vi" data-device="mobile">' in html
    assert "Phiên bản máy tính" in html and 'href="/?view=desktop"' in html


def test_desktop_gets_desktop_templates(client):
    html = client.get("/", headers={"user-agent": DESKTOP_CHROME}).content.decode()
    assert '<html lang="vi" data-device="desktop">' in html
    assert "Phiên bản di động" in html and 'href="/?view=mobile"' in html


def test_view_override_is_remembered_in_a_cookie(client):
    response = client.get("/?view=desktop", headers={"user-agent": IPHONE})
    assert 'data-device="desktop"' in response.content.decode()
    cookie = response.cookies[COOKIE]
    assert cookie.value == "desktop"
    assert cookie["max-age"] and cookie["samesite"] == "Lax" and cookie["httponly"]
    # The next request of the same phone, without ?view=, stays on the desktop site.
    html = client.get("/", headers={"user-agent": IPHONE}).content.decode()
    assert 'data-device="desktop"' in html
    # And back.
    client.get("/?view=mobile", headers={"user-agent": IPHONE})
    assert client.cookies[COOKIE].value == "mobile"
    html = client.get("/", headers={"user-agent": DESKTOP_CHROME}).content.decode()
    assert 'data-device="mobile"' in html


def test_unknown_view_values_are_ignored(client):
    response = client.get("/?view=tablet", headers={"user-agent": IPHONE})
    assert 'data-device="mobile"' in response.content.decode()
    assert COOKIE not in response.cookies
    client.cookies[COOKIE] = "tivi"
    assert 'data-device="desktop"' in client.get("/").content.decode()


def test_the_switch_link_keeps_the_other_parameters(client):
    html = client.get("/tim-kiem/?q=cong+doan&page=1").content.decode()
    assert 'href="/tim-kiem/?q=cong+doan&amp;page=1&amp;view=mobile"' in html


def test_responses_vary_on_user_agent_and_cookie(client):
    for url in ("/", "/tim-kiem/?q=a", "/khong-co/"):
        vary = {v.strip() for v in client.get(url)["Vary"].split(",")}
        assert {"User-Agent", "Cookie"} <= vary, url


def test_preview_links_in_the_admin_do_not_switch_the_public_site(client, settings):
    response = client.get(f"/{settings.ADMIN_URL}login/?view=mobile")
    assert COOKIE not in response.cookies


@pytest.mark.parametrize(
    "path",
    # The test client would read "//evil.example/" as a host; "/%2F" reaches the view as
    # the path "//evil.example/", as a browser's request for that path does.
    [
        "/%2Fevil.example/",
        "/\\evil.example/",
        "/%5Cevil.example/",
        "/%09/evil.example/",
        "/\\/e.x/",
    ],
)
def test_the_switch_link_stays_on_this_site(client, path):
    """The 404 page of a path that looks like another host links to a path of ours."""
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    links = re.findall(r'href="([^"]*view=mobile[^"]*)"', html)
    assert links, html
    for link in links:
        assert link.startswith("/") and link[1:2] not in ("/", "\\"), link
        # Browsers drop tabs and newlines from a URL and read "\\" as "/".
        assert not re.search(r"[\s\\]", link), link
