"""What each public page sends to a phone: `manage.py page_weight` (make page-weight).

Renders home, an article, a section (pages 1 and 2), a tag, an author, search and the
404 page with an iPhone's user agent through Django's test client, and prints the bytes
of the HTML, of the stylesheets it links and of the pictures a 390 px wide 3x screen
picks from each srcset (WebP when offered; lazy ones included, as when the reader
scrolls to the end), raw and gzipped. Numbers for docs/performance.md; nothing asserts.
"""

import gzip
import logging
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from articles.models import Article, Tag
from authors.models import Author
from sections.models import Section

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
SCREEN, DENSITY = 390, 3
DESKTOP, DESKTOP_DENSITY = 1366, 1


def slot(sizes, screen):
    """The px width a sizes attribute gives on a screen of that width."""
    for entry in (sizes or "").split(","):
        entry = entry.strip()
        condition = re.match(r"\((min|max)-width:\s*(\d+)px\)\s*(.+)", entry)
        if condition:
            kind, limit, value = condition.group(1), int(condition.group(2)), condition.group(3)
            if (kind == "max" and screen > limit) or (kind == "min" and screen < limit):
                continue
            entry = value
        if entry.endswith("vw"):
            return screen * float(entry[:-2]) / 100
        if entry.endswith("px"):
            return float(entry[:-2])
    return screen


def chosen(srcset, sizes, screen, density):
    """The URL a browser picks from srcset for the slot at density."""
    candidates = []
    for part in srcset.split(","):
        url, _, width = part.strip().rpartition(" ")
        candidates.append((int(width.rstrip("w")), url))
    candidates.sort()
    need = slot(sizes, screen) * density
    return next((url for width, url in candidates if width >= need), candidates[-1][1])


def image_urls(html, screen, density):
    """One URL per picture or bare <img>: what the browser downloads."""
    urls = []
    pictures = re.findall(r"<picture>(.*?)</picture>", html, re.S)
    for picture in pictures:
        source = re.search(r"<source([^>]*)>", picture)
        tag = source.group(1) if source else re.search(r"<img([^>]*)>", picture).group(1)
        urls.append(pick(tag, screen, density))
    rest = re.sub(r"<picture>.*?</picture>", "", html, flags=re.S)
    urls.extend(pick(tag, screen, density) for tag in re.findall(r"<img([^>]*)>", rest))
    return [url for url in urls if url]


def pick(tag, screen, density):
    attr = dict(re.findall(r'(\w+)="([^"]*)"', tag))
    if attr.get("srcset"):
        return chosen(attr["srcset"], attr.get("sizes"), screen, density)
    return attr.get("src")


def file_size(url):
    path = unquote(urlparse(url).path)
    if path.startswith(settings.MEDIA_URL):
        found = Path(settings.MEDIA_ROOT) / path[len(settings.MEDIA_URL) :]
    elif path.startswith(settings.STATIC_URL):
        found = finders.find(path[len(settings.STATIC_URL) :])
        found = Path(found) if found else None
    else:
        return 0, 0
    if not found or not found.is_file():
        return 0, 0
    data = found.read_bytes()
    return len(data), len(gzip.compress(data))


class Command(BaseCommand):
    help = "Print the bytes of HTML, CSS and images each public page sends to a phone."

    def add_arguments(self, parser):
        parser.add_argument("--desktop", action="store_true", help="Measure 1366 px at 1x.")

    def handle(self, *args, desktop=False, **options):
        article = Article.objects.published().order_by("-published_at").first()
        section = Section.objects.filter(parent=None, is_active=True).first()
        tag = Tag.objects.filter(tagged_articles__isnull=False).first()
        author = Author.objects.first()
        if not (article and section and tag and author):
            raise CommandError("No content to measure: run `make demo` first.")
        pages = {
            "home": "/",
            "article": article.get_absolute_url(),
            "section": section.get_absolute_url(),
            "section p2": section.get_absolute_url() + "?page=2",
            "tag": tag.get_absolute_url(),
            "author": author.get_absolute_url(),
            "search": "/tim-kiem/?q=c%C3%B4ng+%C4%91o%C3%A0n",
            "404": "/khong-co-trang-nay/",
        }
        screen, density = (DESKTOP, DESKTOP_DENSITY) if desktop else (SCREEN, DENSITY)
        headers = {} if desktop else {"HTTP_USER_AGENT": IPHONE}
        client = Client(HTTP_HOST="127.0.0.1")
        # The real 404 page (not the development one) and no log line per missing page.
        settings.DEBUG = False
        logging.getLogger("django.request").setLevel(logging.ERROR)
        kb = 1024
        self.stdout.write(
            f"{'page':<11}{'HTML':>8}{'gzip':>7}{'CSS':>7}{'gzip':>6}{'imgs':>5}"
            f"{'KB':>7}{'total KB':>10}"
        )
        totals = [0, 0]
        for name, url in pages.items():
            response = client.get(url, **headers)
            html = response.content.decode()
            html_size, html_gzip = len(response.content), len(gzip.compress(response.content))
            css = [
                file_size(href)
                for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
            ]
            css_size, css_gzip = sum(s for s, _ in css), sum(g for _, g in css)
            images = image_urls(html, screen, density)
            image_bytes = sum(file_size(url)[0] for url in images)
            total = html_gzip + css_gzip + image_bytes
            totals[0] += html_size
            totals[1] += total
            self.stdout.write(
                f"{name:<11}{html_size / kb:>8.1f}{html_gzip / kb:>7.1f}{css_size / kb:>7.1f}"
                f"{css_gzip / kb:>6.1f}{len(images):>5}{image_bytes / kb:>7.0f}{total / kb:>10.0f}"
            )
        self.stdout.write(
            f"all pages: HTML {totals[0] / kb:.1f} KB raw, {totals[1] / kb:.0f} KB sent"
        )
