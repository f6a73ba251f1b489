"""Which articles the article page and the home page show, and the rules behind it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import selectors
from articles.models import Article, RelatedArticle
from reader import blocks as related
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def story(hours_ago, **kwargs):
    return ArticleFactory(published_at=timezone.now() - timedelta(hours=hours_ago), **kwargs)


@pytest.fixture
def section():
    return SectionFactory(name="Công đoàn")


def test_editor_picks_come_first_in_their_order_then_automatic(section):
    article = story(1, section=section, tags=["Lương"])
    pick_b, pick_a = story(50, section=SectionFactory()), story(60, section=SectionFactory())
    RelatedArticle.objects.create(from_article=article, to_article=pick_a, position=0)
    RelatedArticle.objects.create(from_article=article, to_article=pick_b, position=1)
    tagged = story(5, section=SectionFactory(), tags=["Lương"])
    blocks = related.article_blocks(article)
    assert blocks.related == [pick_a.pk, pick_b.pk, tagged.pk]


def test_more_shared_tags_rank_first_then_same_section_then_newest(section):
    article = story(1, section=section, tags=["Lương", "Thưởng Tết", "Hà Nội"])
    other = SectionFactory()
    one_tag_new = story(2, section=other, tags=["Lương"])
    two_tags_old = story(30, section=other, tags=["Lương", "Hà Nội"])
    same_section_only = story(3, section=section)
    one_tag_same_section = story(40, section=section, tags=["Thưởng Tết"])
    ids = related.ranked_related_ids(article, limit=10)
    assert ids == [two_tags_old.pk, one_tag_same_section.pk, one_tag_new.pk, same_section_only.pk]


def test_no_article_twice_never_itself_only_published(section):
    article = story(10, section=section, tags=["Lương"], is_featured=True)
    for hours in range(1, 30):
        story(hours + 10, section=section, tags=["Lương"], is_featured=hours % 3 == 0)
    ArticleFactory(section=section, tags=["Lương"], status=Article.Status.DRAFT, published_at=None)
    story(-5, section=section, tags=["Lương"], is_featured=True)  # scheduled
    story(6, section=section, tags=["Lương"], status=Article.Status.WITHDRAWN)
    blocks = related.article_blocks(article)
    ids = blocks.all_ids()
    assert len(ids) == len(set(ids))
    assert article.pk not in ids
    published = set(Article.objects.published().values_list("pk", flat=True))
    assert set(ids) <= published
    assert len(blocks.related) == related.RELATED_LINKS
    assert len(blocks.interest) == related.INTEREST
    assert len(blocks.mustread) == related.MUST_READ
    assert len(blocks.other) == related.OTHER


def test_other_news_are_the_newest_of_the_same_section_not_already_on_the_page(section):
    newer = story(1, section=section)
    article = story(10, section=section, tags=["Lương"])
    older = [story(10 + n, section=section) for n in range(1, 20)]
    # Related by tag: they fill "Tin liên quan" and "Có thể bạn quan tâm".
    elsewhere = [story(n / 10, section=SectionFactory(), tags=["Lương"]) for n in range(1, 10)]
    blocks = related.article_blocks(article)
    assert blocks.other[0] == newer.pk  # newer news of the section too, newest first
    shown = blocks.related + blocks.interest + blocks.mustread
    expected = [a.pk for a in [newer, *older] if a.pk not in shown][: related.OTHER]
    assert blocks.other == expected
    assert not set(blocks.other) & {a.pk for a in elsewhere}


def test_other_news_are_fewer_rather_than_another_sections(section):
    article = story(5, section=section)
    own = story(6, section=section)
    child = SectionFactory(parent=section)
    in_child = story(7, section=child)
    for n in range(20):
        story(1 + n / 10, section=SectionFactory())
    blocks = related.article_blocks(article)
    listed = Article.objects.filter(pk__in=blocks.other)
    assert set(listed.values_list("section", flat=True)) <= {section.pk}
    # "Tin liên quan" takes the one same-section article first: nothing left to list.
    assert own.pk in blocks.related + blocks.other
    assert in_child.pk not in blocks.other
    assert len(blocks.other) <= 1


def test_must_read_are_featured_newest_first_then_filled_with_newest(section):
    article = story(1, section=section)
    featured_old, featured_new = (
        story(30, is_featured=True, section=SectionFactory()),
        story(20, is_featured=True, section=SectionFactory()),
    )
    plain = [story(40 + n, section=SectionFactory()) for n in range(20)]
    blocks = related.article_blocks(article)
    assert blocks.mustread[:2] == [featured_new.pk, featured_old.pk]
    assert len(blocks.mustread) == related.MUST_READ
    assert set(blocks.mustread[2:]) <= {a.pk for a in plain}


def test_blocks_are_filled_with_fallbacks_when_nothing_is_related(section):
    article = story(1, section=section)
    others = [story(2 + n, section=SectionFactory()) for n in range(30)]
    blocks = related.article_blocks(article)
    assert blocks.related == []  # unrelated news are not "related"
    assert len(blocks.interest) == related.INTEREST
    assert len(blocks.mustread) == related.MUST_READ
    assert blocks.other == []  # no article of its section: no "Tin khác" from others
    # The top-up takes the newest articles not already placed, in page order.
    assert blocks.interest == [a.pk for a in others[: related.INTEREST]]


def test_blocks_are_deterministic(section):
    article = story(1, section=section, tags=["Lương"])
    same_time = timezone.now() - timedelta(hours=3)
    for _ in range(12):
        ArticleFactory(section=section, tags=["Lương"], published_at=same_time)
    first = related.article_blocks(article)
    assert related.article_blocks(article) == first
    # Equal times: the higher id (the later one created) first.
    assert first.related == sorted(first.related, reverse=True)


def test_a_lone_article_gets_empty_blocks(section):
    article = story(1, section=section)
    assert related.article_blocks(article).all_ids() == []


def test_unsaved_preview_article_lists_its_section_but_never_itself(section):
    article = Article(title="Bản nháp", sapo="...", section=section)
    other = story(2, section=section)
    blocks = related.article_blocks(article)
    assert blocks.other == [other.pk]


def test_most_read_ranks_by_views_and_skips_what_the_page_shows(section):
    article = story(1, section=section)
    newer = [story(2 + n, section=SectionFactory()) for n in range(30)]
    popular = story(100, section=SectionFactory(), view_count=500)
    less = story(90, section=SectionFactory(), view_count=50)
    newer[0].view_count = 900  # shown in "interest" already: not again in "most read"
    newer[0].save()
    blocks = related.article_blocks(article)
    assert newer[0].pk in blocks.interest
    assert blocks.most_read[:2] == [popular.pk, less.pk]
    assert len(blocks.all_ids()) == len(set(blocks.all_ids()))


def test_most_read_prefers_the_last_week():
    old_hit = story(24 * 30, view_count=10_000)
    recent = story(2, view_count=10)
    ids = selectors.most_read_ids()
    assert ids.index(recent.pk) < ids.index(old_hit.pk)


# --- Home page ----------------------------------------------------------------------


def test_home_lead_is_the_newest_featured_story():
    story(1)
    older_featured = story(5, is_featured=True)
    lead = story(3, is_featured=True)
    blocks = related.home_blocks()
    assert blocks.lead == [lead.pk]
    assert blocks.featured == [older_featured.pk]


def test_home_without_featured_stories_leads_with_the_newest():
    newest = story(1)
    story(2)
    blocks = related.home_blocks()
    assert blocks.lead == [newest.pk]
    assert newest.pk not in blocks.latest


def test_home_section_blocks_in_menu_order_with_children_and_no_repeats():
    second = SectionFactory(name="Xã hội", position=2)
    first = SectionFactory(name="Công đoàn", position=1)
    hidden = SectionFactory(name="Ẩn", position=3, show_on_home=False)
    child = SectionFactory(name="Bạn đọc", parent=second, position=1)
    for n in range(related.LATEST + 1):
        story(n, section=SectionFactory(show_on_home=False))  # the lead and "latest"
    in_first = [story(50 + n, section=first) for n in range(8)]
    in_child = story(49, section=child)
    story(48, section=hidden)
    blocks = related.home_blocks()
    sections = [section for section, _ids in blocks.sections]
    assert sections[:2] == [first, second]
    assert hidden not in sections
    by_section = dict(blocks.sections)
    assert by_section[first] == [a.pk for a in in_first[: related.PER_SECTION]]
    assert by_section[second] == [in_child.pk]
    ids = blocks.all_ids()
    assert len(ids) == len(set(ids))


def test_per_section_query_is_one_query_and_respects_exclusions(django_assert_num_queries):
    sections = [SectionFactory() for _ in range(4)]
    made = {s.pk: [story(n, section=s) for n in range(1, 8)] for s in sections}
    excluded = made[sections[0].pk][0].pk
    with django_assert_num_queries(1):
        found = selectors.newest_ids_per_section(
            sections=sections, per_section=3, exclude={excluded}
        )
    assert found[sections[0].pk] == [a.pk for a in made[sections[0].pk][1:4]]
    assert found[sections[3].pk] == [a.pk for a in made[sections[3].pk][:3]]
