"""Article search: a phrase, in the tones typed first, titles first, newest first, bounded.

Matching, on both databases: the syllables of the query as a phrase, in any tones and
case ("cong doan" finds "Công đoàn", never "công ... đoàn" apart nor "Công an ... thủ
đoạn"). Ranking, in tiers (then newest first within a tier):

    5  the phrase with the tones typed, in the title   (only for a query with diacritics)
    4  the phrase with the tones typed, elsewhere      (only for a query with diacritics)
    3  the phrase in any tones, in the title
    2  the phrase in any tones, elsewhere

"hoà" and "hòa", "thuỷ" and "thủy" are one spelling (core.text.tone_placement).

Bounded: the newest CANDIDATES matches are ranked (as many as the numbered pages show),
found through the stored index (articles/search_index.py) — PostgreSQL's GIN index on
``search_document`` or SQLite's FTS5 table — never a per-row ``to_tsvector`` and never a
count of all matches.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles import selectors
from articles.search_index import DOCUMENT_COLUMN, FTS_TABLE
from core.html import html_to_text
from core.text import fold, tone_placement

from .pagination import MAX_PAGES, PER_PAGE

MAX_QUERY_CHARS = 100
MAX_TERMS = 8
CANDIDATES = MAX_PAGES * PER_PAGE
# Kept for callers that read the bound under its older name.
PG_CANDIDATES = CANDIDATES

_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")


def words(text):
    """The folded words of a plain text."""
    return _WORD.findall(fold(text))


def exact_words(text):
    """The words of a plain text as typed: lower case, tones kept, one tone placement."""
    return _WORD.findall(tone_placement(text))


@dataclass(frozen=True)
class Query:
    """A parsed search: what the reader typed (trimmed), its folded words and its words
    with their tones."""

    text: str
    terms: tuple
    exact_terms: tuple = ()

    @property
    def phrase(self):
        return " ".join(self.terms)

    @property
    def has_tones(self):
        """Whether the reader typed diacritics (then exact-tone matches rank first)."""
        return bool(self.exact_terms) and self.exact_terms != self.terms


def parse(raw):
    """A Query, or None when raw has no word to look for (empty, spaces, punctuation).

    Long input is cut (MAX_QUERY_CHARS, MAX_TERMS): the work per search stays bounded.
    """
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", raw or "")).strip()[:MAX_QUERY_CHARS]
    terms = tuple(words(text)[:MAX_TERMS])
    if not terms:
        return None
    exact = tuple(exact_words(text)[:MAX_TERMS])
    if len(exact) != len(terms):
        exact = ()
    return Query(text=text, terms=terms, exact_terms=exact)


def result_ids(query, limit, offset=0, before=None, after=None):
    """Ids of one page of results, best first (see the module docstring)."""
    if before is not None or after is not None:
        return []  # results are ranked, not dated: the numbered pages hold them all
    if offset >= CANDIDATES:
        return []
    limit = min(limit, CANDIDATES - offset)
    if connection.vendor == "postgresql":
        return _ids_postgres(query, limit, offset)
    if connection.vendor == "sqlite":
        return _ids_sqlite(query, limit, offset)
    return []


def load_results(ids):
    """The result articles (with their bodies: a summary may quote one) in order."""
    by_id = {a.pk: a for a in selectors.public_articles().filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def search_articles(query, limit=CANDIDATES):
    """The matching articles, best first (every candidate: tests and scripts)."""
    return load_results(result_ids(query, limit))


# --- PostgreSQL ----------------------------------------------------------------------


def _tsquery(terms, weights):
    return " <-> ".join(f"'{term}':{weights}" for term in terms)


def _match_postgres(query):
    """The candidates' condition and its parameters: the phrase in any tones.

    For more than one word the index is asked for the phrase's pairs of adjacent words
    alone (articles/search_index.py): each syllable's own list covers most of a large
    archive, and intersecting those cost more than the pairs' (17 of 21 ms for "bóng đá
    công đoàn" at a million articles). The phrase is then checked on the rows the pairs
    leave, through the function behind ``@@`` (``ts_match_vq``: the same test, which the
    planner does not turn into an index condition). A phrase match always has its pairs,
    so nothing is lost; should the words make no pair at all, the phrase goes to the index.
    """
    phrase = "to_tsquery('newsroom_vi'::regconfig, %s)"
    params = [_tsquery(query.terms, "AD")]
    if len(query.terms) == 1:
        return f"{DOCUMENT_COLUMN} @@ {phrase}", params
    pairs = "newsroom_search_pair_query(%s)"
    words = " ".join(query.terms)
    return (
        f"{DOCUMENT_COLUMN} @@ (CASE WHEN numnode({pairs}) > 0 THEN {pairs} ELSE {phrase} END)"
        f" AND ts_match_vq({DOCUMENT_COLUMN}, {phrase})",
        [words, words, *params, *params],
    )


def _candidates_postgres(query):
    """The newest CANDIDATES matches (id, published_at, document) and the parameters: the
    statement the ranking wraps, and the one the plan-shape tests EXPLAIN."""
    match, params = _match_postgres(query)
    sql = f"""
        SELECT id, published_at, {DOCUMENT_COLUMN} FROM articles_article
        WHERE status = 'published' AND published_at <= now() AND {match}
        ORDER BY published_at DESC, id DESC LIMIT %s
    """
    return sql, [*params, CANDIDATES]


def _ids_postgres(query, limit, offset):
    toneless = "to_tsquery('newsroom_vi'::regconfig, %s)"
    exact = "to_tsquery('newsroom_vi_exact'::regconfig, %s)"
    doc = f"c.{DOCUMENT_COLUMN}"
    tiers = [f"WHEN {doc} @@ {toneless} THEN 3"]
    params = [_tsquery(query.terms, "A")]
    if query.has_tones:
        tiers = [f"WHEN {doc} @@ {exact} THEN 5", f"WHEN {doc} @@ {exact} THEN 4", *tiers]
        params = [_tsquery(query.exact_terms, "B"), _tsquery(query.exact_terms, "BC"), *params]
    candidates, candidate_params = _candidates_postgres(query)
    sql = f"""
        SELECT c.id FROM ({candidates}) AS c
        ORDER BY CASE {" ".join(tiers)} ELSE 2 END DESC, c.published_at DESC, c.id DESC
        LIMIT %s OFFSET %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*candidate_params, *params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def explain_postgres(query, analyze=False):
    """EXPLAIN (with analyze: ANALYZE, BUFFERS) of the candidate query, as the search runs
    it (the plan-shape tests read it)."""
    sql, params = _candidates_postgres(query)
    options = "(ANALYZE, BUFFERS) " if analyze else ""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {options}{sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


# --- SQLite (FTS5) -------------------------------------------------------------------


def _fts_phrase(columns, terms):
    return "{" + " ".join(columns) + '} : "' + " ".join(terms) + '"'


def _ids_sqlite(query, limit, offset):
    any_tones = _fts_phrase(("title_fold", "text_fold"), query.terms)
    tiers = [f"WHEN a.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) THEN 3"]
    params = [_fts_phrase(("title_fold",), query.terms)]
    if query.has_tones:
        tiers = [
            f"WHEN a.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) THEN 5",
            f"WHEN a.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) THEN 4",
            *tiers,
        ]
        params = [
            _fts_phrase(("title_exact",), query.exact_terms),
            _fts_phrase(("title_exact", "text_exact"), query.exact_terms),
            *params,
        ]
    sql = f"""
        SELECT id FROM (
          SELECT a.id, a.published_at FROM articles_article a
          WHERE a.status = 'published' AND a.published_at <= %s
            AND a.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)
          ORDER BY a.published_at DESC, a.id DESC LIMIT %s
        ) AS a
        ORDER BY CASE {" ".join(tiers)} ELSE 2 END DESC, a.published_at DESC, a.id DESC
        LIMIT %s OFFSET %s
    """
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [now, any_tones, CANDIDATES, *params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


# --- Highlighting ------------------------------------------------------------------


def _fold_with_positions(text):
    """fold(text) and, for each of its characters, the index of the original character."""
    folded, positions = [], []
    for index, char in enumerate(text):
        for folded_char in fold(char):
            folded.append(folded_char)
            positions.append(index)
    return "".join(folded), positions


def _phrase_pattern(terms):
    """The words in order, across any separators, whole words only."""
    phrase = r"[\W_]+".join(re.escape(t) for t in terms)
    return re.compile(r"(?<![^\W_])(?:" + phrase + r")(?![^\W_])")


@lru_cache(maxsize=64)
def _patterns(query):
    """(exact pattern or None, toneless pattern): the phrase as typed, then in any tones."""
    exact = _phrase_pattern(query.exact_terms) if query.has_tones else None
    return exact, _phrase_pattern(query.terms)


def _first_match(folded, query):
    return _patterns(query)[1].search(folded)


def _spans(text, query):
    """Where to mark: the phrase with the tones typed where it occurs, else the phrase
    in any tones; never single syllables of a longer query."""
    exact, toneless = _patterns(query)
    if exact is not None:
        typed = tone_placement(text)
        if len(typed) == len(text):  # one character per character: indexes carry over
            spans = [(m.start(), m.end()) for m in exact.finditer(typed) if m.end() > m.start()]
            if spans:
                return spans
    folded, positions = _fold_with_positions(text)
    return [
        (positions[m.start()], positions[m.end() - 1] + 1)
        for m in toneless.finditer(folded)
        if m.end() > m.start()
    ]


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
    """Whether text contains the query's phrase (accents and case ignored)."""
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
