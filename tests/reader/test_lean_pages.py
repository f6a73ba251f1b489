"""Phone pages send what a phone uses: one srcset per picture (WebP; the <img> keeps a
plain src), no thumbnails in "Tin khác", no full-width pictures for the home page's
section blocks, no Twitter copies of the OpenGraph tags."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from media.renditions import refresh
from tests.factories import ArticleFactory, ImageFactory, SectionFactory, image_upload

pytestmark = pytest.mark.django_db

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def paper():
    section = SectionFactory(name="Công đoàn")
    cover = ImageFactory(file=image_upload(size=(1600, 900)))
    refresh(cover)
    now = timezone.now()
    articles = [
        ArticleFactory(
            section=section,
            cover_image=cover,
            is_featured=n % 4 == 0,
            published_at=now - timedelta(hours=n + 1),
        )
        for n in range(30)
    ]
    return {"section": section, "article": articles[0]}


def phone(client, url):
    return client.get(url, HTTP_USER_AGENT=IPHONE).content.decode()


def block(html, name):
    return re.search(rf'data-block="{name}".*?</section>', html, re.S).group(0)


@pytest.mark.parametrize("page", ["home", "article", "section"])
def test_phone_pictures_carry_one_srcset(client, paper, page):
    url = {
        "home": "/",
        "article": paper["article"].get_absolute_url(),
        "section": paper["section"].get_absolute_url(),
    }[page]
    html = phone(client, url)
    pictures = re.findall(r"<picture>(.*?)</picture>", html, re.S)
    assert pictures
    for picture in pictures:
        assert re.search(r'<source type="image/webp" srcset="[^"]+"', picture)
        img = re.search(r"<img[^>]*>", picture).group(0)
        assert "srcset=" not in img and 'src="' in img


def test_desktop_pictures_keep_their_fallback_srcset(client, paper):
    html = client.get(paper["article"].get_absolute_url()).content.decode()
    img = re.search(r"<picture>.*?(<img[^>]*>)", html, re.S).group(1)
    assert "srcset=" in img


def test_phone_other_news_and_home_sections_are_light(client, paper):
    article = phone(client, paper["article"].get_absolute_url())
    other = block(article, "other")
    assert "<img" not in other and other.count('class="citem"') >= 1
    home = phone(client, "/")
    for section in re.findall(r'data-block="section".*?</section>', home, re.S):
        assert "card-" not in section  # a thumbnail, not a full-width card picture
    assert "twitter:title" not in article and "twitter:image" not in article
