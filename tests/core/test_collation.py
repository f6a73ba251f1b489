"""Names sort in Vietnamese order (sections, authors, tags; admin and public lists):
"Đ" after every "D", tones after the base letter (a, à, ả, ã, á, ạ), on PostgreSQL
through ICU's "vi-x-icu" and on SQLite through core.text.vi_sort_key."""

import random

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Tag
from authors.models import Author
from core.text import vi_sort_key
from sections.models import Section
from sections.selectors import menu_sections
from tests.factories import AuthorFactory, SectionFactory

# What a Vietnamese dictionary (and PostgreSQL's ICU collation) says.
ORDERED = [
    "An",
    "Ăn",
    "Ân",
    "Ba",
    "Bà",
    "Bả",
    "Bã",
    "Bá",
    "Bạ",
    "Bạc",
    "Bắc",
    "Cuông",
    "Cường",
    "Da",
    "Dạ",
    "Dương",
    "Đa",
    "Đào",
    "Ea",
]


def test_python_sort_key_is_vietnamese_order():
    shuffled = random.Random(14).sample(ORDERED, len(ORDERED))
    assert sorted(shuffled, key=vi_sort_key) == ORDERED
    # Only the tone differs: the tone decides; only Đ/D differs: D first.
    assert sorted(["Lệ", "Lê", "Lề"], key=vi_sort_key) == ["Lê", "Lề", "Lệ"]
    assert sorted(["Đinh", "Dinh"], key=vi_sort_key) == ["Dinh", "Đinh"]
    # Letters before tones: "Lê Hà" after "Lệ" (like ICU), lower case before upper.
    assert sorted(["Lê Hà", "Lệ", "lê"], key=vi_sort_key) == ["lê", "Lệ", "Lê Hà"]
    # Decomposed input (pasted from some editors) sorts like the composed one.
    assert vi_sort_key("Đa\u0300o") == vi_sort_key("Đào")


@pytest.mark.django_db
def test_database_sorts_like_the_dictionary_on_this_database():
    for name in reversed(ORDERED):
        AuthorFactory(name=name)
        Tag.objects.create(name=name)
        SectionFactory(name=name, position=1)
    assert [a.name for a in Author.objects.all()] == ORDERED
    assert [t.name for t in Tag.objects.all()] == ORDERED
    assert [s.name for s in Section.objects.all()] == ORDERED
    assert [s.name for s in menu_sections()] == ORDERED


@pytest.mark.django_db
def test_admin_lists_sort_in_vietnamese(client, superuser):
    for name in ("Đào Hà", "Dương Minh", "Dạ Thảo", "Da Lan"):
        AuthorFactory(name=name)
    client.force_login(superuser)
    html = client.get(reverse("admin:authors_author_changelist")).content.decode()
    positions = [html.index(name) for name in ("Da Lan", "Dạ Thảo", "Dương Minh", "Đào Hà")]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_admin_tag_and_section_lists_sort_in_vietnamese(client, superuser):
    for name in ("Đường sắt", "Dương lịch", "Dạy nghề", "Dạ hội"):
        Tag.objects.create(name=name)
        SectionFactory(name=name, position=0)
    client.force_login(superuser)
    for url in ("admin:articles_tag_changelist", "admin:sections_section_changelist"):
        html = client.get(reverse(url)).content.decode()
        positions = [html.index(n) for n in ("Dạ hội", "Dạy nghề", "Dương lịch", "Đường sắt")]
        assert positions == sorted(positions), url


def test_postgresql_uses_icu_for_vietnamese(postgres):
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT x FROM unnest(%s::text[]) x ORDER BY x COLLATE "vi-x-icu"',
            [list(reversed(ORDERED))],
        )
        assert [row[0] for row in cursor.fetchall()] == ORDERED
