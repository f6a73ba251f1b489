"""Full-text search on PostgreSQL: unaccent, a "newsroom_vi" configuration, a GIN index.

(Until the project layout put every app in its room this migration was newsroom's
0001_search; it is idempotent, so databases that ran that one run this one as a no-op.)

The configuration is `simple` (no stemming, no stop words: right for Vietnamese, whose
words are syllables) with `unaccent` in front, so "cong doan", "Công Đoàn" and
"công đoàn" give the same lexemes. The index is on the exact expression
reader.search queries with (`DOCUMENT_SQL` there): keep the two identical, or the
planner cannot use the index (tests/reader/test_search.py checks with EXPLAIN).
Other databases (SQLite) get nothing: reader.search has a fallback for them.
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
    dependencies = [("articles", "0005_review_queue")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
