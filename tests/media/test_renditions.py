"""Renditions: made on save (after commit), right sizes and crops, no duplicates, no leftovers."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageChops

from media import renditions
from media.models import Image, Rendition
from tests.factories import image_bytes

from .conftest import files_under, has_gps, photo, wide_photo_with_red_left

pytestmark = pytest.mark.django_db


def read(rendition):
    with rendition.file.open("rb") as fh:
        return fh.read()


def opened(rendition):
    return PILImage.open(io.BytesIO(read(rendition)))


def by_spec(image):
    return {r.spec: r for r in Rendition.objects.filter(image=image)}


def upload(data, name="anh.jpg"):
    return ContentFile(data, name=name)


def test_every_spec_is_made_in_webp_and_the_original_format(make_image):
    image = make_image(file=upload(image_bytes(size=(1600, 900))))
    made = {spec: (r.width, r.height) for spec, r in by_spec(image).items()}
    assert made == {
        "thumb-320.webp": (320, 180),
        "thumb-320.jpg": (320, 180),
        "thumb-480.webp": (480, 270),
        "thumb-480.jpg": (480, 270),
        "thumb-640.webp": (640, 360),
        "thumb-640.jpg": (640, 360),
        "card-640.webp": (640, 360),
        "card-640.jpg": (640, 360),
        "card-960.webp": (960, 540),
        "card-960.jpg": (960, 540),
        "card-1280.webp": (1280, 720),
        "card-1280.jpg": (1280, 720),
        "article-960.webp": (960, 540),
        "article-960.jpg": (960, 540),
        "article-1280.webp": (1280, 720),
        "article-1280.jpg": (1280, 720),
        "og-1200.jpg": (1200, 630),
    }
    for rendition in by_spec(image).values():
        with opened(rendition) as img:
            assert img.size == (rendition.width, rendition.height)
            assert img.format == ("WEBP" if rendition.spec.endswith(".webp") else "JPEG")


def test_png_and_gif_originals_fall_back_to_png(make_image):
    for fmt in ("PNG", "GIF"):
        image = make_image(file=upload(image_bytes(size=(400, 300), fmt=fmt), name="a.png"))
        specs = set(by_spec(image))
        assert "thumb-320.png" in specs and "thumb-320.webp" in specs
        assert "og-1200.jpg" in specs  # link previews are always JPEG


@pytest.mark.parametrize("size", [(1000, 1000), (500, 2000), (3000, 400), (333, 101)])
def test_crops_are_16_by_9_and_og_exactly_1200_by_630(make_image, size):
    image = make_image(file=upload(image_bytes(size=size)))
    for spec, rendition in by_spec(image).items():
        if spec.startswith(("thumb", "card")):
            assert abs(rendition.height - rendition.width * 9 / 16) <= 1, spec
        if spec.startswith("og"):
            assert (rendition.width, rendition.height) == (1200, 630)


def test_article_keeps_the_shape_and_is_never_upscaled(make_image):
    image = make_image(file=upload(image_bytes(size=(700, 1000))))
    made = by_spec(image)
    # 960 and 1280 would both enlarge it: one file at the original size serves both.
    assert (made["article-960.jpg"].width, made["article-960.jpg"].height) == (700, 1000)
    assert "article-1280.jpg" not in made
    assert made["thumb-480.jpg"].width == 480
    small = make_image(file=upload(image_bytes(size=(200, 100))))
    assert {(r.width, r.height) for r in small.renditions.exclude(spec__startswith="og")} == {
        (200, 100),  # article
        (178, 100),  # the 16:9 crops, never enlarged
    }


def test_gps_is_absent_from_every_rendition(make_image):
    image = make_image(file=upload(photo((1600, 900), gps=True)))
    assert image.renditions.count() == 17
    for rendition in image.renditions.all():
        assert not has_gps(read(rendition)), rendition.spec
        with opened(rendition) as img:
            assert not img.getexif()


def red_share(rendition):
    with opened(rendition) as img:
        red, green, blue = img.convert("RGB").split()
        mask = ImageChops.multiply(
            ImageChops.multiply(
                red.point(lambda v: 255 * (v > 200)), green.point(lambda v: 255 * (v < 80))
            ),
            blue.point(lambda v: 255 * (v < 80)),
        )
        return mask.histogram()[255] / (img.width * img.height)


def test_focal_point_stays_in_the_crop(make_image):
    left = make_image(file=upload(wide_photo_with_red_left(), name="a.png"), focal_x=0.1)
    right = make_image(file=upload(wide_photo_with_red_left(), name="a.png"), focal_x=0.9)
    for spec in ("thumb-320.png", "thumb-480.webp", "card-640.png"):
        assert red_share(left.renditions.get(spec=spec)) > 0.1
        assert red_share(right.renditions.get(spec=spec)) == 0


def test_crop_box_holds_the_focal_point_near_an_edge():
    for focal_x in (0, 0.02, 0.5, 0.98, 1):
        left, top, right, bottom = renditions.crop_box(4000, 1000, (16, 9), focal_x, 0.5)
        assert right - left == 1778 and (top, bottom) == (0, 1000)
        assert left <= focal_x * 4000 <= right


def test_saving_again_makes_no_duplicate_and_no_new_file(make_image, on_commit, media_root):
    image = make_image(file=upload(image_bytes(size=(800, 450))))
    before = {spec: r.file.name for spec, r in by_spec(image).items()}
    files = files_under(media_root)
    with on_commit():
        image.title = "Tên mới"
        image.save()
        renditions.refresh(Image.objects.get(pk=image.pk))
    assert {spec: r.file.name for spec, r in by_spec(image).items()} == before
    assert files_under(media_root) == files


def test_changing_the_focal_point_remakes_crops_and_deletes_old_files(
    make_image, on_commit, media_root
):
    image = make_image(file=upload(wide_photo_with_red_left(), name="a.png"), focal_x=0.1)
    before = by_spec(image)
    with on_commit():
        image.focal_x = 0.9
        image.save()
    after = by_spec(image)
    assert set(after) == set(before)
    assert after["thumb-320.png"].file.name != before["thumb-320.png"].file.name
    assert red_share(after["thumb-320.png"]) == 0
    # The article file (bodies link to it) does not move with the focal point.
    assert after["article-960.png"].file.name == before["article-960.png"].file.name
    assert after["thumb-320.png"].pk == before["thumb-320.png"].pk  # updated, not duplicated
    stored = files_under(media_root)
    assert before["thumb-320.png"].file.name not in stored
    assert len(stored) == 1 + len(after)


def test_replacing_the_file_remakes_everything_and_deletes_the_old_files(
    make_image, on_commit, media_root
):
    image = make_image(file=upload(image_bytes(size=(800, 450))))
    old_names = {image.file.name, *(r.file.name for r in image.renditions.all())}
    with on_commit():
        image.file = upload(image_bytes(size=(640, 640), fmt="PNG"), name="moi.png")
        image.save()
    image.refresh_from_db()
    assert image.file.name.endswith(".png")
    assert "thumb-320.png" in by_spec(image) and "thumb-320.jpg" not in by_spec(image)
    stored = set(files_under(media_root))
    assert not old_names & stored
    assert stored == {image.file.name, *(r.file.name for r in image.renditions.all())}


def test_deleting_an_image_deletes_its_files(make_image, on_commit, media_root):
    image = make_image()
    assert files_under(media_root)
    with on_commit():
        image.delete()
    assert files_under(media_root) == []
    assert not Rendition.objects.exists()


def test_deleting_images_in_bulk_deletes_their_files(make_image, on_commit, media_root):
    make_image()
    make_image()
    with on_commit():
        Image.objects.all().delete()
    assert files_under(media_root) == []


def test_rolled_back_save_makes_no_rendition(db, media_root, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        Image.objects.create(file=upload(image_bytes()), title="Ảnh")
        raise RuntimeError
    assert callbacks == []  # the rendition job went with the rollback
    assert not Rendition.objects.exists()


def test_legacy_image_without_renditions_gets_them_from_the_command(db, media_root):
    from django.core.management import call_command

    image = Image.objects.create(file=upload(image_bytes(size=(400, 225))), title="Cũ")
    assert not image.renditions.exists()  # the on_commit job never ran in this test
    call_command("refresh_renditions", stdout=io.StringIO())
    # thumb 320 and 400 (not 480: never enlarged), card, article: WebP and JPEG; og.
    assert image.renditions.count() == 9


def test_storage_api_only(make_image, settings, tmp_path):
    # Renditions are written through the storage, not to MEDIA_ROOT paths: another
    # storage location is where they end up.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "bucket")},
        },
    }
    image = make_image()
    assert files_under(tmp_path / "bucket") == sorted(
        [image.file.name, *(r.file.name for r in image.renditions.all())]
    )


def encoded(img, fmt, **options):
    buffer = io.BytesIO()
    img.save(buffer, fmt, **options)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "name", "fallback"),
    [
        pytest.param(
            lambda: PILImage.new("CMYK", (300, 200), (0, 90, 200, 0)), "JPEG", "jpg", id="cmyk-jpeg"
        ),
        pytest.param(
            lambda: PILImage.new("I;16", (300, 200), 40000), "PNG", "png", id="16-bit-grey"
        ),
        pytest.param(
            lambda: PILImage.new("LA", (300, 200), (100, 50)), "PNG", "png", id="grey-alpha"
        ),
        pytest.param(
            lambda: PILImage.new("RGBA", (300, 200), (9, 200, 9, 90)),
            "WEBP",
            "jpg",
            id="webp-alpha",
        ),
    ],
)
def test_unusual_originals_get_renditions(make_image, make, name, fallback):
    image = make_image(file=upload(encoded(make(), name), name=f"a.{name.lower()}"))
    assert f"thumb-320.{fallback}" in by_spec(image)
    assert image.renditions.count() == 7


def test_animated_gif_gets_still_renditions_and_keeps_its_animation(make_image):
    frames = [PILImage.new("RGB", (300, 200), color) for color in ("red", "blue")]
    data = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    image = make_image(file=upload(data, name="a.gif"))
    with image.file.open("rb") as fh, PILImage.open(io.BytesIO(fh.read())) as original:
        assert original.n_frames == 2
    with opened(image.renditions.get(spec="thumb-320.png")) as still:
        assert still.format == "PNG" and still.convert("RGB").getpixel((5, 5)) == (255, 0, 0)


class RecordingStorage(FileSystemStorage):
    """Local storage that notes the content type each saved file states (as S3 uses it)."""

    types = {}

    def _save(self, name, content):
        name = super()._save(name, content)
        self.types[name] = getattr(content, "content_type", None)
        return name


def test_every_stored_file_states_an_image_type(settings, tmp_path, on_commit):
    # django-storages' S3 backend sends an upload's declared type if it has one: a
    # browser-declared text/html must never reach the bucket.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": f"{__name__}.RecordingStorage",
            "OPTIONS": {"location": str(tmp_path / "bucket")},
        },
    }
    RecordingStorage.types = {}
    upload = SimpleUploadedFile("a.jpg", image_bytes(size=(640, 360)), content_type="text/html")
    with on_commit():
        image = Image.objects.create(file=upload, title="Ảnh")
    types = RecordingStorage.types
    assert len(types) == 1 + image.renditions.count()
    assert set(types.values()) == {"image/jpeg", "image/webp"}
