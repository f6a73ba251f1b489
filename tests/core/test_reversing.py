"""quick_reverse gives what reverse() gives, for every value and script prefix."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core import reversing
from core.reversing import quick_reverse


@pytest.fixture(autouse=True)
def fresh_templates():
    reversing._templates.clear()
    yield
    set_script_prefix("/")


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("articles:detail", {"slug": "cong-doan-thu-do", "pk": 7}),
        ("articles:detail", {"slug": "bai-2024", "pk": 123456789012}),
        ("articles:detail", {"slug": "x", "pk": 1}),
        ("articles:tag", {"slug": "tet-nguyen-dan"}),
        ("sections:detail", {"slug": "cong-doan"}),
        ("sections:child", {"parent": "thoi-su", "slug": "ha-noi"}),
        ("authors:detail", {"slug": "nguyen-van-a"}),
    ],
)
def test_the_same_url_as_reverse(name, kwargs):
    expected = reverse(name, kwargs=kwargs)
    assert quick_reverse(name, **kwargs) == expected
    assert quick_reverse(name, **kwargs) == expected  # from the template this time


def test_each_value_is_filled_in_from_one_template():
    first = quick_reverse("articles:detail", slug="mot", pk=1)
    second = quick_reverse("articles:detail", slug="hai-ba", pk=23)
    assert (first, second) == ("/mot-1.html", "/hai-ba-23.html")
    assert len(reversing._templates) == 1


def test_the_script_prefix_is_followed():
    quick_reverse("articles:tag", slug="tet")
    set_script_prefix("/bao/")
    assert quick_reverse("articles:tag", slug="tet") == "/bao/tag/tet/"
    assert quick_reverse("articles:tag", slug="tet") == reverse(
        "articles:tag", kwargs={"slug": "tet"}
    )


@pytest.mark.parametrize("slug", ["co_gach", "tiếng-việt", "a b", ""])
def test_other_values_go_through_reverse_itself(slug):
    try:
        expected = reverse("articles:tag", kwargs={"slug": slug})
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            quick_reverse("articles:tag", slug=slug)
    else:
        assert quick_reverse("articles:tag", slug=slug) == expected


def test_another_url_conf_gets_its_own_template(settings):
    assert quick_reverse("articles:detail", slug="mot", pk=1) == "/mot-1.html"
    settings.ROOT_URLCONF = "tests.core.other_urls"
    assert quick_reverse("articles:detail", slug="mot", pk=1) == "/bai/1/mot/"
