"""Measure the archive import on PostgreSQL: `manage.py bench_import` (`make bench-import`).

Generates three inputs under var/bench-import/ and imports each into a fresh PostgreSQL
database with `import_articles` in a child process, then prints articles/s, photos/s
and the child's peak RSS:

1. plain: articles without images (target: >= 500 articles/s);
2. export: the 2,000-article export, 8 sections, 20 distinct cover photos (every
   article its own file, 20 distinct contents; target: <= 20 s), whose worker pass
   makes one rendition set per distinct photo;
3. large: a synthetic 200,000-article file (target: <= 10 minutes), the same peak RSS
   as the small files if the import streams.

After each import the workers (`--workers`, default 2: `db_worker --batch` processes run
at once) drain what the import queued: the search documents it deferred, and the
export's renditions; their time is printed apart.

Bodies are about 3,000 characters. Numbers depend on the machine: the load average is
printed with them. Nothing here asserts a time.
"""

import io
import json
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg2
from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image as PILImage

SECTIONS = [
    "Thời sự",
    "Công đoàn",
    "Kinh tế",
    "Xã hội",
    "Pháp luật",
    "Văn hóa",
    "Giáo dục",
    "Thể thao",
]
WORDS = (  # noqa: SIM905 - a sentence reads better than a list
    "công đoàn người lao động hà nội thủ đô kinh tế xã hội giáo dục thể thao giao thông "
    "văn hóa pháp luật an toàn tết chăm lo đoàn viên doanh nghiệp thành phố hội nghị "
    "chính sách tiền lương nhà ở bảo hiểm việc làm đường sắt học sinh bóng đá"
).split()


class Command(BaseCommand):
    help = "Generate archive files and time import_articles on fresh PostgreSQL databases."

    def add_arguments(self, parser):
        parser.add_argument(
            "--server",
            default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
            help="PostgreSQL server URL, without a database name.",
        )
        parser.add_argument("--database", default="newsroom_import_bench")
        parser.add_argument("--plain", type=int, default=20_000)
        parser.add_argument("--export", type=int, default=2_000)
        parser.add_argument("--photos", type=int, default=20)
        parser.add_argument("--large", type=int, default=200_000, help="0 skips the large file")
        parser.add_argument(
            "--workers", type=int, default=2, help="db_worker processes draining the queue"
        )

    def handle(self, *args, server, database, plain, export, photos, large, workers, **options):
        self.workers = max(1, workers)
        self.root = Path(settings.BASE_DIR) / "var" / "bench-import"
        self.root.mkdir(parents=True, exist_ok=True)
        self.server, self.database = server.rstrip("/"), database
        bodies = self.bodies()
        load = os.getloadavg()
        self.stdout.write(
            f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} "
            f"{load[2]:.2f} (shared: the numbers are pessimistic when it is above the cores)"
        )
        results = []
        path = self.write_jsonl("plain.jsonl", plain, bodies)
        results.append(("plain", plain, 0, *self.run_import(path), self.run_worker()))
        path = self.write_export(export, photos, bodies)
        results.append(("export", export, export, *self.run_import(path), self.run_worker()))
        if large:
            path = self.write_jsonl("large.jsonl", large, bodies)
            results.append(("large", large, 0, *self.run_import(path), self.run_worker()))
        self.stdout.write("")
        self.stdout.write(
            f"{'input':<8}{'articles':>10}{'seconds':>10}{'articles/s':>12}{'photos/s':>10}"
            f"{'peak RSS':>11}"
        )
        for name, count, photo_lines, seconds, rss, _out, _worker in results:
            rate = count / seconds
            photo_rate = f"{photo_lines / seconds:.0f}" if photo_lines else "-"
            self.stdout.write(
                f"{name:<8}{count:>10}{seconds:>10.1f}{rate:>12.0f}{photo_rate:>10}"
                f"{rss / 1024:>8.0f} MB"
            )
        self.stdout.write("")
        self.stdout.write(
            f"then {self.workers} worker(s) (db_worker --batch, at once) drain the queue the "
            "import left:"
        )
        self.stdout.write(
            f"{'input':<8}{'seconds':>10}{'search documents':>18}{'per s':>8}"
            f"{'photos':>8}{'rendition files':>17}"
        )
        for name, *_rest, (worker_s, documents, renditions, images) in results:
            self.stdout.write(
                f"{name:<8}{worker_s:>10.1f}{documents:>18}{documents / worker_s:>8.0f}"
                f"{images:>8}{renditions:>17}"
            )
        for name, *_rest, out, _worker in results:
            self.stdout.write(f"{name}: {out.strip().splitlines()[-1]}")
        load = os.getloadavg()
        self.stdout.write(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")

    # --- inputs ----------------------------------------------------------------------------

    def bodies(self):
        rng = random.Random(16)
        bodies = []
        for _ in range(40):
            paragraphs = []
            while sum(len(p) for p in paragraphs) < 2900:
                words = rng.choices(WORDS, k=rng.randint(25, 60))
                paragraphs.append(" ".join(words).capitalize() + ".")
            bodies.append("".join(f"<p>{p}</p>" for p in paragraphs))
        return bodies

    def line(self, i, bodies, prefix, **extra):
        when = datetime(2015, 1, 1, tzinfo=UTC) + timedelta(minutes=37 * i)
        row = {
            "title": f"Công đoàn Thủ đô chăm lo đời sống người lao động, bài số {i}",
            "sapo": "(LĐTĐ) Chiều 16/8, hội nghị tổng kết công tác công đoàn đã diễn ra.",
            "body_html": bodies[i % len(bodies)],
            "section": SECTIONS[i % len(SECTIONS)],
            "tags": [f"Chủ đề {i % 300}", SECTIONS[(i + 3) % len(SECTIONS)]],
            "authors": [f"PV {i % 40}"],
            "published_at": when.isoformat(),
            "featured": i % 50 == 0,
            "source_url": f"https://kho.example.vn/{prefix}/{i}.html",
            **extra,
        }
        return json.dumps(row, ensure_ascii=False) + "\n"

    def write_jsonl(self, name, count, bodies):
        path = self.root / name
        if not (path.exists() and sum(1 for _ in path.open("rb")) == count):
            with path.open("w", encoding="utf-8") as fh:
                for i in range(count):
                    fh.write(self.line(i, bodies, path.stem))
        return path

    def write_export(self, count, photos, bodies):
        folder = self.root / "export"
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "anh").mkdir(parents=True)
        originals = []
        for n in range(photos):
            img = PILImage.new("RGB", (1600, 1000), (n * 12 % 256, 90, 200 - n * 9 % 200))
            for x in range(0, 1600, 40):  # some detail, so the JPEGs have a real size
                img.paste((x % 255, (x * n) % 255, 120), (x, (x * 7 + n * 31) % 900, x + 30, 1000))
            buffer = io.BytesIO()
            img.save(buffer, "JPEG", quality=88)
            original = folder / f"goc-{n}.jpg"
            original.write_bytes(buffer.getvalue())
            originals.append(original)
        path = folder / "export.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(count):
                name = f"anh/{i}.jpg"
                os.link(originals[i % photos], folder / name)  # a file per article
                fh.write(self.line(i, bodies, "export", image=name, image_caption="Ảnh tư liệu"))
        return path

    # --- runs ------------------------------------------------------------------------------

    def env(self):
        # As in production: DEBUG off (no query log, no debug cursor).
        return {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": "bench-import-only",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"{self.server}/{self.database}",
            "MEDIA_ROOT": str(self.root / "media"),
            "TASKS_BACKEND": "database",
        }

    def fresh_database(self):
        conn = psycopg2.connect(f"{self.server}/postgres")
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.database}"')
            cursor.execute(f'CREATE DATABASE "{self.database}"')
        conn.close()
        shutil.rmtree(self.root / "media", ignore_errors=True)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=settings.BASE_DIR,
            env=self.env(),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def child(self, *args):
        """Run manage.py args; (seconds, peak RSS in KB, stdout)."""
        log = self.root / "child.log"
        with log.open("w") as out:
            started = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, "manage.py", *args],
                cwd=settings.BASE_DIR,
                env=self.env(),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            _pid, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - started
        text = log.read_text()
        if os.waitstatus_to_exitcode(status) != 0:
            self.stderr.write(text[-3000:])
        return seconds, usage.ru_maxrss, text

    def run_import(self, path):
        self.fresh_database()
        self.stdout.write(f"importing {path.name} ...")
        return self.child("import_articles", str(path), "--no-progress")

    def run_worker(self):
        """Drain the queue with self.workers workers at once: (seconds until the last one
        is done, search documents, rendition files, photos with renditions)."""
        started = time.perf_counter()
        processes = [
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
                cwd=settings.BASE_DIR,
                env=self.env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(self.workers)
        ]
        for process in processes:
            process.wait()
        seconds = time.perf_counter() - started
        conn = psycopg2.connect(f"{self.server}/{self.database}")
        with conn.cursor() as cursor:
            cursor.execute("SELECT count(search_document) FROM articles_article")
            documents = cursor.fetchone()[0]
            cursor.execute("SELECT count(*), count(DISTINCT image_id) FROM media_rendition")
            renditions, images = cursor.fetchone()
        conn.close()
        return seconds, documents, renditions, images
