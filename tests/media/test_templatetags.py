"""{% image %} and {% image_url %}: markup from renditions, read-only, prefetch-friendly."""

import re

import pytest
from django.core.files.base import ContentFile
from django.template import Context, Template

from articles.models import Article
from media.models import Image, Rendition
from tests.factories import ArticleFactory, image_bytes

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load images %}" + source).render(Context(context))


def attr(html, tag, name):
    match = re.search(rf"<{tag}\b[^>]*\s{name}=\"([^\"]*)\"", html)
    return match and match.group(1)


def test_picture_with_webp_source_and_sized_fallback(make_image):
    img = make_image(
        file=ContentFile(image_bytes(size=(1600, 900)), name="a.jpg"), alt_text="Hội nghị"
    )
    html = render(
        '{% image img "thumb" sizes="200px" loading="eager" css_class="c" fetchpriority="high" %}',
        img=img,
    )
    thumbs = {r.spec: r for r in img.renditions.filter(spec__startswith="thumb-")}
    assert html.startswith("<picture><source ")
    assert attr(html, "source", "type") == "image/webp"
    assert attr(html, "source", "srcset") == (
        f"{thumbs['thumb-320.webp'].file.url} 320w, {thumbs['thumb-480.webp'].file.url} 480w, "
        f"{thumbs['thumb-640.webp'].file.url} 640w"
    )
    assert attr(html, "source", "sizes") == "200px"
    assert attr(html, "img", "src") == thumbs["thumb-320.jpg"].file.url
    assert attr(html, "img", "srcset") == (
        f"{thumbs['thumb-320.jpg'].file.url} 320w, {thumbs['thumb-480.jpg'].file.url} 480w, "
        f"{thumbs['thumb-640.jpg'].file.url} 640w"
    )
    assert (attr(html, "img", "width"), attr(html, "img", "height")) == ("320", "180")
    assert attr(html, "img", "alt") == "Hội nghị"
    assert attr(html, "img", "loading") == "eager"
    assert attr(html, "img", "decoding") == "async"
    assert attr(html, "img", "class") == "c"
    assert attr(html, "img", "fetchpriority") == "high"
    assert html.endswith("></picture>")


def test_article_spec_keeps_the_shape_and_has_default_sizes(make_image):
    img = make_image(file=ContentFile(image_bytes(size=(1600, 1200)), name="a.jpg"))
    html = render('{% image img "article" alt="" %}', img=img)
    assert (attr(html, "img", "width"), attr(html, "img", "height")) == ("960", "720")
    assert attr(html, "img", "sizes")
    assert attr(html, "img", "alt") == ""


def test_og_url_is_the_1200_by_630_jpeg(make_image):
    img = make_image()
    og = img.renditions.get(spec="og-1200.jpg")
    assert render('{% image_url img "og" %}', img=img) == og.file.url
    assert (og.width, og.height) == (1200, 630)


def test_without_renditions_the_original_is_shown_and_none_is_made(db):
    img = Image.objects.create(file=ContentFile(image_bytes(), name="a.jpg"), title="Cũ")
    assert not img.renditions.exists()  # its on_commit job never ran
    html = render('{% image img "card" %}', img=img)
    assert html.startswith("<img ")
    assert attr(html, "img", "src") == img.file.url
    assert (attr(html, "img", "width"), attr(html, "img", "height")) == ("64", "36")
    assert render('{% image_url img "og" %}', img=img) == img.file.url
    assert not Rendition.objects.exists()


def test_none_renders_nothing():
    assert render('{% image img "thumb" %}{% image_url img "og" %}', img=None) == ""


def test_rendering_makes_no_rendition_and_pays_no_query_per_image(
    make_image, django_assert_num_queries
):
    for _ in range(5):
        ArticleFactory(cover_image=make_image())
    before = Rendition.objects.count()
    articles = Article.objects.select_related("cover_image").prefetch_related(
        "cover_image__renditions"
    )
    template = "{% for a in articles %}{% image a.cover_image 'thumb' %}{% endfor %}"
    with django_assert_num_queries(2):  # the articles, then all their renditions
        html = render(template, articles=articles)
    assert html.count("<picture>") == 5
    assert Rendition.objects.count() == before


def test_article_page_shows_renditions_and_makes_none(client, make_image):
    cover = make_image(file=ContentFile(image_bytes(size=(1600, 900)), name="a.jpg"))
    article = ArticleFactory(cover_image=cover)
    Rendition.objects.filter(spec__startswith="card").delete()  # missing ones stay missing
    before = set(Rendition.objects.values_list("pk", flat=True))
    html = client.get(article.get_absolute_url()).content.decode()
    assert cover.renditions.get(spec="article-960.webp").file.url in html
    assert set(Rendition.objects.values_list("pk", flat=True)) == before


def test_a_card_not_made_yet_shows_the_thumb_of_the_same_shape_and_makes_nothing(make_image):
    img = make_image(file=ContentFile(image_bytes(size=(1600, 900)), name="a.jpg"))
    Rendition.objects.filter(image=img, spec__startswith="card").delete()
    files = sorted(r.file.name for r in Rendition.objects.all())
    img = Image.objects.prefetch_related("renditions").get(pk=img.pk)
    html = render('{% image img "card" %}', img=img)
    thumb = Rendition.objects.get(image=img, spec="thumb-320.jpg")
    assert attr(html, "img", "src") == thumb.file.url
    assert "thumb-480" in attr(html, "img", "srcset")
    # The page made nothing: the worker will.
    assert sorted(r.file.name for r in Rendition.objects.all()) == files
