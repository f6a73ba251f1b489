"""Article search: diacritic-insensitive, phrase-aware, titles first, newest first.

Ranking, on both databases: every word of the query must occur (in any accents or
case); then

    3  the query as a phrase in the title      ("cong doan" -> "Công đoàn ...")
    2  the phrase elsewhere (sapo, body)
    1  every word in the title, not as a phrase ("công tác đoàn thể")
    0  every word somewhere

and newest first within a tier. A tier, not a floating-point rank, so that "newest first
among equals" means something.

PostgreSQL: the "newsroom_vi" text search configuration (unaccent + simple) and a GIN
index on DOCUMENT_SQL, created by articles/migrations/0006_search.py. Matches use the
indexed expression verbatim so the planner can use the index. Results are the newest
PG_CANDIDATES articles with the phrase plus the newest PG_CANDIDATES with all the words:
a common word's search stays bounded on hundreds of thousands of articles, and phrase
matches are found across the whole archive, not only among recent word matches.

SQLite (development, the demo): a Python function registered on the connection folds
the text the same way (newsroom_search_tier) over the newest SQLITE_CANDIDATES articles.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles import selectors
from core.html import html_to_text
from core.text import fold

MAX_QUERY_CHARS = 100
MAX_TERMS = 8
PG_CANDIDATES = 500
SQLITE_CANDIDATES = 5000

# Must stay identical to the index expression of articles/migrations/0006_search.py:
# the planner uses an expression index only for the same expression. {title}, {sapo} and
# {body} become the columns, qualified with whatever alias the query gives the table.
DOCUMENT_SQL = (
    "to_tsvector('newsroom_vi'::regconfig, coalesce({title}, '') || ' ' || "
    "coalesce({sapo}, '') || ' ' || coalesce({body}, ''))"
)
TITLE_SQL = "to_tsvector('newsroom_vi'::regconfig, coalesce({title}, ''))"
PHRASE_QUERY_SQL = "phraseto_tsquery('newsroom_vi'::regconfig, %s)"
WORDS_QUERY_SQL = "plainto_tsquery('newsroom_vi'::regconfig, %s)"


class TextSearchMatch(Func):
    """`<tsvector of the article> @@ <tsquery of text>`, for filters and annotations."""

    output_field = BooleanField()

    def __init__(self, vector_sql, query_sql, text):
        super().__init__(F("title"), F("sapo"), F("body"), Value(text))
        self.vector_sql, self.query_sql = vector_sql, query_sql

    def as_sql(self, compiler, connection, **extra_context):
        title, sapo, body, text = (compiler.compile(e) for e in self.get_source_expressions())
        vector = self.vector_sql.format(title=title[0], sapo=sapo[0], body=body[0])
        query = self.query_sql.replace("%s", text[0])
        return f"{vector} @@ {query}", [*title[1], *sapo[1], *body[1], *text[1]]


_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")


def words(text):
    """The folded words of a plain text."""
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class Query:
    """A parsed search: what the reader typed (trimmed) and its folded words."""

    text: str
    terms: tuple

    @property
    def phrase(self):
        return " ".join(self.terms)


def parse(raw):
    """A Query, or None when raw has no word to look for (empty, spaces, punctuation).

    Long input is cut (MAX_QUERY_CHARS, MAX_TERMS): the work per search stays bounded.
    """
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", raw or "")).strip()[:MAX_QUERY_CHARS]
    terms = tuple(words(text)[:MAX_TERMS])
    if not terms:
        return None
    return Query(text=text, terms=terms)


def search_articles(query):
    """Published articles matching query, best first (see the module docstring)."""
    if connection.vendor == "postgresql":
        return _search_postgres(query)
    return _search_fallback(query)


def matching_ids_postgres(query, *, phrase=False):
    """Ids of the newest PG_CANDIDATES articles with every word of query (or the phrase),
    filtered with the indexed expression (PostgreSQL)."""
    query_sql = PHRASE_QUERY_SQL if phrase else WORDS_QUERY_SQL
    return (
        selectors.published_ids()
        .filter(TextSearchMatch(DOCUMENT_SQL, query_sql, query.phrase))
        .order_by(*selectors.NEWEST)
        .values("pk")[:PG_CANDIDATES]
    )


def _search_postgres(query):
    # Two index lookups: the newest articles with the phrase, the newest with the words.
    # Being in the first set is what makes a phrase match, so the tiers below only read
    # titles, never re-parse a body.
    with_phrase = matching_ids_postgres(query, phrase=True)
    with_words = matching_ids_postgres(query)
    phrase = query.phrase
    tier = Case(
        When(
            Q(pk__in=with_phrase) & TextSearchMatch(TITLE_SQL, PHRASE_QUERY_SQL, phrase),
            then=3,
        ),
        When(pk__in=with_phrase, then=2),
        When(TextSearchMatch(TITLE_SQL, WORDS_QUERY_SQL, phrase), then=1),
        default=0,
        output_field=IntegerField(),
    )
    return (
        selectors.public_articles()
        .filter(pk__in=with_phrase.union(with_words))
        .annotate(tier=tier)
        .order_by("-tier", *selectors.NEWEST)
    )


def _search_fallback(query):
    _register_sqlite_functions()
    tier = Func(
        F("title"),
        F("sapo"),
        F("body"),
        Value(query.phrase),
        function="newsroom_search_tier",
        output_field=IntegerField(),
    )
    candidates = (
        selectors.published_ids().order_by(*selectors.NEWEST).values("pk")[:SQLITE_CANDIDATES]
    )
    return (
        selectors.public_articles()
        .filter(pk__in=candidates)
        .annotate(tier=tier)
        .filter(tier__gte=0)
        .order_by("-tier", *selectors.NEWEST)
    )


@lru_cache(maxsize=512)
def search_tier(title, sapo, body, phrase):
    """The ranking tier of one article for phrase (folded words), or -1 if it does not match.

    The same tiers as _search_postgres; registered on SQLite as newsroom_search_tier().
    """
    terms = phrase.split()
    if not terms:
        return -1
    title_text = " " + " ".join(words(title)) + " "
    rest = " " + " ".join(words(sapo)) + " " + " ".join(words(html_to_text(body))) + " "
    everything = title_text + rest
    if not all(f" {term} " in everything for term in terms):
        return -1
    if f" {phrase} " in title_text:
        return 3
    if f" {phrase} " in rest:
        return 2
    if all(f" {term} " in title_text for term in terms):
        return 1
    return 0


def _register_sqlite_functions():
    connection.ensure_connection()
    connection.connection.create_function(
        "newsroom_search_tier", 4, search_tier, deterministic=True
    )


# --- Highlighting ------------------------------------------------------------------


def _fold_with_positions(text):
    """fold(text) and, for each of its characters, the index of the original character."""
    folded, positions = [], []
    for index, char in enumerate(text):
        for folded_char in fold(char):
            folded.append(folded_char)
            positions.append(index)
    return "".join(folded), positions


@lru_cache(maxsize=64)
def _patterns(query):
    """The phrase (across any separators), then the single words, longest first."""
    words = sorted(set(query.terms), key=len, reverse=True)
    patterns = []
    if len(query.terms) > 1:
        patterns.append(r"[\W_]+".join(re.escape(t) for t in query.terms))
    patterns.append("|".join(re.escape(t) for t in words))
    return [re.compile(r"(?<![^\W_])(?:" + p + r")(?![^\W_])") for p in patterns]


def _first_match(folded, query):
    for pattern in _patterns(query):
        match = pattern.search(folded)
        if match:
            return match
    return None


def _spans(text, query):
    """Where to mark: the phrase where it occurs, else each word of the query."""
    folded, positions = _fold_with_positions(text)
    for pattern in _patterns(query):
        spans = [
            (positions[m.start()], positions[m.end() - 1] + 1)
            for m in pattern.finditer(folded)
            if m.end() > m.start()
        ]
        if spans:
            return spans
    return []


def highlight(text, query):
    """text (plain, not HTML) escaped, with the query's words wrapped in <mark>.

    Matching ignores accents and case ("cong doan" marks "Công Đoàn"); every piece of
    the text is escaped before it is joined to the markup, so nothing in the text or
    the query can inject HTML.
    """
    text = text or ""
    if query is None:
        return escape(text)
    out, last = [], 0
    for start, end in _spans(text, query):
        out.append(escape(text[last:start]))
        out.append(mark_safe("<mark>") + escape(text[start:end]) + mark_safe("</mark>"))
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def matches(text, query):
    """Whether text contains one of the query's words (accents and case ignored)."""
    return query is not None and _first_match(fold(text or ""), query) is not None


def excerpt(body_html, query, *, width=240):
    """About width characters of body_html's text around the first match, highlighted."""
    text = html_to_text(body_html)
    if not text:
        return ""
    match = _first_match(fold(text), query)
    # fold() keeps one character per character for Vietnamese, so the index is close
    # enough to cut a window; highlighting then works on the original characters.
    start = max(0, (match.start() if match else 0) - width // 3)
    window = text[start : start + width]
    if start > 0:
        window = "…" + window.split(" ", 1)[-1]
    if start + width < len(text):
        window = window.rsplit(" ", 1)[0] + "…"
    return highlight(window, query)


def summary(article, query):
    """What a result shows under its title: the sapo, highlighted, unless only the body
    matches, then an excerpt of the body around the match."""
    if matches(article.sapo, query) or not matches(html_to_text(article.body), query):
        return highlight(article.sapo, query)
    return excerpt(article.body, query)
