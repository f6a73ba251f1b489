"""The stored search index of articles, kept by the database itself on every write.

PostgreSQL: a column ``articles_article.search_document`` (a ``tsvector``) with a GIN
index (``article_search_idx``), computed by a trigger on every insert and on every update
of the title, sapo or body. A bulk import defers it (``documents_deferred``: the trigger
stores NULL, which the partial index ``article_search_pending_idx`` lists) and a worker
fills the pending rows in chunks (``fill_pending``, from ``articles.tasks``): the import
does not pay four ``to_tsvector`` passes per article. Its words are those of the text
with tags, entities and punctuation taken out (``TEXT_FUNCTIONS``: "Covid-19" is 'covid'
'19', as a reader types it). It holds each word twice, and pairs of words:

- without diacritics through the ``newsroom_vi`` configuration (unaccent + simple):
  title at weight A, sapo and body at D; "cong doan" finds every tone;
- as typed through ``newsroom_vi_exact`` (simple: lower case only), after the one tone
  placement of ``core.text.tone_placement`` ("hoà" = "hòa"): title at B, the rest at C;
  "Công đoàn" ranks exact-tone matches first;
- each pair of adjacent toneless syllables as one lexeme without a position ('cong doan'),
  so that the index narrows a phrase of common syllables to the articles that hold its
  pairs (``POSTGRES_PAIRS_FORWARD``).

A query picks its half with weights (``'cong':AD <-> 'doan':AD``, ``'công':B <-> ...``);
for several words the index is asked for their pairs and the phrase is checked on the
rows those leave (reader/search.py), so one index answers every search and a phrase is
checked on the stored vector, never on a ``to_tsvector`` per row.

SQLite: an FTS5 table ``articles_article_fts`` (rowid = article id) with the same four
texts, filled by triggers that call the functions ``register_sqlite_functions`` puts on
every connection (``newsroom_fold``, ``newsroom_tone``, ``newsroom_text``).
"""

from contextlib import contextmanager

from django.db import connection

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

SEARCH_INDEX = "article_search_idx"
CREATE_SEARCH_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON articles_article USING GIN ({DOCUMENT_COLUMN})"
)

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
    CREATE_SEARCH_INDEX,
    *PIN_SEARCH_PATH,
]

DEFER_SETTING = "newsroom.defer_search_document"
PENDING_INDEX = "article_search_pending_idx"

# 0014: the generated column becomes a plain one kept by a trigger (the values stay: no
# table rewrite), so that a bulk write can leave it to a worker.
POSTGRES_TRIGGER_FORWARD = [
    f"ALTER TABLE articles_article ALTER COLUMN {DOCUMENT_COLUMN} DROP EXPRESSION IF EXISTS",
    f"""
    CREATE OR REPLACE FUNCTION newsroom_article_search_document() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('{DEFER_SETTING}', true) = 'on' THEN
        NEW.{DOCUMENT_COLUMN} := NULL;
      ELSE
        NEW.{DOCUMENT_COLUMN} := newsroom_search_document(NEW.title, NEW.sapo, NEW.body);
      END IF;
      RETURN NEW;
    END $$
    """,
    "ALTER FUNCTION newsroom_article_search_document() SET search_path FROM CURRENT",
    "DROP TRIGGER IF EXISTS articles_article_search_document ON articles_article",
    """
    CREATE TRIGGER articles_article_search_document
    BEFORE INSERT OR UPDATE OF title, sapo, body ON articles_article
    FOR EACH ROW EXECUTE FUNCTION newsroom_article_search_document()
    """,
    f"CREATE INDEX IF NOT EXISTS {PENDING_INDEX} ON articles_article (id) "
    f"WHERE {DOCUMENT_COLUMN} IS NULL",
]

POSTGRES_TRIGGER_BACKWARD = [
    f"DROP INDEX IF EXISTS {PENDING_INDEX}",
    "DROP TRIGGER IF EXISTS articles_article_search_document ON articles_article",
    "DROP FUNCTION IF EXISTS newsroom_article_search_document()",
    f"DROP INDEX IF EXISTS {SEARCH_INDEX}",
    f"ALTER TABLE articles_article DROP COLUMN IF EXISTS {DOCUMENT_COLUMN}",
    f"""
    ALTER TABLE articles_article ADD COLUMN {DOCUMENT_COLUMN} tsvector
    GENERATED ALWAYS AS (newsroom_search_document(title, sapo, body)) STORED
    """,
    CREATE_SEARCH_INDEX,
]


@contextmanager
def documents_deferred():
    """Inside a transaction (PostgreSQL): the articles written in the block get no search
    document yet; fill_pending computes them later. The setting would last to the end of
    the outermost transaction, so the block ends it (a rollback reverts it anyway)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, 'on', true)", [DEFER_SETTING])
    yield
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, 'off', true)", [DEFER_SETTING])


# The rows waiting for their document (read through PENDING_INDEX: the plan test
# EXPLAINs this very statement).
PENDING_IDS = (
    f"SELECT id FROM articles_article WHERE {DOCUMENT_COLUMN} IS NULL "
    "ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED"
)


def fill_pending(cursor, limit):
    """Compute up to limit pending search documents (oldest ids first; rows another
    worker holds are skipped); returns how many were written."""
    cursor.execute(
        f"UPDATE articles_article SET {DOCUMENT_COLUMN} = "
        f"newsroom_search_document(title, sapo, body) WHERE id IN ({PENDING_IDS})",
        [limit],
    )
    return cursor.rowcount


# 0015: every pair of adjacent syllables of the toneless half is a lexeme too ("cong doan",
# without positions, after the positional lexemes so that their positions do not move).
# Vietnamese words are mostly two syllables, so a syllable alone ("cong", "da") is in most
# of a large archive: the GIN index answers "bóng đá công đoàn" by intersecting the short
# lists of its pairs ('bong da' & 'da cong' & 'cong doan') instead of rechecking every
# article that has the four syllables somewhere. A pair is in a document exactly when its
# two lexemes are at adjacent positions there, which is what the phrase operator asks: a
# phrase match always has all its pairs, so adding them to a query never loses a result.
PAIR_FUNCTIONS = [
    r"""
    CREATE OR REPLACE FUNCTION newsroom_search_pairs(doc tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT array_to_tsvector(coalesce(array_agg(a.lexeme || ' ' || b.lexeme), '{}'))
      FROM (SELECT lexeme, unnest(positions) AS pos FROM unnest(doc)) AS a
      JOIN (SELECT lexeme, unnest(positions) AS pos FROM unnest(doc)) AS b
        ON b.pos = a.pos + 1
    $$
    """,
    # The pairs of a query's words as a tsquery ('bong da' & 'da cong' & 'cong doan'),
    # made by the same functions as the documents' (empty for a single word). Each pair
    # is quoted for the tsquery parser: a quote doubled, a backslash escaped.
    r"""
    CREATE OR REPLACE FUNCTION newsroom_search_pair_query(words text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT coalesce(string_agg(
        '''' || replace(replace(pair, '\', '\\'), '''', '''''') || '''', ' & '), '')::tsquery
      FROM unnest(tsvector_to_array(
        newsroom_search_pairs(to_tsvector('newsroom_vi'::regconfig, words)))) AS pair
    $$
    """,
]

# The words PostgreSQL's parser is given, as the query's words are found (reader/search.py
# splits on every character that is not a letter or digit): tags and entities out of the
# body, then every punctuation mark a space. Left to the parser, "Covid-19" became
# 'covid' '-19', "3.5%" '3.5', "2024-01-15" '2024' '-01' '-15', "vnexpress.net" one
# token, and "Bà Rịa-Vũng Tàu" put 'ria-vung' between 'ba' and 'ria': searches typed as
# readers type them ("covid 19", "ba ria vung tau") found none of them. SEPARATORS: ASCII
# and Unicode punctuation ([:punct:] is ASCII only in the C locale) and the no-break space.
SEPARATORS = "[[:punct:]\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00ab\u00bb\u00b7\u2022]+"
TEXT_FUNCTIONS = [
    """
    CREATE OR REPLACE FUNCTION newsroom_search_html(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT regexp_replace(regexp_replace(value,
      '<[^>]*>', ' ', 'g'),
      '&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);', ' ', 'g')
    $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION newsroom_search_text(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT regexp_replace(value, '{SEPARATORS}', ' ', 'g') $$
    """,
]

_DOCUMENT_FUNCTION = """
    CREATE OR REPLACE FUNCTION newsroom_search_document(title text, sapo text, body text)
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT toneless
      || setweight(to_tsvector('newsroom_vi_exact'::regconfig, newsroom_tone(title_text)), 'B')
      || setweight(to_tsvector('newsroom_vi_exact'::regconfig, newsroom_tone(rest_text)), 'C')
      || newsroom_search_pairs(toneless)
      FROM (SELECT title_text, rest_text,
          setweight(to_tsvector('newsroom_vi'::regconfig, title_text), 'A')
          || setweight(to_tsvector('newsroom_vi'::regconfig, rest_text), 'D') AS toneless
        FROM (SELECT newsroom_search_text(coalesce(title, '')) AS title_text,
            newsroom_search_text(coalesce(sapo, '') || ' '
              || newsroom_search_html(coalesce(body, ''))) AS rest_text) AS texts
      ) AS halves
    $$
    """

POSTGRES_PAIRS_FORWARD = [
    *PAIR_FUNCTIONS,
    *TEXT_FUNCTIONS,
    _DOCUMENT_FUNCTION,
    "ALTER FUNCTION newsroom_search_pairs(tsvector) SET search_path FROM CURRENT",
    "ALTER FUNCTION newsroom_search_pair_query(text) SET search_path FROM CURRENT",
    "ALTER FUNCTION newsroom_search_document(text, text, text) SET search_path FROM CURRENT",
]

# Back to the document of 0012 (POSTGRES_FORWARD's function).
POSTGRES_PAIRS_BACKWARD = [
    next(sql for sql in POSTGRES_FORWARD if "FUNCTION newsroom_search_document" in sql),
    "ALTER FUNCTION newsroom_search_document(text, text, text) SET search_path FROM CURRENT",
    "DROP FUNCTION IF EXISTS newsroom_search_pair_query(text)",
    "DROP FUNCTION IF EXISTS newsroom_search_pairs(tsvector)",
    "DROP FUNCTION IF EXISTS newsroom_search_text(text)",
    "DROP FUNCTION IF EXISTS newsroom_search_html(text)",
]

RECOMPUTE_CHUNK = 5000


def recompute_documents(cursor, *, chunk=RECOMPUTE_CHUNK):
    """Recompute every stored search document with the current function, a chunk of ids
    per statement (each its own transaction outside an atomic block). Rows still pending
    (NULL) are left to the worker. Returns how many were written."""
    cursor.execute("SELECT min(id), max(id) FROM articles_article")
    low, high = cursor.fetchone()
    written = 0
    if low is None:
        return written
    for start in range(low, high + 1, chunk):
        cursor.execute(
            f"UPDATE articles_article SET {DOCUMENT_COLUMN} = "
            "newsroom_search_document(title, sapo, body) "
            f"WHERE id >= %s AND id < %s AND {DOCUMENT_COLUMN} IS NOT NULL",
            [start, start + chunk],
        )
        written += cursor.rowcount
    return written


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
