import io
import struct
import zlib
from functools import partial

import pytest
from PIL import Image as PILImage

from tests.factories import ImageFactory

GPS_IFD = 0x8825
ORIENTATION = 0x0112


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """A block whose on_commit callbacks run at its end, as a real commit would run them.

    Tests run inside a transaction that never commits, and renditions are made and files
    deleted on commit.
    """
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def make_image(db, on_commit):
    """ImageFactory, committed: the image comes back with its renditions."""

    def make(**kwargs):
        with on_commit():
            image = ImageFactory(**kwargs)
        image.refresh_from_db()
        return image

    return make


def files_under(root):
    """Every file stored below root, as paths relative to it."""
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def photo(size=(64, 36), fmt="JPEG", color=(200, 30, 30), *, gps=False, orientation=None):
    """Bytes of a photo, with GPS EXIF (tag 0x8825) and an EXIF orientation if asked."""
    img = PILImage.new("RGB", size, color)
    # A marker in the top-left corner: where it ends up tells how the photo was turned.
    img.paste((0, 0, 255), (0, 0, max(1, size[0] // 4), max(1, size[1] // 4)))
    exif = PILImage.Exif()
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (21.0, 1.0, 42.0), 3: "E", 4: (105.0, 51.0, 0.0)}
        exif[0x010F] = "Phone maker"
    if orientation:
        exif[ORIENTATION] = orientation
    buffer = io.BytesIO()
    options = {"exif": exif} if len(exif) else {}
    img.save(buffer, fmt, **options)
    return buffer.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width=30000, height=30000):
    """A tiny PNG whose header declares a huge size (its pixel data is a few bytes)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + png_chunk(b"IEND", b"")
    )


def has_gps(data):
    with PILImage.open(io.BytesIO(data)) as img:
        return bool(img.getexif().get_ifd(GPS_IFD)) or b"Phone maker" in data


def wide_photo_with_red_left(size=(1600, 400)):
    """A wide photo, white but for a red block at the far left."""
    img = PILImage.new("RGB", size, "white")
    img.paste((255, 0, 0), (0, 0, size[0] // 10, size[1]))
    buffer = io.BytesIO()
    img.save(buffer, "PNG")
    return buffer.getvalue()
