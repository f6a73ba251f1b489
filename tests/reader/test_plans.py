"""Plan shapes on PostgreSQL: what readers ask never reads the whole archive.

A synthetic archive of tens of thousands of articles (the benchmark's fill), analysed;
then every query of search, the article page's blocks, section, tag and author pages,
feeds and sitemaps is EXPLAINed: none may scan articles_article (or the tag and byline
tables) sequentially, and the indexes meant for them must appear.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import selectors
from articles.models import Article, Tag
from authors.models import Author
from demo import bench_fill
from reader import blocks, search
from sections.models import Section

ARCHIVE = 20_000
SECTION_INDEX = re.compile(r"Index (Only )?Scan using article_(live_)?section(_pub)?_idx")
BIG_TABLES = ("articles_article", "articles_taggedarticle", "articles_articleauthor")


@pytest.fixture(scope="module")
def filled(django_db_setup, django_db_blocker):
    """The archive, written once for the module (committed), removed after it."""
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            yield False
            return
        # One an hour: two years, so that a month is a small part of the archive (as in
        # a real one), not half of it.
        # The search index dropped and built at the end, as for the benchmark's million.
        bench_fill.fill(ARCHIVE, log=lambda *_: None, every_minutes=60, rebuild_over=0)
        try:
            yield True
        finally:
            with connection.cursor() as cursor:
                cursor.execute(
                    "TRUNCATE articles_article, articles_tag, authors_author, sections_section "
                    "CASCADE"
                )


@pytest.fixture
def archive(filled, postgres):
    return Article.objects.published()


def plans(run):
    """EXPLAIN of every query run() makes (they are SELECTs; run twice is harmless)."""
    with CaptureQueriesContext(connection) as captured:
        run()
    found = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip(" (\n").upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN " + sql)
            found.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
    assert found, "no query to explain"
    return found


def assert_no_seq_scan(found):
    for sql, plan in found:
        for table in BIG_TABLES:
            assert f"Seq Scan on {table}" not in plan, f"{sql}\n{plan}"


def test_the_fill_is_big_enough_to_matter(archive):
    assert archive.count() >= ARCHIVE
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'articles_article'")
        assert cursor.fetchone()[0] >= ARCHIVE * 0.9  # analysed


def test_the_search_index_is_there_after_the_fill(archive):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_idx'")
        assert "gin (search_document)" in cursor.fetchone()[0].lower()
    # A phrase of words no article has is answered by the index alone.
    assert "article_search_idx" in search.explain_postgres(search.parse("tàu vũ trụ"))


def test_the_worker_finds_pending_search_documents_through_their_index(archive):
    from articles import search_index

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + search_index.PENDING_IDS, [2000])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan" not in plan, plan
    assert search_index.PENDING_INDEX in plan, plan


@pytest.mark.parametrize("phrase", ["công đoàn", "cong doan", "tàu vũ trụ", "bóng đá công đoàn"])
def test_search_reads_the_stored_index(archive, phrase):
    query = search.parse(phrase)
    found = plans(lambda: search.result_ids(query, 21))
    assert_no_seq_scan(found)
    assert all("to_tsvector" not in plan for _sql, plan in found)
    candidate_plan = search.explain_postgres(query)
    assert "article_search_idx" in candidate_plan or "article_live_idx" in candidate_plan


def test_a_phrase_of_common_syllables_is_narrowed_by_its_pairs_in_the_index(archive):
    """Each of "bóng đá công đoàn"'s syllables is in most of the archive and the phrase in
    none of it: the GIN index intersects the phrase's pairs, so only the few articles that
    hold all three are read and rechecked, not the archive (at a million articles the
    syllables alone made it a 2 s statement)."""
    plan = search.explain_postgres(search.parse("bóng đá công đoàn"), analyze=True)
    assert "Bitmap Index Scan on article_search_idx" in plan, plan
    # The index is asked for the pairs alone (a syllable's own list is most of the
    # archive); the phrase is checked on the rows they leave.
    index_condition = re.search(r"Index Cond: (.*)", plan).group(1)
    assert "''da cong''" in index_condition and "<->" not in index_condition, plan
    heap = re.search(r"Bitmap Heap Scan on articles_article .*actual time=\S+ rows=(\d+)", plan)
    removed = re.findall(r"Rows Removed by (?:Index Recheck|Filter): (\d+)", plan)
    read = int(heap.group(1)) + sum(map(int, removed))
    assert read < ARCHIVE / 100, plan


def test_article_blocks_read_bounded_candidates(archive):
    article = archive.order_by("-published_at")[500]
    found = plans(lambda: blocks.article_blocks(article))
    assert_no_seq_scan(found)
    tagged = [plan for sql, plan in found if 'FROM "articles_taggedarticle"' in sql]
    assert tagged and all("Index" in plan and "Limit" in plan for plan in tagged), tagged
    assert any(SECTION_INDEX.search(plan) for _sql, plan in found)


@pytest.mark.parametrize("number", [1, 10])
def test_section_pages_walk_the_section_index(archive, number):
    parent = Section.objects.filter(parent=None, children__isnull=False).first()
    offset = (number - 1) * 20
    found = plans(lambda: selectors.section_ids(parent, 21, offset))
    assert_no_seq_scan(found)
    assert any(SECTION_INDEX.search(plan) for _sql, plan in found), found


def test_keyset_pages_walk_the_index(archive):
    section = Section.objects.filter(parent=None).first()
    old = archive.filter(section=section).order_by("published_at")[50]
    key = selectors.publication_key(old.pk)
    found = plans(lambda: selectors.section_ids(section, 21, before=key))
    assert_no_seq_scan(found)
    assert any(SECTION_INDEX.search(plan) for _sql, plan in found), found


@pytest.mark.parametrize("which", ["common", "rare"])
def test_tag_pages_use_an_index(archive, which):
    tags = Tag.objects.filter(tagged_articles__isnull=False).distinct()
    ordered = sorted(tags, key=lambda t: t.tagged_articles.count())
    tag = ordered[-1] if which == "common" else ordered[0]
    assert_no_seq_scan(plans(lambda: selectors.tag_ids(tag, 21)))


def test_author_pages_use_an_index(archive):
    author = Author.objects.first()
    assert_no_seq_scan(plans(lambda: selectors.author_ids(author, 21)))


def test_home_and_most_read_use_indexes(archive):
    found = plans(lambda: (blocks.home_blocks(), selectors.most_read_ids()))
    assert_no_seq_scan(found)


@pytest.mark.parametrize(
    "url", ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-articles.xml?p=2", "/rss/home.rss"]
)
def test_sitemaps_and_feeds_use_indexes(archive, client, url):
    found = plans(lambda: client.get(url))
    assert_no_seq_scan(found)


def test_the_uncached_article_page_uses_indexes(archive, client):
    """The story, its bylines, tags, related links and covers: index reads; a second
    request reads no article row by its id (the record is kept)."""
    article = archive.order_by("-published_at")[500]
    client.cookies["sessionid"] = "khong-co-phien"  # the page cache never serves it
    url = article.get_absolute_url()
    found = plans(lambda: client.get(url))
    assert_no_seq_scan(found)
    assert any(f'."id" = {article.pk}' in sql for sql, _plan in found), found
    again = plans(lambda: client.get(url))
    assert_no_seq_scan(again)
    assert not any(f'."id" = {article.pk}' in sql for sql, _plan in again), again
