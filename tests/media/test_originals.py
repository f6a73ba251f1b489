"""The stored original: upright, without GPS or any other metadata, otherwise untouched."""

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage

from media import originals
from media.models import Image
from tests.factories import image_bytes

from .conftest import GPS_IFD, has_gps, photo, png_chunk

pytestmark = pytest.mark.django_db


def stored(image):
    with image.file.open("rb") as fh:
        return fh.read()


def opened(image):
    return PILImage.open(io.BytesIO(stored(image)))


def pixels(data):
    with PILImage.open(io.BytesIO(data)) as img:
        return img.convert("RGB").tobytes()


def save(data, name="anh.jpg"):
    return Image.objects.create(file=ContentFile(data, name=name), title="Ảnh")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_gps_is_removed_from_the_stored_original(fmt):
    data = photo(fmt=fmt, gps=True)
    assert has_gps(data)
    image = save(data)
    assert not has_gps(stored(image))
    with opened(image) as img:
        assert not img.getexif()


def test_metadata_is_removed_without_recompressing():
    data = photo((160, 90), gps=True)
    cleaned, fmt = originals.clean(data)
    assert fmt == "JPEG"
    assert len(cleaned) < len(data)
    assert pixels(cleaned) == pixels(data)


def test_a_clean_file_is_stored_byte_for_byte():
    data = image_bytes(size=(64, 36))
    assert stored(save(data)) == data


@pytest.mark.parametrize(("orientation", "marker"), [(6, (41, 8)), (3, (55, 41)), (8, (6, 55))])
def test_exif_orientation_is_applied(orientation, marker):
    # The blue marker is drawn in the top-left corner of the sensor's picture (its
    # centre at 8, 6): where it is now tells how the photo was turned.
    image = save(photo((64, 48), orientation=orientation, gps=True))
    with opened(image) as img:
        assert originals.ORIENTATION not in img.getexif()
        assert img.size == ((48, 64) if orientation in (6, 8) else (64, 48))
        assert (image.width, image.height) == img.size
        red, green, blue = img.convert("RGB").getpixel(marker)
        assert blue > 200 and red < 60
    assert not has_gps(stored(image))


def test_png_text_and_exif_chunks_are_removed():
    data = photo(fmt="PNG", gps=True)
    # A tEXt chunk right after IHDR (8 + 25 bytes): "Location: Hà Nội".
    text = png_chunk(b"tEXt", b"Location\0Ha Noi, 21.03N 105.85E")
    data = data[:33] + text + data[33:]
    cleaned, _fmt = originals.clean(data)
    assert b"tEXt" not in cleaned and b"eXIf" not in cleaned and b"Ha Noi" not in cleaned
    assert pixels(cleaned) == pixels(data)


def test_webp_exif_and_xmp_chunks_are_removed():
    img = PILImage.new("RGB", (64, 36), "green")
    exif = PILImage.Exif()
    exif[GPS_IFD] = {1: "N", 2: (21.0, 1.0, 42.0)}
    buffer = io.BytesIO()
    img.save(buffer, "WEBP", exif=exif, xmp=b"<x:xmpmeta>Ha Noi</x:xmpmeta>", lossless=True)
    cleaned, _fmt = originals.clean(buffer.getvalue())
    assert b"EXIF" not in cleaned and b"XMP " not in cleaned and b"Ha Noi" not in cleaned
    assert pixels(cleaned) == pixels(buffer.getvalue())


def test_gif_comments_are_removed_and_animation_kept():
    frames = [PILImage.new("RGB", (20, 20), (i * 60, 0, 0)) for i in range(3)]
    buffer = io.BytesIO()
    frames[0].save(
        buffer, "GIF", save_all=True, append_images=frames[1:], comment=b"Ha Noi", loop=0
    )
    assert b"Ha Noi" in buffer.getvalue()
    cleaned, _fmt = originals.clean(buffer.getvalue())
    assert b"Ha Noi" not in cleaned
    with PILImage.open(io.BytesIO(cleaned)) as img:
        assert img.n_frames == 3
        assert img.info.get("loop") == 0


def test_jpeg_comment_jfif_thumbnail_and_trailing_data_are_removed():
    data = image_bytes(size=(64, 36), comment=b"Ha Noi") + b"<html>appended video</html>"
    cleaned, _fmt = originals.clean(data)
    assert b"Ha Noi" not in cleaned and b"appended" not in cleaned
    assert cleaned.endswith(b"\xff\xd9")
    assert pixels(cleaned) == pixels(data)


def test_second_picture_of_a_phone_photo_is_dropped():
    first, depth = PILImage.new("RGB", (64, 36), "red"), PILImage.new("RGB", (32, 18), "gray")
    buffer = io.BytesIO()
    first.save(buffer, "MPO", save_all=True, append_images=[depth])
    image = save(buffer.getvalue())
    assert image.file.name.endswith(".jpg")
    with opened(image) as img:
        assert img.format == "JPEG"
        assert getattr(img, "n_frames", 1) == 1


def test_stored_name_is_random_with_the_detected_extension():
    image = save(image_bytes(fmt="PNG"), name="nguon-tin-Nguyen-Van-A.jpg.html")
    assert image.file.name.startswith("images/")
    assert image.file.name.endswith(".png")
    assert "nguon" not in image.file.name


def test_checksum_is_of_the_file_as_uploaded():
    data = photo(gps=True)
    image = save(data)
    assert image.sha256 == hashlib.sha256(data).hexdigest()
