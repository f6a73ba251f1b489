"""Full-text search on PostgreSQL: unaccent, a "newsroom_vi" configuration, a GIN index.

The configuration is `simple` (no stemming, no stop words: right for Vietnamese, whose
words are syllables) with `unaccent` in front, so "cong doan", "Công Đoàn" and
"công đoàn" give the same lexemes. The index is on the exact expression
newsroom.search queries with (`DOCUMENT_SQL` there): keep the two identical, or the
planner cannot use the index (tests/newsroom/test_search.py checks with EXPLAIN).
Other databases (SQLite) get nothing: newsroom.search has a fallback for them.
"""

from django.db import migrations

DOCUMENT = (
    "to_tsvector('newsroom_vi'::regconfig, coalesce(title, '') || ' ' || "
    "coalesce(sapo, '') || ' ' || coalesce(body, ''))"
)

FORWARD = [
    # unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'newsroom_vi') THEN
        CREATE TEXT SEARCH CONFIGURATION newsroom_vi (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION newsroom_vi ALTER MAPPING FOR
          asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword
          WITH unaccent, simple;
      END IF;
    END $$
    """,
    f"CREATE INDEX IF NOT EXISTS article_search_idx ON articles_article USING GIN (({DOCUMENT}))",
]

BACKWARD = [
    "DROP INDEX IF EXISTS article_search_idx",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS newsroom_vi",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_revised_at_view_count")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
