"""The legal footer: an administrator edits the site settings page, every public page on
both devices shows it, cached and forgotten when it changes."""

from datetime import date

import pytest
from django.urls import reverse

from imprint.models import SiteSettings
from imprint.selectors import site_settings
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
CHANGE_URL = reverse("admin:imprint_sitesettings_change", args=[1])


@pytest.fixture
def filled():
    return SiteSettings.objects.create(
        governing_body="Liên đoàn Lao động thành phố Hà Nội",
        licence_number="58/GP-BTTTT",
        licence_issuer="Bộ Thông tin và Truyền thông",
        licence_date=date(2020, 1, 20),
        editor_in_chief="Nguyễn Văn A",
        address="51 Hàng Bồ, Hoàn Kiếm, Hà Nội",
        phone="024 3825 2441",
        email="toasoan@laodongthudo.example",
        reprint_notice="Không được sao chép khi chưa có sự đồng ý bằng văn bản.",
    )


def pages():
    section = SectionFactory(name="Công đoàn")
    author = AuthorFactory(name="Bảo Dương")
    article = ArticleFactory(section=section, authors=[author], tags=["Đoàn viên"])
    tag = article.tags.get()
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "search": "/tim-kiem/?q=cong+doan",
        "404": "/khong-co-trang-nay/",
    }


@pytest.mark.parametrize("agent", ["desktop", IPHONE])
def test_every_page_shows_the_legal_footer(client, filled, agent):
    headers = {"HTTP_USER_AGENT": agent} if agent != "desktop" else {}
    for name, url in pages().items():
        html = client.get(url, **headers).content.decode()
        footer = html[html.index("<footer") :]
        for text in (
            "Cơ quan chủ quản: <strong>Liên đoàn Lao động thành phố Hà Nội</strong>",
            "Giấy phép hoạt động báo điện tử số 58/GP-BTTTT do Bộ Thông tin và Truyền thông "
            "cấp ngày 20/01/2020.",
            "Tổng biên tập: <strong>Nguyễn Văn A</strong>",
            "Địa chỉ: 51 Hàng Bồ, Hoàn Kiếm, Hà Nội",
            'href="tel:02438252441"',
            "mailto:toasoan@laodongthudo.example",
            "Không được sao chép khi chưa có sự đồng ý bằng văn bản.",
        ):
            assert text in footer, (name, agent, text)


def test_the_settings_are_read_once_then_cached(filled, django_assert_num_queries):
    site_settings()
    with django_assert_num_queries(0):
        assert site_settings().editor_in_chief == "Nguyễn Văn A"


def test_an_administrator_edits_the_one_settings_page(client, superuser, filled):
    client.force_login(superuser)
    site_settings()  # cached before the change
    listing = client.get(reverse("admin:imprint_sitesettings_changelist"))
    assert listing.status_code == 302 and listing["Location"] == CHANGE_URL
    assert client.get(reverse("admin:imprint_sitesettings_add")).status_code == 403
    form = client.get(CHANGE_URL)
    assert "Cơ quan chủ quản" in form.content.decode()
    data = {
        "governing_body": "Tổng Liên đoàn Lao động Việt Nam",
        "licence_number": "99/GP-BTTTT",
        "licence_issuer": "Bộ Văn hóa, Thể thao và Du lịch",
        "licence_date": "",
        "editor_in_chief": "Trần Thị Đào",
        "deputy_editors": "Lê Văn Bình, Phạm Thu Hà",
        "address": "Số 1 Tràng Thi, Hà Nội",
        "phone": "024 0000 0000",
        "email": "bandoc@laodongthudo.example",
        "reprint_notice": "Ghi rõ nguồn khi phát hành lại thông tin.",
    }
    response = client.post(CHANGE_URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SiteSettings.objects.count() == 1
    home = client.get("/").content.decode()
    assert "Tổng biên tập: <strong>Trần Thị Đào</strong>" in home  # the cache was purged
    assert "báo điện tử số 99/GP-BTTTT do Bộ Văn hóa, Thể thao và Du lịch cấp." in home
    assert "Phó Tổng biên tập: Lê Văn Bình, Phạm Thu Hà" in home


def test_a_bad_email_is_refused_with_a_vietnamese_message(client, superuser, filled):
    client.force_login(superuser)
    response = client.post(CHANGE_URL, {"email": "không phải email", "reprint_notice": "x"})
    assert response.status_code == 200
    assert "Nhập địa chỉ email" in response.content.decode()
    assert SiteSettings.objects.get().email == "toasoan@laodongthudo.example"


def test_a_second_row_cannot_exist(filled):
    SiteSettings(editor_in_chief="Người khác").save()
    assert SiteSettings.objects.count() == 1
    assert SiteSettings.objects.get().editor_in_chief == "Người khác"
