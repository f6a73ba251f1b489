"""Search: accents and case ignored, phrases and titles first, newest first, bounded.

The behaviour tests run on whichever database the suite uses (SQLite by default, the
PostgreSQL full-text index with DATABASE_URL=postgres://...); the last tests need
PostgreSQL and check that its index is the one the query uses.
"""

import re
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from reader import search
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def story(title, *, hours_ago=1, sapo="Tin trong ngày.", body="<p>Nội dung.</p>", **kwargs):
    return ArticleFactory(
        title=title,
        sapo=sapo,
        body=body,
        published_at=timezone.now() - timedelta(hours=hours_ago),
        **kwargs,
    )


def found(q):
    return [a.title for a in search.search_articles(search.parse(q))]


# --- Parsing and folding --------------------------------------------------------------


def test_fold_removes_vietnamese_marks_and_case():
    assert search.fold("Công Đoàn Việt Nam ỞỨỰ") == "cong doan viet nam ouu"
    assert search.words("Người lao động, (LĐTĐ)!") == ["nguoi", "lao", "dong", "ldtd"]


@pytest.mark.parametrize("raw", ["", "   ", "\t\n", "!!! ... ---", None])
def test_queries_without_words_search_nothing(raw):
    assert search.parse(raw) is None


def test_long_queries_are_cut():
    query = search.parse("công đoàn " * 100)
    assert len(query.text) <= search.MAX_QUERY_CHARS
    assert len(query.terms) <= search.MAX_TERMS
    assert search.parse("a" * 1000).terms == ("a" * search.MAX_QUERY_CHARS,)


# --- Matching and ranking (on the database the suite runs on) -------------------------


@pytest.mark.parametrize("q", ["cong doan", "Công Đoàn", "CÔNG ĐOÀN", "công đoàn", "Cong-Doan"])
def test_search_ignores_accents_and_case(q):
    story("Công đoàn quận chăm lo Tết")
    story("Giá vàng hôm nay")
    assert found(q) == ["Công đoàn quận chăm lo Tết"]


def test_decomposed_unicode_query_matches():
    story("Công đoàn quận chăm lo Tết")
    import unicodedata

    assert found(unicodedata.normalize("NFD", "công đoàn")) == ["Công đoàn quận chăm lo Tết"]


def test_words_match_whole_words_only():
    story("Doanh nghiệp tăng lương")
    story("Đoàn thanh niên ra quân")
    assert found("doan") == ["Đoàn thanh niên ra quân"]


def test_the_phrase_is_required_title_first_then_body():
    story("Tin địa phương", hours_ago=1, body="<p>Công tác của đoàn viên thanh niên.</p>")
    story("Công tác đoàn thể năm 2026", hours_ago=2)
    story("Công an phường", hours_ago=2, body="<p>Thủ đoạn lừa đảo.</p>")
    phrase_in_body = story("Hội nghị tổng kết", hours_ago=3, body="<p>Ban chấp hành công đoàn.</p>")
    phrase_in_title = story("Công đoàn ngành xây dựng", hours_ago=4)
    # The syllables apart, or other words sharing their letters, do not match.
    assert found("cong doan") == [phrase_in_title.title, phrase_in_body.title]


def test_the_tones_typed_rank_first_a_toneless_query_matches_every_tone():
    exact_old = story("Công đoàn quận", hours_ago=5)
    other_tones = story("Cống đoạn đường mới", hours_ago=1)
    exact_in_body = story("Tin tổng hợp", hours_ago=2, body="<p>Họp công đoàn.</p>")
    assert found("Công đoàn") == [exact_old.title, exact_in_body.title, other_tones.title]
    assert found("cong doan") == [other_tones.title, exact_old.title, exact_in_body.title]
    assert found("cống đoạn") == [other_tones.title, exact_old.title, exact_in_body.title]


@pytest.mark.parametrize(("typed", "stored"), [("hoà bình", "Hòa Bình"), ("thủy lợi", "Thuỷ lợi")])
def test_old_and_new_tone_placements_are_one_spelling(typed, stored):
    story("Hóa chất", hours_ago=1)  # other tones: ranked after
    same = story(f"{stored} hôm nay", hours_ago=3)
    other = story(f"{typed.replace('à', 'á').replace('ủ', 'ú')} mới", hours_ago=2)
    assert found(typed)[0] == same.title
    assert other.title in found(typed)


def test_phrase_in_sapo_counts_like_the_body():
    in_sapo = story("Tin một", hours_ago=1, sapo="Chiều qua, công đoàn cơ sở họp.")
    in_title = story("Công đoàn cơ sở họp", hours_ago=5)
    assert found("cong doan") == [in_title.title, in_sapo.title]


def test_newest_first_among_equals():
    titles = [story(f"Công đoàn tin số {n}", hours_ago=n).title for n in range(1, 6)]
    assert found("cong doan") == titles


def test_only_published_articles_are_found():
    story("Công đoàn đã đăng")
    ArticleFactory(title="Công đoàn bản nháp", status=Article.Status.DRAFT, published_at=None)
    story("Công đoàn hẹn giờ", hours_ago=-3)
    story("Công đoàn đã gỡ", status=Article.Status.WITHDRAWN)
    assert found("cong doan") == ["Công đoàn đã đăng"]


def test_body_html_is_searched_as_text():
    story("Tin A", body="<p>Người <strong>lao</strong>&nbsp;động &amp; công&nbsp;đoàn</p>")
    story("Tin B", body='<p><a href="/cong-doan/">liên kết</a></p>')
    assert found("lao dong") == ["Tin A"]
    assert found("cong doan") == ["Tin A"]


@pytest.mark.parametrize(
    "written, typed",
    [
        ("Covid-19 lan rộng", "covid 19"),
        ("Covid-19 lan rộng", "Covid-19"),
        ("Tỉnh Bà Rịa-Vũng Tàu mưa lớn", "bà rịa vũng tàu"),
        ("Tỉnh Bà Rịa – Vũng Tàu mưa lớn", "Bà Rịa-Vũng Tàu"),
        ("Lãi suất 3.5% một năm", "3.5%"),
        ("Từ ngày 2024-01-15 tăng lương", "2024 01 15"),
        ("Đọc trên laodongthudo.vn hôm nay", "laodongthudo vn"),
        ("Lương “cứng” tăng…", "luong cung tang"),
    ],
)
def test_words_joined_by_punctuation_are_found_as_readers_type_them(written, typed):
    story(written, body=f"<p>{written}</p>")
    story("Tin khác", body="<p>Covid lan rộng, 19 ca; Bà Rịa và Vũng Tàu.</p>")
    assert found(typed) == [written]


def test_markup_and_entities_are_not_words(postgres):
    story("Tin A", body='<p><a href="/nbsp/">x</a>&nbsp;y &amp; z</p>')
    assert found("nbsp") == [] and found("amp") == [] and found("href") == []
    assert found("x y z") == ["Tin A"]


# --- The page -----------------------------------------------------------------------


def test_search_page_highlights_the_query_without_accents(client):
    story("Công Đoàn quận Hoàn Kiếm", sapo="Công đoàn cơ sở tổ chức hội nghị.")
    html = client.get("/tim-kiem/", {"q": "cong doan"}).content.decode()
    assert "<mark>Công Đoàn</mark> quận Hoàn Kiếm" in html
    assert "<mark>Công đoàn</mark> cơ sở" in html
    assert 'value="cong doan"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Kết quả cho “cong doan”" in html


def test_search_page_shows_a_body_excerpt_when_only_the_body_matches(client):
    body = "<p>" + "Mở đầu bài viết. " * 30 + "Ban chấp hành công đoàn họp phiên cuối năm.</p>"
    story("Tin tổng hợp", sapo="Nhiều tin trong ngày.", body=body)
    html = client.get("/tim-kiem/", {"q": "công đoàn"}).content.decode()
    assert "Ban chấp hành <mark>công đoàn</mark> họp" in html


def test_search_escapes_before_highlighting(client):
    story('Công đoàn <script>alert("x")</script> & <b>đậm</b>')
    html = client.get("/tim-kiem/", {"q": "cong doan"}).content.decode()
    assert "<script>alert" not in html
    assert "<mark>Công đoàn</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&amp; &lt;b&gt;đậm&lt;/b&gt;" in html
    html = client.get("/tim-kiem/", {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert" not in html
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_highlight_marks_the_phrase_never_single_syllables_and_escapes():
    query = search.parse("công đoàn")
    assert search.highlight("Công tác Đoàn & <x>", query) == "Công tác Đoàn &amp; &lt;x&gt;"
    assert search.highlight("công nhân", query) == "công nhân"
    # The tones typed are marked where they occur; else the phrase in other tones.
    assert search.highlight("Cống đoạn, công đoàn", query) == "Cống đoạn, <mark>công đoàn</mark>"
    assert search.highlight("Cống đoạn", query) == "<mark>Cống đoạn</mark>"
    assert search.highlight("Công-đoàn", query) == "<mark>Công-đoàn</mark>"
    assert search.highlight("Công đoàn khu công nghiệp", query) == (
        "<mark>Công đoàn</mark> khu công nghiệp"
    )
    assert search.highlight("doanh nghiệp", query) == "doanh nghiệp"
    assert search.highlight("<mark>", search.parse("mark")) == "&lt;<mark>mark</mark>&gt;"


@pytest.mark.parametrize(
    "q", ["", "   ", "!!!", "a" * 1000, "công đoàn " * 100, "%_%", "' OR 1=1 --", "\x00"]
)
def test_odd_queries_are_handled_gracefully(client, q, django_assert_max_num_queries):
    story("Công đoàn quận chăm lo Tết")
    with django_assert_max_num_queries(8):
        response = client.get("/tim-kiem/", {"q": q})
    assert response.status_code == 200


def test_empty_query_asks_for_words(client):
    html = client.get("/tim-kiem/").content.decode()
    assert "Nhập từ khóa bạn muốn tìm." in html


def test_search_paginates_and_keeps_the_query(client):
    for n in range(25):
        story(f"Công đoàn tin số {n}", hours_ago=n + 1)
    page1 = client.get("/tim-kiem/", {"q": "cong doan"}).content.decode()
    page2 = client.get("/tim-kiem/", {"q": "cong doan", "page": 2}).content.decode()
    assert page1.count('class="item"') == 20 and page2.count('class="item"') == 5
    assert "Kết quả cho “cong doan”" in page1
    assert 'rel="next" href="/tim-kiem/?q=cong+doan&amp;page=2"' in page1
    assert 'rel="prev" href="/tim-kiem/?q=cong+doan"' in page2
    assert client.get("/tim-kiem/", {"q": "cong doan", "page": 3}).status_code == 404
    assert client.get("/tim-kiem/", {"q": "cong doan", "page": "x"}).status_code == 404


def test_no_results(client):
    story("Giá vàng hôm nay")
    html = client.get("/tim-kiem/", {"q": "bóng đá"}).content.decode()
    assert "Không có bài viết nào phù hợp" in html


# --- PostgreSQL: the index --------------------------------------------------------------


def copies(template, count):
    """count copies of template made by the database (every column of the model copied
    except those that make a copy different): a big archive in a second."""
    replaced = {
        "title": "'Tin số ' || n",
        "slug": "'tin-so-' || n",
        "body": "'<p>Giá cả thị trường và đời sống số ' || n || '</p>'",
        "published_at": "now() - n * interval '1 minute'",
        "source_url": "NULL",
    }
    columns = [f.column for f in Article._meta.concrete_fields if not f.primary_key]
    values = [replaced.get(c, f'"{c}"') for c in columns]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO articles_article ({', '.join(columns)}) "
            f"SELECT {', '.join(values)} FROM articles_article, generate_series(1, %s) AS n "
            "WHERE id = %s",
            [count, template.pk],
        )
        # As autovacuum (and the import's refresh task) would: the rows just written wait
        # in the GIN index's pending list, which every index scan reads whole until then.
        cursor.execute("SELECT gin_clean_pending_list('article_search_idx')")
        cursor.execute("ANALYZE articles_article")


def test_postgres_search_uses_the_gin_index_on_the_stored_document(postgres):
    copies(story("Bản mẫu"), 20000)
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_idx'")
        indexdef = cursor.fetchone()[0]
    assert "gin" in indexdef.lower() and "search_document" in indexdef
    plan = search.explain_postgres(search.parse("cong doan"))
    assert "article_search_idx" in plan and "to_tsvector" not in plan, plan


def test_postgres_configuration_unaccents(postgres):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('newsroom_vi', 'Công Đoàn Ưu Tiên')::text")
        assert cursor.fetchone()[0] == "'cong':1 'doan':2 'tien':4 'uu':3"


def test_postgres_search_stays_fast_with_many_articles(postgres):
    copies(story("Bản mẫu", body="<p>Giá cả thị trường.</p>"), 20000)
    story("Công đoàn ngành xây dựng")
    started = time.perf_counter()
    assert found("cong doan") == ["Công đoàn ngành xây dựng"]
    rare = time.perf_counter() - started
    started = time.perf_counter()
    assert len(found("thi truong")) == search.PG_CANDIDATES  # a common phrase: bounded work
    common = time.perf_counter() - started
    assert rare < 0.2 and common < 0.5, (rare, common)


def test_search_results_are_loaded_in_rank_order():
    story("Công đoàn A", hours_ago=1)
    results = list(search.search_articles(search.parse("cong doan")))
    assert [r.title for r in results] == ["Công đoàn A"]
    assert re.match(r"Công đoàn", results[0].title)
