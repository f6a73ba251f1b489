"""The stored search index of articles, kept by the database itself on every write.

PostgreSQL: a generated column ``articles_article.search_document`` (a ``tsvector``)
with a GIN index (``article_search_idx``). It holds each word twice:

- without diacritics through the ``newsroom_vi`` configuration (unaccent + simple):
  title at weight A, sapo and body at D; "cong doan" finds every tone;
- as typed through ``newsroom_vi_exact`` (simple: lower case only), after the one tone
  placement of ``core.text.tone_placement`` ("hoà" = "hòa"): title at B, the rest at C;
  "Công đoàn" ranks exact-tone matches first.

A query picks its half with weights (``'cong':AD <-> 'doan':AD``, ``'công':B <-> ...``),
so one index answers every search and a phrase is checked on the stored vector, never
on a ``to_tsvector`` per row.

SQLite: an FTS5 table ``articles_article_fts`` (rowid = article id) with the same four
texts, filled by triggers that call the functions ``register_sqlite_functions`` puts on
every connection (``newsroom_fold``, ``newsroom_tone``, ``newsroom_text``).
"""

from core.html import html_to_text
from core.text import TONE_PLACEMENTS, fold, tone_placement

DOCUMENT_COLUMN = "search_document"
FTS_TABLE = "articles_article_fts"


def _tone_sql(expression):
    sql = f"lower({expression})"
    for new, old in TONE_PLACEMENTS:
        sql = f"replace({sql}, '{new}', '{old}')"
    return sql


# The functions' bodies name the text search configurations and newsroom_tone without a
# schema; pg_restore runs with an empty search_path, so each function keeps the one it
# was created with (a restored database recomputes search_document through them).
PIN_SEARCH_PATH = [
    "ALTER FUNCTION newsroom_tone(text) SET search_path FROM CURRENT",
    "ALTER FUNCTION newsroom_search_document(text, text, text) SET search_path FROM CURRENT",
]

POSTGRES_FORWARD = [
    """
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'newsroom_vi_exact') THEN
        CREATE TEXT SEARCH CONFIGURATION newsroom_vi_exact (COPY = simple);
      END IF;
    END $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION newsroom_tone(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT {_tone_sql("value")} $$
    """,
    """
    CREATE OR REPLACE FUNCTION newsroom_search_document(title text, sapo text, body text)
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT
      setweight(to_tsvector('newsroom_vi'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('newsroom_vi'::regconfig,
           coalesce(sapo, '') || ' ' || coalesce(body, '')), 'D')
      || setweight(to_tsvector('newsroom_vi_exact'::regconfig,
           coalesce(newsroom_tone(title), '')), 'B')
      || setweight(to_tsvector('newsroom_vi_exact'::regconfig,
           coalesce(newsroom_tone(coalesce(sapo, '') || ' ' || coalesce(body, '')), '')), 'C')
    $$
    """,
    "DROP INDEX IF EXISTS article_search_idx",
    f"""
    ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS {DOCUMENT_COLUMN} tsvector
    GENERATED ALWAYS AS (newsroom_search_document(title, sapo, body)) STORED
    """,
    f"CREATE INDEX IF NOT EXISTS article_search_idx ON articles_article "
    f"USING GIN ({DOCUMENT_COLUMN})",
    *PIN_SEARCH_PATH,
]

POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS article_search_idx",
    f"ALTER TABLE articles_article DROP COLUMN IF EXISTS {DOCUMENT_COLUMN}",
    "DROP FUNCTION IF EXISTS newsroom_search_document(text, text, text)",
    "DROP FUNCTION IF EXISTS newsroom_tone(text)",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS newsroom_vi_exact",
]

_FTS_VALUES = (
    "new.id, newsroom_fold(new.title), "
    "newsroom_fold(coalesce(new.sapo, '') || ' ' || newsroom_text(new.body)), "
    "newsroom_tone(new.title), "
    "newsroom_tone(coalesce(new.sapo, '') || ' ' || newsroom_text(new.body))"
)
_FTS_COLUMNS = "rowid, title_fold, text_fold, title_exact, text_exact"

SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title_fold, text_fold, title_exact, text_exact, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    f"""
    CREATE TRIGGER IF NOT EXISTS articles_article_fts_insert AFTER INSERT ON articles_article
    BEGIN INSERT INTO {FTS_TABLE} ({_FTS_COLUMNS}) VALUES ({_FTS_VALUES}); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS articles_article_fts_update
    AFTER UPDATE OF title, sapo, body ON articles_article
    BEGIN
      DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
      INSERT INTO {FTS_TABLE} ({_FTS_COLUMNS}) VALUES ({_FTS_VALUES});
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS articles_article_fts_delete AFTER DELETE ON articles_article
    BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END
    """,
    f"DELETE FROM {FTS_TABLE}",
    f"INSERT INTO {FTS_TABLE} ({_FTS_COLUMNS}) SELECT "
    + _FTS_VALUES.replace("new.", "")
    + " FROM articles_article",
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_article_fts_insert",
    "DROP TRIGGER IF EXISTS articles_article_fts_update",
    "DROP TRIGGER IF EXISTS articles_article_fts_delete",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def body_text(html):
    """The words of a body as the index reads them."""
    return html_to_text(html or "")


def register_sqlite_functions(sqlite_connection):
    """Put the index's functions on a raw sqlite3 connection (every connection needs
    them: the triggers call them on each write)."""
    sqlite_connection.create_function("newsroom_fold", 1, fold, deterministic=True)
    sqlite_connection.create_function("newsroom_tone", 1, tone_placement, deterministic=True)
    sqlite_connection.create_function("newsroom_text", 1, body_text, deterministic=True)


def on_connection_created(sender, connection, **kwargs):
    """connection_created receiver: SQLite connections get the index's functions."""
    if connection.vendor == "sqlite":
        register_sqlite_functions(connection.connection)
