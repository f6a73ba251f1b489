import unicodedata
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Tag
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_text_fields_are_stored_in_nfc():
    title = unicodedata.normalize("NFD", "Người lao động Thủ đô")
    article = ArticleFactory(title=title, sapo=unicodedata.normalize("NFD", "Chiều nay"))
    article.refresh_from_db()
    assert article.title == "Người lao động Thủ đô"
    assert unicodedata.is_normalized("NFC", article.sapo)
    assert article.slug == "nguoi-lao-dong-thu-do"


def test_published_article_needs_a_published_time():
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    article.status = Article.Status.PUBLISHED
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()


def test_article_slugs_may_repeat_the_id_keeps_urls_unique():
    a = ArticleFactory(title="Họp báo Chính phủ")
    b = ArticleFactory(title="Họp báo Chính phủ")
    assert a.slug == b.slug == "hop-bao-chinh-phu"
    assert a.get_absolute_url() == f"/hop-bao-chinh-phu-{a.pk}.html"
    assert a.get_absolute_url() != b.get_absolute_url()


def test_published_queryset_hides_drafts_scheduled_and_withdrawn():
    live = ArticleFactory()
    ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(status=Article.Status.PENDING, published_at=None)
    ArticleFactory(status=Article.Status.WITHDRAWN)
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(minutes=5))
    assert list(Article.objects.published()) == [live]
    assert scheduled in Article.objects.published(now=timezone.now() + timedelta(minutes=6))


def test_tags_get_vietnamese_slugs_and_match_case_insensitively():
    article = ArticleFactory(tags=["Đoàn thanh niên", "An toàn giao thông"])
    other = ArticleFactory()
    other.tags.add("đoàn thanh niên")
    assert Tag.objects.count() == 2
    assert set(Tag.objects.values_list("slug", flat=True)) == {
        "doan-thanh-nien",
        "an-toan-giao-thong",
    }
    assert article.tags.count() == 2


def test_authors_keep_their_order():
    first, second = AuthorFactory(name="Bảo Dương", byline="B.D"), AuthorFactory()
    article = ArticleFactory(authors=[second, first])
    assert article.ordered_authors == [second, first]


def test_section_slugs_avoid_reserved_addresses():
    section = SectionFactory(name="Tag")
    assert section.slug == "tag-2"
    child = SectionFactory(name="Bạn đọc", parent=SectionFactory(name="Xã hội"))
    assert child.get_absolute_url() == "/xa-hoi/ban-doc/"


def test_author_slug_from_vietnamese_name():
    assert AuthorFactory(name="Đặng Thùy Dương").slug == "dang-thuy-duong"


def test_duplicate_tag_in_other_case_is_a_form_error_not_a_crash():
    from django.core.exceptions import ValidationError

    Tag.objects.create(name="Đoàn thanh niên")
    with pytest.raises(ValidationError) as excinfo:
        Tag(name="ĐOÀN THANH NIÊN").full_clean()
    assert "name" in excinfo.value.message_dict
