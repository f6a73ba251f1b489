"""A synthetic archive for the benchmark, written by PostgreSQL itself.

`fill(articles)` adds published articles until the database holds that many bench rows
(marked by their source URL), one every five minutes back from now, as a daily
publishing ~290 stories a day: 2,000 articles are the last week, 1,000,000 a decade.
Texts are drawn from a pool of paragraphs made in Python once; the rows are made by
`INSERT ... SELECT generate_series` in batches (no Python object per row), then authors,
tags and `VACUUM ANALYZE` (autovacuum may be off).
"""

import random
import time

from django.db import connection, transaction

from articles import search_index
from articles.models import Tag
from authors.models import Author
from sections.models import Section

PREFIX = "https://bench.invalid/"
EVERY_MINUTES = 5
BATCH = 50_000
WORDS = tuple(
    " ".join(
        [
            "công đoàn người lao động hà nội thủ đô kinh tế xã hội giáo dục thể thao",
            "giao thông văn hóa pháp luật an toàn tết chăm lo đoàn viên doanh nghiệp",
            "thành phố hội nghị chính sách tiền lương nhà ở bảo hiểm việc làm đường sắt",
            "học sinh bóng đá quận huyện phường xã bệnh viện trường học mùa mưa nông thôn",
            "đầu tư xây dựng hạ tầng thủy lợi môi trường du lịch lễ hội công nhân khu",
        ]
    ).split(" ")
)
SECTIONS = [
    ("Công đoàn", ["Hoạt động", "Chính sách"]),
    ("Xã hội", ["Giáo dục", "Y tế"]),
    ("Kinh tế", []),
    ("Hà Nội", []),
    ("Pháp luật", []),
    ("Văn hóa", []),
    ("Thể thao", []),
    ("Giao thông", []),
]
AUTHORS = 30
TAGS = 300
PARAGRAPHS = 3000
TITLES = 5000


def _sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def bench_count():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM articles_article WHERE source_url LIKE %s", [PREFIX + "%"]
        )
        return cursor.fetchone()[0]


@transaction.atomic
def _setup():
    """Sections (with children), authors and tags: made once, through the models."""
    sections = []
    for position, (name, children) in enumerate(SECTIONS):
        parent, _ = Section.objects.get_or_create(
            name=name, parent=None, defaults={"position": position}
        )
        sections.append(parent.pk)
        for child_position, child in enumerate(children):
            made, _ = Section.objects.get_or_create(
                name=child, parent=parent, defaults={"position": child_position}
            )
            sections.append(made.pk)
    authors = [
        Author.objects.get_or_create(name=f"Phóng viên {n:02d}", defaults={"byline": f"PV{n}"})[
            0
        ].pk
        for n in range(1, AUTHORS + 1)
    ]
    rng = random.Random(7)
    tags = []
    for n in range(TAGS):
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {n}"
        tags.append(Tag.objects.get_or_create(key=name, defaults={"name": name})[0].pk)
    return sections, authors, tags


def fill(articles, *, log=print, vacuum=True, every_minutes=EVERY_MINUTES, rebuild_over=100_000):
    """Add bench articles until there are `articles` of them; returns seconds taken.
    Adding more than rebuild_over, the GIN search index is dropped first and built once
    at the end."""
    if connection.vendor != "postgresql":
        raise RuntimeError("the fast fill writes with PostgreSQL's generate_series")
    started = time.perf_counter()
    sections, authors, tags = _setup()
    have = bench_count()
    rng = random.Random(11)
    paragraphs = [_sentence(rng, 60) + "." for _ in range(PARAGRAPHS)]
    titles = [_sentence(rng, 10).capitalize() for _ in range(TITLES)]
    sapos = [_sentence(rng, 30) + "." for _ in range(TITLES)]
    rebuild = articles - have > rebuild_over
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        if rebuild:
            # A GIN index is built much faster once than row by row.
            cursor.execute(f"DROP INDEX IF EXISTS {search_index.SEARCH_INDEX}")
        for start in range(have, articles, BATCH):
            stop = min(articles, start + BATCH)
            with transaction.atomic():
                cursor.execute(
                    """
                    WITH made AS (
                      INSERT INTO articles_article (
                        title, slug, sapo, body, section_id, status, published_at,
                        created_at, updated_at, is_featured, view_count, source_url, version,
                        seo_title, seo_description, cover_caption, source_path)
                      SELECT
                        initcap((%(titles)s::text[])[1 + g %% %(nt)s]) || ' ' || g,
                        'bai-bench-' || g,
                        (%(sapos)s::text[])[1 + (g * 7) %% %(nt)s],
                        '<p>' || (%(paras)s::text[])[1 + (g * 7919) %% %(np)s] || '</p><p>'
                          || (%(paras)s::text[])[1 + (g * 104729) %% %(np)s] || '</p><p>'
                          || (%(paras)s::text[])[1 + (g * 15485863) %% %(np)s] || '</p>',
                        (%(sections)s::bigint[])[1 + g %% %(ns)s],
                        'published',
                        now() - make_interval(mins => ((g + 1) * %(every)s)::int),
                        now(), now(),
                        g %% 50 = 0,
                        (g * 2654435761) %% 1000,
                        %(prefix)s || g,
                        1, '', '', '', '/' || g
                      FROM generate_series(%(start)s::bigint, %(stop)s - 1) AS g
                      RETURNING id
                    ),
                    -- One author each.
                    bylines AS (
                      INSERT INTO articles_articleauthor (article_id, author_id, position)
                      SELECT id, (%(authors)s::bigint[])[1 + id %% %(na)s], 0 FROM made
                    )
                    -- Three tags, skewed: a few tags on many articles, most on few.
                    INSERT INTO articles_taggedarticle (content_object_id, tag_id)
                    SELECT DISTINCT id, (%(tags)s::bigint[])[1 + floor(
                        %(ntags)s * power(((id * k * 2654435761) %% 1000003) / 1000003.0, 3)
                      )::int]
                    FROM made, generate_series(1, 3) AS k
                    ON CONFLICT DO NOTHING
                    """,
                    {
                        "titles": titles,
                        "sapos": sapos,
                        "paras": paragraphs,
                        "nt": TITLES,
                        "np": PARAGRAPHS,
                        "sections": sections,
                        "ns": len(sections),
                        "every": every_minutes,
                        "prefix": PREFIX,
                        "start": start,
                        "stop": stop,
                        "authors": authors,
                        "na": len(authors),
                        "tags": tags,
                        "ntags": len(tags),
                    },
                )
            log(f"  {stop} articles ({time.perf_counter() - started:.0f} s)")
    if rebuild:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            cursor.execute(search_index.CREATE_SEARCH_INDEX)
            log(f"  search index rebuilt ({time.perf_counter() - started:.0f} s)")
    if not vacuum:  # inside a transaction (tests): statistics only
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return time.perf_counter() - started
    old_autocommit = connection.get_autocommit()
    connection.set_autocommit(True)
    try:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    finally:
        connection.set_autocommit(old_autocommit)
    return time.perf_counter() - started
