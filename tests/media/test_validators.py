"""validate_image_file: what decodes as a JPEG, PNG, WebP or GIF within the limits, only."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from media.validators import MAX_FRAMES, validate_image_file
from tests.factories import image_bytes

from .conftest import png_bomb


def upload(content, name="anh.jpg"):
    return SimpleUploadedFile(name, content)


def refusal(content, name="anh.jpg"):
    with pytest.raises(ValidationError) as caught:
        validate_image_file(upload(content, name))
    return caught.value.code


def animation(frames, size=(40, 30), fmt="GIF"):
    images = [PILImage.new("RGB", size, (i * 7 % 255, 90, 160)) for i in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, fmt, save_all=True, append_images=images[1:], duration=40)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "extension"), [("JPEG", ".jpg"), ("PNG", ".png"), ("WEBP", ".webp"), ("GIF", ".gif")]
)
def test_formats_are_told_by_their_content_not_their_name(fmt, extension):
    info = validate_image_file(upload(image_bytes(size=(64, 36), fmt=fmt), "anh.txt"))
    assert (info.format, info.extension, info.width, info.height) == (fmt, extension, 64, 36)


def test_a_phone_photo_with_a_depth_map_is_a_jpeg():
    first, depth = PILImage.new("RGB", (64, 36), "red"), PILImage.new("RGB", (32, 18), "gray")
    buffer = io.BytesIO()
    first.save(buffer, "MPO", save_all=True, append_images=[depth])
    info = validate_image_file(upload(buffer.getvalue()))
    assert (info.format, info.extension) == ("JPEG", ".jpg")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        pytest.param("Đây là văn bản".encode(), "invalid", id="text-named-jpg"),
        pytest.param(b"", "empty", id="empty"),
        pytest.param(
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "invalid",
            id="svg-with-script",
        ),
        pytest.param(image_bytes(size=(400, 300))[:600], "invalid", id="truncated-jpeg"),
        pytest.param(image_bytes(fmt="BMP"), "invalid", id="bmp"),
        pytest.param(image_bytes(fmt="TIFF"), "invalid", id="tiff"),
        pytest.param(png_bomb(), "too_many_pixels", id="png-bomb"),
    ],
)
def test_refused(content, code):
    assert refusal(content) == code


def test_size_over_the_setting_is_refused_before_reading(settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 1000
    assert refusal(image_bytes(size=(400, 300))) == "too_large"


def test_declared_size_over_the_setting_is_refused_before_decoding(settings):
    # Under Pillow's own limit, which would only warn: the check is ours. The pixel data
    # of png_bomb is a few bytes, so decoding it would have failed as "invalid".
    settings.IMAGE_MAX_PIXELS = 1_000_000
    assert refusal(png_bomb(1200, 1000)) == "too_many_pixels"


def test_long_animation_is_refused(settings):
    settings.IMAGE_MAX_PIXELS = 40 * 30 * 10
    assert validate_image_file(upload(animation(10))).frames == 10
    assert refusal(animation(11)) == "too_long"


def test_animation_with_too_many_frames_is_refused():
    assert refusal(animation(MAX_FRAMES + 1, size=(2, 2))) == "too_long"


def test_animated_webp_frames_are_counted():
    assert validate_image_file(upload(animation(3, fmt="WEBP"))).frames == 3


def test_gif_frame_larger_than_the_canvas_is_checked(settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    data = bytearray(animation(2, size=(100, 100)))
    # Make the second frame's image descriptor claim 300 x 300 pixels.
    descriptor = b",\x00\x00\x00\x00d\x00d\x00"  # at 0, 0; 100 x 100
    second = data.index(descriptor, data.index(descriptor) + 1)
    data[second + 5 : second + 9] = (300).to_bytes(2, "little") * 2
    assert refusal(bytes(data)) == "too_many_pixels"


def test_messages_are_in_vietnamese():
    with pytest.raises(ValidationError) as caught:
        validate_image_file(upload(b"not an image"))
    assert caught.value.messages[0].startswith("Tệp không phải là ảnh hợp lệ.")


@pytest.mark.parametrize(
    ("size", "code"),
    [
        ((1, 100_000), "too_tall"),
        ((100_000, 1), "too_wide"),
        ((16_384, 900), "too_wide"),
        ((900, 16_384), "too_tall"),
        ((1000, 10_001), "bad_ratio"),
        ((12_001, 1000), "bad_ratio"),
    ],
)
def test_sides_and_shape_are_limited_before_anything_is_stored(size, code):
    # Renditions keep the original's shape at the article width and are made as WebP,
    # which stops at 16,383 pixels a side.
    assert refusal(image_bytes(size=size, fmt="PNG"), "dai.png") == code


@pytest.mark.parametrize("size", [(16_383, 1_700), (1_000, 10_000), (10, 1)])
def test_long_panoramas_and_tall_infographics_within_the_limits_pass(size):
    info = validate_image_file(upload(image_bytes(size=size, fmt="PNG"), "dai.png"))
    assert (info.width, info.height) == size
