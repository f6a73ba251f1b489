"""The search document's pairs of adjacent syllables (PostgreSQL, articles/search_index.py):
what they hold, that a phrase query ANDed with its pairs finds exactly what the phrase
alone finds, and the recomputation that brings stored documents up to date."""

import random

import pytest
from django.db import connection

from articles import search_index
from articles.models import Article
from reader import search
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def lexemes(document):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(%s::tsvector)", [document])
        return set(cursor.fetchone()[0])


def document_of(title, sapo, body):
    with connection.cursor() as cursor:
        cursor.execute("SELECT newsroom_search_document(%s, %s, %s)::text", [title, sapo, body])
        return cursor.fetchone()[0]


def test_a_document_holds_the_pairs_of_its_adjacent_toneless_syllables(postgres):
    held = lexemes(document_of("Công đoàn quận", "Bóng đá.", "<p>Tiền-tệ <b>an</b> toàn</p>"))
    # Adjacent as the phrase operator sees them: across the title's end, across markup,
    # and a hyphenated word as PostgreSQL's parser splits it (whole word, then its parts).
    for pair in ("cong doan", "doan quan", "quan bong", "bong da", "tien te", "an toan"):
        assert pair in held, (pair, held)
    assert "cong quan" not in held and "doan cong" not in held
    # Only the toneless half is paired; the syllables keep their own lexemes.
    assert not any(" " in lexeme and lexeme != search.fold(lexeme) for lexeme in held)
    assert {"cong", "doan", "công"} <= held


def test_the_query_pairs_are_the_documents_pairs(postgres):
    with connection.cursor() as cursor:
        cursor.execute("SELECT newsroom_search_pair_query('bong da cong doan')::text")
        assert set(cursor.fetchone()[0].split(" & ")) == {"'bong da'", "'da cong'", "'cong doan'"}
        cursor.execute("SELECT numnode(newsroom_search_pair_query('bong'))")
        assert cursor.fetchone()[0] == 0  # one word: no pair, the phrase alone decides


def test_a_phrase_and_its_pairs_find_exactly_what_the_phrase_finds(postgres):
    """Random texts over a few syllables (so phrases repeat, overlap and straddle the title's
    end), every phrase of two to four syllables: the pairs never lose a match."""
    rng = random.Random(5)
    vocabulary = ["công", "đoàn", "bóng", "đá", "hà", "nội", "an-toàn", "xã"]

    def text(n):
        return " ".join(rng.choice(vocabulary) for _ in range(n))

    rows = [
        (text(rng.randint(1, 6)), text(rng.randint(0, 8)), f"<p>{text(12)}</p>") for _ in range(300)
    ]
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE docs (doc tsvector)")
        cursor.executemany("INSERT INTO docs SELECT newsroom_search_document(%s, %s, %s)", rows)
        checked = narrowed = 0
        for _ in range(150):
            query = search.parse(text(rng.randint(2, 4)))
            phrase = search._tsquery(query.terms, "AD")
            cursor.execute(
                """
                SELECT count(*) FILTER (WHERE doc @@ to_tsquery('newsroom_vi', %s)),
                       count(*) FILTER (WHERE doc @@ (to_tsquery('newsroom_vi', %s)
                                                      && newsroom_search_pair_query(%s))),
                       count(*) FILTER (WHERE doc @@ newsroom_search_pair_query(%s)),
                       count(*) FILTER (WHERE doc @@ to_tsquery('newsroom_vi', %s))
                FROM docs
                """,
                [phrase, phrase, query.phrase, query.phrase, " & ".join(query.terms)],
            )
            alone, with_pairs, pairs_only, syllables = cursor.fetchone()
            assert with_pairs == alone, (query.phrase, alone, with_pairs)
            assert alone <= pairs_only <= syllables
            checked += 1
            narrowed += pairs_only < syllables
        cursor.execute("DROP TABLE docs")
    assert checked == 150 and narrowed > 100  # the pairs do narrow what the index returns


def test_search_finds_a_phrase_of_common_syllables_only_where_it_is(postgres):
    ArticleFactory(title="Bóng đá công đoàn ngành điện")
    ArticleFactory(title="Công đoàn tổ chức bóng đá", sapo="Giải đá bóng công nhân.")
    found = [a.title for a in search.search_articles(search.parse("bong da cong doan"))]
    assert found == ["Bóng đá công đoàn ngành điện"]
    # The pairs are folded into the query's constant at plan time (the planner's estimate
    # reads the pair's own frequency).
    assert "''bong da''" in search.explain_postgres(search.parse("bóng đá"))
    assert " da''" not in search.explain_postgres(search.parse("bóng"))


def test_recomputing_brings_old_documents_up_to_date_and_leaves_pending_ones(postgres):
    old, pending, fresh = (ArticleFactory(title=f"Công đoàn cơ sở {n}") for n in range(3))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET search_document = to_tsvector('newsroom_vi', title) "
            "WHERE id = %s",
            [old.pk],
        )
        cursor.execute(
            "UPDATE articles_article SET search_document = NULL WHERE id = %s", [pending.pk]
        )
        assert search.search_articles(search.parse("cong doan")) == [fresh]
        written = search_index.recompute_documents(cursor, chunk=1)
        cursor.execute(
            "SELECT id, search_document::text FROM articles_article WHERE id IN %s",
            [(old.pk, pending.pk, fresh.pk)],
        )
        documents = dict(cursor.fetchall())
    assert written == 2
    assert documents[pending.pk] is None  # the worker's, as after an import
    assert "'cong doan'" in documents[old.pk] and "'co so'" in documents[old.pk]
    assert {a.pk for a in search.search_articles(search.parse("cong doan"))} == {old.pk, fresh.pk}


def test_the_migration_goes_back_and_forth(postgres):
    article = ArticleFactory(title="Bóng đá công đoàn")
    with connection.cursor() as cursor:
        for sql in search_index.POSTGRES_PAIRS_BACKWARD:
            cursor.execute(sql)
        search_index.recompute_documents(cursor)
        cursor.execute(
            "SELECT search_document::text FROM articles_article WHERE id = %s", [article.pk]
        )
        assert "'bong da'" not in cursor.fetchone()[0]
        for sql in search_index.POSTGRES_PAIRS_FORWARD:
            cursor.execute(sql)
        search_index.recompute_documents(cursor)
        cursor.execute(
            "SELECT search_document::text FROM articles_article WHERE id = %s", [article.pk]
        )
        assert "'bong da'" in cursor.fetchone()[0]
    assert Article.objects.filter(pk=article.pk).exists()
