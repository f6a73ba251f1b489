"""Measure the public pages on a large archive: `manage.py benchmark --articles 50000`.

Fills the database (DEBUG only; rows are marked with a bench source URL) with a decade of
synthetic articles, then times home, article, section, tag, search and feed requests
through Django's test client and prints the median / p95 time and the SQL query count of
each. The numbers are what a reviewer compares; nothing here asserts a time.
"""

import random
import statistics
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ArticleAuthor, Tag, TaggedArticle
from authors.models import Author
from sections.models import Section

PREFIX = "https://bench.invalid/"
WORDS = tuple(
    " ".join(
        [
            "công đoàn người lao động hà nội thủ đô kinh tế xã hội giáo dục thể thao",
            "giao thông văn hóa pháp luật an toàn tết chăm lo đoàn viên doanh nghiệp",
            "thành phố hội nghị chính sách tiền lương nhà ở bảo hiểm việc làm đường sắt",
            "học sinh bóng đá",
        ]
    ).split(" ")
)


class Command(BaseCommand):
    help = "Fill the database with a synthetic archive and time the public pages."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=20000)
        parser.add_argument("--repeat", type=int, default=15)
        parser.add_argument("--reset", action="store_true", help="delete the bench rows")

    def handle(self, *args, articles, repeat, reset, **options):
        if not settings.DEBUG:
            raise CommandError("The benchmark writes synthetic rows: run it with DEBUG=1.")
        if reset:
            Article.objects.filter(source_url__startswith=PREFIX).delete()
        have = Article.objects.filter(source_url__startswith=PREFIX).count()
        if have < articles:
            started = time.perf_counter()
            self.fill(have, articles)
            self.stdout.write(
                f"filled {articles - have} articles in {time.perf_counter() - started:.1f} s"
            )
        total = Article.objects.published().count()
        self.stdout.write(f"database: {connection.vendor}, published articles: {total}")
        self.measure(repeat)

    @transaction.atomic
    def fill(self, start, stop):
        rng = random.Random(start)
        sections = list(Section.objects.filter(parent=None)) or [
            Section.objects.create(name="Tin tổng hợp")
        ]
        author = Author.objects.first() or Author.objects.create(name="Bench", byline="B")
        tags = [Tag.objects.get_or_create(key=w, defaults={"name": w})[0] for w in WORDS[:20]]
        now = timezone.now()
        batch = []
        for n in range(start, stop):
            title = " ".join(rng.choice(WORDS) for _ in range(10)).capitalize()
            body = "".join(
                "<p>" + " ".join(rng.choice(WORDS) for _ in range(60)) + ".</p>" for _ in range(6)
            )
            batch.append(
                Article(
                    title=f"{title} {n}",
                    slug=f"bai-bench-{n}",
                    sapo=" ".join(rng.choice(WORDS) for _ in range(30)),
                    body=body,
                    section=sections[n % len(sections)],
                    status=Article.Status.PUBLISHED,
                    # A decade of archives, about one article every 1.5 hours.
                    published_at=now - timedelta(minutes=5 + n * 90),
                    is_featured=n % 50 == 0,
                    source_url=f"{PREFIX}{n}",
                )
            )
            if len(batch) == 2000 or n == stop - 1:
                created = Article.objects.bulk_create(batch)
                ArticleAuthor.objects.bulk_create(
                    ArticleAuthor(article=a, author=author) for a in created
                )
                TaggedArticle.objects.bulk_create(
                    TaggedArticle(content_object=a, tag=t)
                    for a in created
                    for t in rng.sample(tags, 3)
                )
                batch = []

    def measure(self, repeat):
        article = Article.objects.published().order_by("-published_at")[500]
        section = article.section
        in_section = Article.objects.published().filter(section=section).count()
        last_page = max(1, -(-in_section // 20))
        tag = article.tags.first()
        pages = [
            ("home", "/"),
            ("article", article.get_absolute_url()),
            ("section", section.get_absolute_url()),
            (f"section p.{last_page}", f"{section.get_absolute_url()}?page={last_page}"),
            ("tag", tag.get_absolute_url() if tag else "/"),
            ("search 'cong doan'", "/tim-kiem/?q=cong+doan"),
            ("search 'Tiền lương'", "/tim-kiem/?q=Ti%E1%BB%81n+l%C6%B0%C6%A1ng"),
            ("rss", "/rss/home.rss"),
            ("sitemap-news", "/sitemap-news.xml"),
        ]
        client = Client(HTTP_HOST=(settings.ALLOWED_HOSTS or ["localhost"])[0])
        self.stdout.write(f"{'page':<22}{'status':>7}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
        for name, url in pages:
            timings, status, queries = [], None, 0
            for _ in range(repeat):
                cache.clear()  # measure the database work, not the cache
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - started) * 1000)
                status, queries = response.status_code, len(captured)
            timings.sort()
            p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
            self.stdout.write(
                f"{name:<22}{status:>7}{statistics.median(timings):>11.1f}{p95:>9.1f}{queries:>9}"
            )
