"""The image admin: validated uploads, thumbnails, search, "used in", pickers."""

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.admin.article import ArticleAdmin
from articles.models import Article
from media.admin import ImagePickerMixin
from media.models import Image, Rendition
from tests.factories import ArticleFactory, image_bytes

from .conftest import files_under, has_gps, photo, png_bomb

ADD_URL = reverse("admin:media_image_add")
LIST_URL = reverse("admin:media_image_changelist")


def form_data(file, **overrides):
    data = {
        "file": file,
        "title": "Hội nghị công đoàn",
        "caption": "",
        "credit": "",
        "alt_text": "",
        "focal_x": "0.5",
        "focal_y": "0.5",
    }
    data.update(overrides)
    return data


REFUSED = [
    pytest.param("bai-bao.jpg", "Đây là văn bản".encode(), id="text-named-jpg"),
    pytest.param("bom.png", png_bomb(), id="png-bomb"),
    pytest.param(
        "script.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        id="svg-with-script",
    ),
    pytest.param("rong.jpg", b"", id="empty"),
    pytest.param("cat-ngang.jpg", image_bytes(size=(400, 300))[:600], id="truncated-jpeg"),
    pytest.param("lon-qua.jpg", image_bytes(size=(2000, 2000), quality=95), id="too-large"),
    # Renditions are WebP, which stops at 16,383 pixels a side: refused before storing.
    pytest.param("soi-chi.png", image_bytes(size=(1, 100_000), fmt="PNG"), id="1x100000"),
    pytest.param("dai.png", image_bytes(size=(17_000, 2_000), fmt="PNG"), id="17000-wide"),
]


@pytest.mark.parametrize(("name", "content"), REFUSED)
def test_add_form_refuses_and_stores_nothing(
    client, reporter, media_root, settings, on_commit, name, content
):
    settings.IMAGE_MAX_UPLOAD_BYTES = 20_000
    client.force_login(reporter)
    with on_commit():
        response = client.post(ADD_URL, form_data(SimpleUploadedFile(name, content)))
    assert response.status_code == 200  # the form again, with the message
    errors = response.context["adminform"].form.errors["file"]
    assert errors and all(errors)
    assert not Image.objects.exists()
    assert not Rendition.objects.exists()
    assert files_under(media_root) == []


def test_add_form_message_says_what_is_wrong(client, reporter, settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    client.force_login(reporter)
    response = client.post(ADD_URL, form_data(SimpleUploadedFile("a.png", png_bomb(2000, 1000))))
    assert response.context["adminform"].form.errors["file"] == [
        "Ảnh có quá nhiều điểm ảnh; giới hạn là 1 megapixel."
    ]


def test_add_form_stores_a_clean_original_and_its_renditions(
    client, reporter, media_root, on_commit
):
    client.force_login(reporter)
    upload = SimpleUploadedFile("IMG_2041.JPG", photo((800, 450), gps=True))
    with on_commit():
        response = client.post(ADD_URL, form_data(upload, focal_x="0.25"))
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.uploaded_by == reporter
    assert image.focal_x == 0.25
    with image.file.open("rb") as fh:
        assert not has_gps(fh.read())
    assert image.renditions.count() == 13
    assert len(files_under(media_root)) == 14


def test_changelist_shows_thumbnails_with_a_fixed_number_of_queries(client, superuser, make_image):
    client.force_login(superuser)
    make_image()
    with CaptureQueriesContext(connection) as one:
        client.get(LIST_URL)
    for _ in range(4):
        make_image()
    with CaptureQueriesContext(connection) as five:
        html = client.get(LIST_URL).content.decode()
    assert len(five) == len(one)
    for image in Image.objects.all():
        assert image.renditions.get(spec="thumb-320.jpg").file.url in html


@pytest.mark.parametrize("field", ["title", "caption", "credit"])
def test_search_by_title_caption_and_credit(client, superuser, make_image, field):
    client.force_login(superuser)
    make_image(**{field: "Nhà máy thủy điện Hòa Bình"})
    make_image(title="Khác")
    response = client.get(LIST_URL, {"q": "thủy điện"})
    assert response.context["cl"].result_count == 1


def test_change_page_lists_the_articles_using_the_image(client, superuser, make_image):
    client.force_login(superuser)
    image = make_image()
    cover = ArticleFactory(title="Bài có ảnh bìa", cover_image=image)
    url = image.renditions.get(spec="article-960.jpg").file.url
    body = ArticleFactory(title="Bài có ảnh trong thân", body=f'<p><img src="{url}" alt=""></p>')
    ArticleFactory(title="Bài không dùng ảnh")
    html = client.get(reverse("admin:media_image_change", args=[image.pk])).content.decode()
    assert reverse("admin:articles_article_change", args=[cover.pk]) in html
    assert reverse("admin:articles_article_change", args=[body.pk]) in html
    assert "Bài không dùng ảnh" not in html
    assert "data-focal-picker" in html
    assert "js/focal-point.js" in html


def test_file_of_an_image_shown_in_a_body_cannot_be_replaced(client, superuser, make_image):
    client.force_login(superuser)
    image = make_image()
    ArticleFactory(body=f'<p><img src="{image.renditions.first().file.url}" alt=""></p>')
    new = SimpleUploadedFile("moi.jpg", image_bytes(size=(80, 45)))
    response = client.post(reverse("admin:media_image_change", args=[image.pk]), form_data(new))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    assert Image.objects.get().file.name == image.file.name


def test_picker_preview_gives_the_thumbnail(client, reporter, make_image):
    image = make_image()
    url = reverse("admin:media_image_picker_preview")
    assert client.get(url, {"id": image.pk}).status_code == 302  # to the login page
    client.force_login(reporter)
    data = client.get(url, {"id": image.pk}).json()
    assert data == {
        "thumbnail": image.renditions.get(spec="thumb-320.jpg").file.url,
        "title": image.title,
    }
    assert client.get(url, {"id": "x"}).status_code == 404


def test_image_picker_widget_shows_the_chosen_thumbnail(superuser, make_image):
    assert issubclass(ArticleAdmin, ImagePickerMixin)  # the article form uses the picker
    image = make_image()
    request = RequestFactory().get("/")
    request.user = superuser
    model_admin = ArticleAdmin(Article, admin.site)
    field = model_admin.formfield_for_dbfield(Article._meta.get_field("cover_image"), request)
    html = field.widget.render("cover_image", image.pk)
    assert "data-image-picker" in html
    assert image.renditions.get(spec="thumb-320.jpg").file.url in html
    assert reverse("admin:media_image_picker_preview") in html
    assert reverse("admin:media_image_changelist") in html  # the lookup popup
    assert "media/js/image-picker.js" in str(field.widget.media)


def test_remake_action(client, superuser, make_image, on_commit):
    client.force_login(superuser)
    image = make_image(file=ContentFile(image_bytes(size=(800, 450)), name="a.jpg"))
    Rendition.objects.filter(image=image, spec__startswith="thumb").delete()
    with on_commit():
        client.post(LIST_URL, {"action": "remake_renditions", "_selected_action": [image.pk]})
    assert image.renditions.filter(spec__startswith="thumb").count() == 6


def test_image_stored_through_the_admin_on_a_clean_name(client, superuser, on_commit):
    client.force_login(superuser)
    content = ContentFile(image_bytes(fmt="PNG")).read()
    with on_commit():
        client.post(ADD_URL, form_data(SimpleUploadedFile("x.html", content)))
    assert Image.objects.get().file.name.endswith(".png")


def test_add_form_offers_the_image_already_made_from_the_same_photo(
    client, reporter, media_root, on_commit
):
    client.force_login(reporter)
    content = photo((800, 450), gps=True)
    with on_commit():
        client.post(ADD_URL, form_data(SimpleUploadedFile("IMG_1.JPG", content)))
    first = Image.objects.get()
    files = files_under(media_root)
    with on_commit():
        response = client.post(
            ADD_URL, form_data(SimpleUploadedFile("ban-sao.jpg", content), title="Bản sao")
        )
    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors["file"]
    assert "đã có trong thư viện" in error
    assert reverse("admin:media_image_change", args=[first.pk]) in response.content.decode()
    assert Image.objects.get() == first
    assert files_under(media_root) == files  # no second file, no second rendition set
    # Another photo is still welcome.
    with on_commit():
        other = client.post(ADD_URL, form_data(SimpleUploadedFile("b.jpg", photo((640, 360)))))
    assert other.status_code == 302 and Image.objects.count() == 2
