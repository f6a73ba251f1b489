"""Phone pages offer sharp pictures: every srcset reaches three times its slot (a 390 px
screen at 3x), capped at what the original has."""

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
SCREEN = 390
DENSITY = 3


def slot_width(sizes):
    """The px width a sizes attribute gives on a 390 px phone (its last, default entry)."""
    default = sizes.split(",")[-1].strip()
    if default.endswith("vw"):
        return SCREEN * float(default[:-2]) / 100
    assert default.endswith("px"), sizes
    return float(default[:-2])


def offered(html):
    """(largest srcset width, slot width) of every <source>/<img> with a srcset."""
    found = []
    for tag in re.findall(r"<(?:source|img)\b[^>]*>", html):
        srcset = re.search(r'srcset="([^"]+)"', tag)
        sizes = re.search(r'sizes="([^"]+)"', tag)
        if srcset and sizes:
            widths = [int(w) for w in re.findall(r" (\d+)w", srcset.group(1))]
            found.append((max(widths), slot_width(sizes.group(1))))
    return found


@pytest.fixture
def paper():
    section = SectionFactory(name="Công đoàn", show_on_home=True)
    big = ImageFactory(file=image_upload(size=(2400, 1350)))
    small = ImageFactory(file=image_upload(size=(700, 394)))
    for img in (big, small):
        refresh(img)
    now = timezone.now()
    articles = [
        ArticleFactory(
            section=section,
            cover_image=big if n % 2 == 0 else small,
            is_featured=n < 3,
            published_at=now - timedelta(hours=n + 1),
        )
        for n in range(14)
    ]
    return {"section": section, "article": articles[0], "small": small}


@pytest.mark.parametrize("page", ["home", "article", "section"])
def test_phone_srcsets_reach_three_times_the_slot(client, paper, page):
    url = {
        "home": "/",
        "article": paper["article"].get_absolute_url(),
        "section": paper["section"].get_absolute_url(),
    }[page]
    html = client.get(url, HTTP_USER_AGENT=IPHONE).content.decode()
    assert 'data-device="mobile"' in html
    images = offered(html)
    assert images, page
    small_width = paper["small"].width
    for largest, slot in images:
        # The small original caps what can be offered; the large one must reach 3x.
        assert largest >= min(slot * DENSITY, small_width) or largest == small_width, (
            page,
            largest,
            slot,
        )
        if largest > small_width:
            assert largest >= slot * DENSITY, (page, largest, slot)


def test_a_small_original_is_never_enlarged(paper):
    small = paper["small"]
    assert max(r.width for r in small.renditions.all() if not r.spec.startswith("og")) <= 700
