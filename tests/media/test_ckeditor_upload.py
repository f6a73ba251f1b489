import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from media.models import Image, Rendition
from media.tasks import make_renditions
from tests.factories import image_bytes

from .conftest import files_under, has_gps, photo, png_bomb

URL = reverse("ckeditor_upload")


def jpeg(name="anh-hien-truong.jpg", size=(320, 180)):
    return SimpleUploadedFile(name, image_bytes(size=size), content_type="image/jpeg")


def test_staff_upload_goes_into_the_library(client, reporter, media_root, on_commit):
    client.force_login(reporter)
    with on_commit():
        response = client.post(URL, {"upload": jpeg()})
    assert response.status_code == 200
    data = response.json()
    assert data["uploaded"] == 1
    image = Image.objects.get()
    assert image.uploaded_by == reporter
    assert image.title == "anh-hien-truong"
    assert (image.width, image.height) == (320, 180)
    assert image.renditions.exists()
    assert len(files_under(media_root)) == 1 + image.renditions.count()


def test_the_request_makes_no_rendition_the_worker_does(client, reporter, media_root):
    client.force_login(reporter)
    with CaptureQueriesContext(connection):
        data = client.post(URL, {"upload": jpeg(size=(1600, 900))}).json()
    # Not committed yet (the test's transaction): nothing resized in the request...
    assert not Rendition.objects.exists()
    assert len(files_under(media_root)) == 1
    # ...and the address it gave is the one the worker then fills.
    make_renditions.call(Image.objects.get().pk)
    assert data["fileName"] == Rendition.objects.get(spec="article-960.jpg").file.name


def test_body_links_to_the_article_rendition(client, reporter, on_commit):
    client.force_login(reporter)
    upload = SimpleUploadedFile("anh.jpg", photo((1600, 900), gps=True))
    with on_commit():
        data = client.post(URL, {"upload": upload}).json()
    rendition = Rendition.objects.get(spec="article-960.jpg")
    assert data["url"] == rendition.file.url
    assert data["fileName"] == rendition.file.name
    assert (rendition.width, rendition.height) == (960, 540)
    with rendition.file.open("rb") as fh:
        assert not has_gps(fh.read())


def test_same_upload_twice_is_one_image_with_one_set_of_renditions(
    client, reporter, media_root, on_commit
):
    client.force_login(reporter)
    with on_commit():
        first = client.post(URL, {"upload": jpeg(size=(1000, 600))}).json()
    files = files_under(media_root)
    with on_commit():
        second = client.post(URL, {"upload": jpeg(name="lan-hai.jpg", size=(1000, 600))}).json()
    assert second["url"] == first["url"]
    assert Image.objects.count() == 1
    assert Rendition.objects.count() == Image.objects.get().renditions.count() == 17
    assert files_under(media_root) == files


def test_anonymous_upload_refused(client, media_root, db):
    response = client.post(URL, {"upload": jpeg()})
    assert response.status_code == 403
    assert not Image.objects.exists()
    assert files_under(media_root) == []


def test_non_staff_upload_refused(client, outsider, media_root):
    client.force_login(outsider)
    response = client.post(URL, {"upload": jpeg()})
    assert response.status_code == 403
    assert not Image.objects.exists()


def test_upload_without_csrf_token_refused(reporter, media_root):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    response = client.post(URL, {"upload": jpeg()})
    assert response.status_code == 403
    assert not Image.objects.exists()
    assert files_under(media_root) == []


def test_upload_with_csrf_header_accepted(reporter, media_root):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    client.get(reverse("admin:index"))  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    response = client.post(URL, {"upload": jpeg()}, headers={"X-CSRFToken": token})
    assert response.json()["uploaded"] == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bai-bao.jpg", "Đây là văn bản, không phải ảnh".encode()),
        ("script.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("trang.html", b"<html><script>alert(1)</script></html>"),
        ("rong.jpg", b""),
        ("cat-ngang.jpg", image_bytes(size=(400, 300))[:600]),
        ("bom.png", png_bomb()),
        ("lon-qua.jpg", image_bytes(size=(2000, 2000), quality=95)),
        ("soi-chi.png", image_bytes(size=(1, 100_000), fmt="PNG")),
    ],
)
def test_non_images_are_refused_and_nothing_is_stored(
    client, reporter, media_root, settings, name, content
):
    settings.IMAGE_MAX_UPLOAD_BYTES = 20_000  # the photo named lon-qua.jpg is over it
    client.force_login(reporter)
    response = client.post(URL, {"upload": SimpleUploadedFile(name, content)})
    data = response.json()
    assert data["uploaded"] == 0
    assert data["error"]["message"]
    assert not Image.objects.exists()
    assert files_under(media_root) == []


def test_get_is_not_allowed(client, reporter):
    client.force_login(reporter)
    assert client.get(URL).status_code == 405
