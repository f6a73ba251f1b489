"""`manage.py bench_fill --articles 1000000`: the benchmark's synthetic archive (PostgreSQL)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo import bench_fill


class Command(BaseCommand):
    help = "Fill PostgreSQL with synthetic published articles for the benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=2000)

    def handle(self, *args, articles, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark fill needs PostgreSQL (DATABASE_URL=postgres://…).")
        have = bench_fill.bench_count()
        seconds = bench_fill.fill(articles, log=self.stdout.write)
        self.stdout.write(
            f"filled {max(0, articles - have)} articles in {seconds:.0f} s "
            f"(now {bench_fill.bench_count()}), VACUUM ANALYZE included"
        )
