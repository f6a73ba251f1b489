import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from media.models import Image
from tests.factories import image_bytes

URL = reverse("ckeditor_upload")


def files_under(root):
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def jpeg(name="anh-hien-truong.jpg"):
    return SimpleUploadedFile(name, image_bytes(size=(320, 180)), content_type="image/jpeg")


def test_staff_upload_goes_into_the_library(client, reporter, media_root):
    client.force_login(reporter)
    response = client.post(URL, {"upload": jpeg()})
    assert response.status_code == 200
    data = response.json()
    assert data["uploaded"] == 1
    image = Image.objects.get()
    assert image.uploaded_by == reporter
    assert image.title == "anh-hien-truong"
    assert (image.width, image.height) == (320, 180)
    assert data["url"] == image.file.url
    assert len(files_under(media_root)) == 1


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
    ],
)
def test_non_images_are_refused_and_nothing_is_stored(client, reporter, media_root, name, content):
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
