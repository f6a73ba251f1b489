"""The page cache: who is served from it, what it keeps, what purges it, how it fails.

Requests go through the real middleware stack (Django's test client) with the local
memory cache; writes go through articles.services as the admin's do, with their
on-commit purges run.
"""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.utils import timezone

from articles import services, stats
from articles.models import Article
from reader import cache as page_cache
from reader import cdn, signals
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"


def story(hours_ago=1, **kwargs):
    return ArticleFactory(published_at=timezone.now() - timedelta(hours=hours_ago), **kwargs)


def state(response):
    return response.get("X-Page-Cache")


@pytest.fixture
def site():
    """Two sections, two tags, an author: an article in each section."""
    economy, society = SectionFactory(name="Kinh tế"), SectionFactory(name="Xã hội")
    author = AuthorFactory(name="Trần Văn Bình")
    shown = story(2, section=economy, title="Giá vàng tăng", tags=["Giá vàng"], authors=[author])
    other = story(3, section=society, title="Trường học mới", tags=["Giáo dục"])
    return {"economy": economy, "society": society, "author": author, "a": shown, "b": other}


def urls(site):
    a, b = site["a"], site["b"]
    return {
        "article": a.get_absolute_url(),
        "other_article": b.get_absolute_url(),
        "home": "/",
        "section": site["economy"].get_absolute_url(),
        "other_section": site["society"].get_absolute_url(),
        "tag": "/tag/gia-vang/",
        "other_tag": "/tag/giao-duc/",
        "author": site["author"].get_absolute_url(),
        "rss": "/rss/home.rss",
        "sitemap": "/sitemap.xml",
        "search": "/tim-kiem/?q=gia+vang",
    }


def warm(client, pages):
    # The fixtures' writes never commit (the test's transaction): forget their keys.
    signals._pending.keys = None
    for url in pages.values():
        assert state(client.get(url)) in ("MISS", "HIT"), url
    for url in pages.values():
        assert state(client.get(url)) == "HIT", url


def stale_pages(client, pages):
    """The names of the pages a request renders again (no longer served from the cache)."""
    return {name for name, url in pages.items() if state(client.get(url)) != "HIT"}


# --- Hits, misses and bypasses ------------------------------------------------------------


def test_anonymous_pages_are_stored_then_served(client, site):
    url = site["a"].get_absolute_url()
    first = client.get(url)
    second = client.get(url)
    assert (state(first), state(second)) == ("MISS", "HIT")
    assert second.content == first.content
    assert not second.cookies and "Set-Cookie" not in second
    control = second["Cache-Control"]
    for part in ("public", "max-age=", "s-maxage=", "stale-while-revalidate=", "stale-if-error="):
        assert part in control, control
    keys = second["Surrogate-Key"].split()
    assert f"article-{site['a'].pk}" in keys and f"section-{site['economy'].pk}" in keys
    assert second["Cache-Tag"] == ",".join(keys)


def test_every_public_page_sets_no_cookie(client, site):
    for url in urls(site).values():
        response = client.get(url)
        assert response.status_code == 200 and not response.cookies, url


def test_staff_and_sessions_are_never_served_or_stored(client, site):
    url = site["a"].get_absolute_url()
    client.force_login(UserFactory(username="bientap"))
    assert state(client.get(url)) == "BYPASS"
    assert state(client.get(url)) == "BYPASS"
    client.logout()
    assert state(client.get(url)) == "MISS"  # nothing was stored for the staff member
    client.cookies["sessionid"] = "anything"
    assert state(client.get(url)) == "BYPASS"


def test_only_the_query_parameters_that_matter_make_a_new_copy(client, site):
    url = site["economy"].get_absolute_url()
    assert state(client.get(url)) == "MISS"
    assert state(client.get(url + "?utm_source=zalo&fbclid=x")) == "HIT"
    assert state(client.get(url + "?page=1")) == "MISS"
    assert state(client.get("/tim-kiem/?q=gia+vang")) == "MISS"
    assert state(client.get("/tim-kiem/?q=giao+duc")) == "MISS"
    assert state(client.get("/tim-kiem/?q=gia+vang&utm_medium=x")) == "HIT"
    assert state(client.get(url + "?view=mobile")) == "BYPASS"  # it sets a cookie


def test_each_device_class_has_its_own_copy(client, site):
    url = site["a"].get_absolute_url()
    desktop = client.get(url)
    phone = client.get(url, HTTP_USER_AGENT=IPHONE)
    assert (state(desktop), state(phone)) == ("MISS", "MISS")
    assert 'data-device="mobile"' in client.get(url, HTTP_USER_AGENT=IPHONE).content.decode()
    assert 'data-device="desktop"' in client.get(url).content.decode()
    assert state(client.get(url, HTTP_USER_AGENT=IPHONE + " other build")) == "HIT"


def test_post_admin_preview_and_health_are_never_cached(client, site):
    assert state(client.post("/tim-kiem/?q=x")) in ("BYPASS", None)
    assert "X-Page-Cache" not in client.get("/healthz")
    assert state(client.get("/admin/login/")) == "BYPASS"


def test_a_matching_etag_gets_304(client, site):
    url = site["a"].get_absolute_url()
    first = client.get(url)
    etag = first["ETag"]
    assert first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_head_is_served_from_the_copy_without_a_body(client, site):
    url = site["a"].get_absolute_url()
    client.get(url)
    head = client.head(url)
    assert state(head) == "HIT" and head.content == b"" and int(head["Content-Length"]) > 1000


def test_views_are_counted_on_hits_without_a_database_write(
    client, site, django_assert_num_queries
):
    url = site["a"].get_absolute_url()
    client.get(url)
    with django_assert_num_queries(0):
        for _ in range(3):
            assert state(client.get(url)) == "HIT"
    assert stats.pending_views(site["a"].pk) == 4
    client.get(url, HTTP_USER_AGENT="Googlebot/2.1")
    assert stats.pending_views(site["a"].pk) == 4


def test_views_are_summed_in_the_process_for_a_moment(client, site, settings):
    settings.PAGE_CACHE_VIEW_BATCH_SECONDS = 0.5
    page_cache._views.clear()
    page_cache._views_flushed[0] = time.time()
    url = site["a"].get_absolute_url()
    client.get(url)  # rendered: summed in the process like the hits
    for _ in range(5):
        client.get(url)
    assert stats.pending_views(site["a"].pk) == 0
    time.sleep(0.6)
    client.get(url)
    assert stats.pending_views(site["a"].pk) == 7


# --- Purges: each trigger clears exactly the pages that show what changed --------------------

EVERYTHING_ABOUT_A = {"article", "home", "section", "tag", "author", "rss", "sitemap", "search"}


def showing(client, pages, article):
    """The pages whose HTML links to article (the other article's blocks may)."""
    url = article.get_absolute_url()
    return {name for name, page in pages.items() if f'href="{url}"' in client.get(page).text}


def run_purges(django_capture_on_commit_callbacks, write):
    with django_capture_on_commit_callbacks(execute=True):
        write()


def test_publishing_purges_its_section_and_the_site_wide_pages(
    client, site, editor, django_capture_on_commit_callbacks
):
    pages = urls(site)
    warm(client, pages)
    new = ArticleFactory(
        section=site["economy"], status=Article.Status.PENDING, published_at=None, title="Tin mới"
    )
    run_purges(
        django_capture_on_commit_callbacks,
        lambda: services.article_publish(article=new, user=editor, notify=False),
    )
    assert stale_pages(client, pages) == {
        "home",
        "section",
        "rss",
        "sitemap",
        "search",
        "article",  # "Tin khác" of the same section
    }
    assert "Tin mới" in client.get(pages["section"]).content.decode()


def test_editing_purges_the_article_and_the_pages_listing_it(
    client, site, editor, django_capture_on_commit_callbacks
):
    pages = urls(site)
    warm(client, pages)
    listing = showing(client, pages, site["a"])
    article = Article.objects.get(pk=site["a"].pk)
    article.title = "Giá vàng tăng mạnh"
    run_purges(
        django_capture_on_commit_callbacks,
        lambda: services.article_save(article=article, user=editor, notify=False),
    )
    assert stale_pages(client, pages) == EVERYTHING_ABOUT_A | listing
    assert "Giá vàng tăng mạnh" in client.get(pages["tag"]).content.decode()


def test_the_article_blocks_kept_for_uncached_pages_are_purged_with_them(
    client, editor, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    economy = SectionFactory(name="Kinh tế")
    page = story(1, section=economy, title="Bài đang đọc")
    # Another section, no tag in common, not featured: shown in a block ("Đọc nhiều"
    # or a top-up) only, so only its own key can purge the blocks.
    listed = story(3, section=SectionFactory(name="Xã hội"), title="Giá điện tăng", view_count=900)
    signals._pending.keys = None
    client.force_login(editor)  # a session: never the page cache, always rendered
    url = page.get_absolute_url()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert state(response) == "BYPASS"
        assert "Giá điện tăng" in response.text
        counts.append(len(queries))
    # The second rendering takes the blocks' HTML from the cache: the listed articles
    # and their covers are not loaded again.
    assert counts[1] < counts[0]
    phone = client.get(url, HTTP_USER_AGENT=IPHONE).text
    assert 'class="block m-block"' in phone and "Giá điện tăng" in phone  # its own copy
    listed = Article.objects.get(pk=listed.pk)
    listed.title = "Giá điện tăng từ tháng sau"
    run_purges(
        django_capture_on_commit_callbacks,
        lambda: services.article_save(article=listed, user=editor, notify=False),
    )
    assert "Giá điện tăng từ tháng sau" in client.get(url).text
    assert "Giá điện tăng từ tháng sau" in client.get(url, HTTP_USER_AGENT=IPHONE).text


def test_withdrawing_and_restoring_purge_the_same_pages(
    client, site, editor, django_capture_on_commit_callbacks
):
    pages = urls(site)
    warm(client, pages)
    listing = showing(client, pages, site["a"])
    article = Article.objects.get(pk=site["a"].pk)
    run_purges(
        django_capture_on_commit_callbacks,
        lambda: services.article_withdraw(
            article=article, user=editor, note="Sai số liệu", notify=False
        ),
    )
    assert client.get(pages["article"]).status_code == 410
    pages.pop("article")
    assert stale_pages(client, pages) == (EVERYTHING_ABOUT_A | listing) - {"article"}
    warm(client, pages)
    revision = article.revisions.order_by("-version").first()
    run_purges(
        django_capture_on_commit_callbacks,
        lambda: services.article_restore(revision=revision, user=editor),
    )
    # Restoring a revision changes the text, not the state: still withdrawn, still gone
    # from every list, and those lists were purged again.
    assert stale_pages(client, pages) >= {"home", "section", "tag", "author", "rss"}


def test_a_scheduled_article_appears_on_time(client, site, editor, settings):
    settings.PAGE_CACHE_SECONDS = 300
    pages = urls(site)
    soon = ArticleFactory(
        section=site["economy"],
        title="Tin hẹn giờ",
        published_at=timezone.now() + timedelta(seconds=1.5),
    )
    page_cache.forget_next_scheduled()
    warm(client, pages)
    assert "Tin hẹn giờ" not in client.get(pages["section"]).content.decode()
    time.sleep(1.6)
    assert stale_pages(client, pages) == {
        "home",
        "section",
        "rss",
        "sitemap",
        "search",
        "article",
        "other_article",
        "tag",
        "other_section",
        "other_tag",
        "author",
    }  # no copy outlives the scheduled time, whatever it shows
    assert "Tin hẹn giờ" in client.get(pages["section"]).content.decode()
    assert client.get(soon.get_absolute_url()).status_code == 200


def test_renaming_a_section_purges_every_page_the_menu_is_on(
    client, site, django_capture_on_commit_callbacks
):
    pages = urls(site)
    warm(client, pages)
    section = site["society"]
    section.name = "Đời sống"
    run_purges(django_capture_on_commit_callbacks, section.save)
    assert stale_pages(client, pages) == set(pages)
    assert "Đời sống" in client.get("/").content.decode()


def test_renaming_an_author_purges_the_pages_with_the_byline(
    client, site, django_capture_on_commit_callbacks
):
    pages = urls(site)
    warm(client, pages)
    author = site["author"]
    author.name = "Trần Thị Bình"
    run_purges(django_capture_on_commit_callbacks, author.save)
    assert stale_pages(client, pages) == {"article", "author", "rss"}


def test_renaming_a_tag_purges_its_page_and_the_articles_showing_it(
    client, site, django_capture_on_commit_callbacks
):
    pages = urls(site)
    warm(client, pages)
    tag = site["a"].tags.get()
    tag.name = "Giá vàng SJC"
    run_purges(django_capture_on_commit_callbacks, tag.save)
    assert stale_pages(client, pages) == {"article", "tag"}


def test_moving_a_focal_point_purges_the_articles_showing_the_image(
    client, site, django_capture_on_commit_callbacks
):
    image = ImageFactory()
    Article.objects.filter(pk=site["b"].pk).update(cover_image=image)
    pages = urls(site)
    warm(client, pages)
    listing = showing(client, pages, site["b"])
    image.focal_x = 0.2
    run_purges(django_capture_on_commit_callbacks, image.save)
    # Its article's page, the pages of its section and tag, the site-wide ones, and
    # whatever else shows it (blocks and sidebars); nothing more.
    mine = {"other_article", "other_section", "other_tag", "home", "rss", "sitemap", "search"}
    assert stale_pages(client, pages) == mine | listing


def test_a_purge_reaches_the_cdn_as_a_task(settings, monkeypatch):
    sent = []
    settings.CDN_PURGE_BACKEND = "http"
    settings.CDN_PURGE_URL = "http://cdn.invalid/"
    monkeypatch.setattr(cdn, "_send", lambda request: sent.append(request) or 200)
    page_cache.purge(["home", "article-7"])
    assert sent and sent[0].get_method() == "PURGE"
    assert sent[0].get_header("Surrogate-key") == "article-7 home"


@pytest.mark.parametrize(
    ("backend", "url", "header"),
    [
        ("cloudflare", "https://api.cloudflare.com/client/v4/zones/z1/purge_cache", None),
        ("fastly", "https://api.fastly.com/service/s1/purge", "Surrogate-key"),
    ],
)
def test_cdn_backends_by_key(settings, monkeypatch, backend, url, header):
    sent = []
    settings.CDN_PURGE_BACKEND = backend
    settings.CLOUDFLARE_ZONE_ID, settings.CLOUDFLARE_API_TOKEN = "z1", "t"
    settings.FASTLY_SERVICE_ID, settings.FASTLY_API_TOKEN = "s1", "t"
    monkeypatch.setattr(cdn, "_send", lambda request: sent.append(request) or 200)
    assert cdn.purge(["home", "section-3"]) == [200]
    assert sent[0].full_url == url
    if header:
        assert sent[0].get_header(header) == "home section-3"
    else:
        assert b'"tags": ["home", "section-3"]' in sent[0].data


# --- Stampedes and failures -------------------------------------------------------------------


def test_while_one_worker_renders_the_others_serve_the_stale_copy(
    client, site, django_assert_num_queries
):
    url = site["a"].get_absolute_url()
    client.get(url)
    page_cache.purge([f"article-{site['a'].pk}"])
    key = page_cache.cache_key(client.get(url).wsgi_request)  # renders: fresh again
    page_cache.purge([f"article-{site['a'].pk}"])
    assert cache.add(page_cache.LOCK.format(key), 1, 10)  # another worker is rendering
    with django_assert_num_queries(0):
        response = client.get(url)
    assert state(response) == "STALE" and response.status_code == 200
    assert "max-age=1" in response["Cache-Control"]


def test_a_lock_taken_before_the_last_purge_does_not_hold_the_stale_copy_up(client, site):
    """A worker that took the lock before a purge renders a copy stale on arrival, or
    never releases the lock (Redis failed meanwhile): the next request renders."""
    url = site["a"].get_absolute_url()
    rendered = time.time()
    key = page_cache.cache_key(client.get(url).wsgi_request)
    assert state(client.get(url)) == "HIT"
    time.sleep(0.2)
    # a worker took the lock, then a write purged the page
    assert cache.add(page_cache.LOCK.format(key), rendered + 0.05, 10)
    page_cache.purge([f"article-{site['a'].pk}"], now=rendered + 0.1)
    response = client.get(url)
    assert state(response) == "MISS" and response.status_code == 200
    assert state(client.get(url)) == "HIT"
    assert cache.get(page_cache.LOCK.format(key)) is None  # released by the new render

    # a lock taken after the purge is honoured: its holder renders the purged page
    page_cache.purge([f"article-{site['a'].pk}"], now=time.time())
    assert cache.add(page_cache.LOCK.format(key), time.time() + 0.01, 10)
    assert state(client.get(url)) == "STALE"


def test_without_a_stale_copy_a_worker_waits_a_bounded_time(client, site, settings):
    settings.PAGE_CACHE_LOCK_WAIT = 0.3
    url = site["a"].get_absolute_url()
    key = page_cache.cache_key(client.get(url + "?utm=1").wsgi_request)
    cache.clear()
    assert cache.add(page_cache.LOCK.format(key), 1, 10)
    started = time.monotonic()
    response = client.get(url)
    waited = time.monotonic() - started
    assert response.status_code == 200 and state(response) == "MISS"
    assert 0.3 <= waited < 2


def test_a_database_error_serves_the_stale_copy(client, site, monkeypatch):
    url = site["a"].get_absolute_url()
    fresh = client.get(url)
    page_cache.purge([f"article-{site['a'].pk}"])

    def down(**kwargs):
        raise OperationalError("the database is gone")

    monkeypatch.setattr("articles.selectors.article_for_page", down)
    response = client.get(url)
    assert response.status_code == 200 and state(response) == "STALE-IF-ERROR"
    assert response.content == fresh.content


def test_a_database_error_without_a_copy_is_the_maintenance_page(site, monkeypatch):
    from django.test import Client

    def down(**kwargs):
        raise OperationalError("the database is gone")

    monkeypatch.setattr("articles.selectors.article_for_page", down)
    response = Client(raise_request_exception=False).get(site["a"].get_absolute_url())
    assert response.status_code == 503  # newsroom.views: the database is unavailable


def test_a_copy_is_kept_in_the_process_for_a_moment_then_checked_again(client, site, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 0.4
    page_cache._local.clear()
    url = site["a"].get_absolute_url()
    client.get(url)
    client.get(url)  # checked against the shared cache: kept in the process
    page_cache.purge([f"article-{site['a'].pk}"])
    assert state(client.get(url)) == "HIT"  # within the moment: from the process
    time.sleep(0.45)
    assert state(client.get(url)) == "MISS"  # checked again: purged
    page_cache._local.clear()
