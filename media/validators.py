"""The one image validator used by the admin, the CKEditor upload view and the importer."""

from contextlib import suppress
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

# Decided by decoding the file, never by its name or declared content type.
ALLOWED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
# Stated on every file we store: django-storages' S3 backend otherwise takes the type
# an upload declares (a browser's, or an attacker's "text/html") over its extension.
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
# Phones store a depth or gain map after the photo: Pillow calls such a JPEG "MPO".
# It is a JPEG all the same; the extra pictures are dropped when the original is stored.
FORMAT_ALIASES = {"MPO": "JPEG"}
# Animations are refused past this many frames even if they are tiny: counting frames
# means decoding them.
MAX_FRAMES = 1000
# Renditions are made as WebP, which stops at 16,383 pixels a side, and keep the
# original's shape at the article width (960 px): a longer side, or a shape past 10:1,
# would pass here and fail there, after the upload was stored.
MAX_SIDE = 16_383
MAX_RATIO = 10


@dataclass(frozen=True)
class ImageInfo:
    format: str
    extension: str
    width: int
    height: int
    frames: int = 1


def validate_image_file(file):
    """Decode file with Pillow and return its ImageInfo, or raise ValidationError."""
    if isinstance(file, FieldFile):
        if file._committed:
            # Already in storage, so validated when it was uploaded: an admin form saved
            # for a new caption must not download and decode the photo again.
            return None
        file = file.file
    # The admin form validates an upload, then the model's full_clean() does: decode once.
    known = getattr(file, "_validated_image", None)
    if known is not None:
        return known
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = settings.IMAGE_MAX_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            _("The file is too large (%(size).1f MB); the limit is %(limit).0f MB.")
            % {"size": size / 1024 / 1024, "limit": limit / 1024 / 1024},
            code="too_large",
        )
    file.seek(0)
    try:
        # formats= keeps every other Pillow plugin (EPS runs Ghostscript) away from the
        # file. open() reads the header only; Pillow raises DecompressionBombError there
        # for a declared size over twice Image.MAX_IMAGE_PIXELS (see MediaConfig.ready).
        with PILImage.open(file, formats=list(ALLOWED_FORMATS)) as img:
            info = _decode(img)
    except ValidationError:
        raise
    except PILImage.DecompressionBombError as exc:
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(_bad_type(), code="invalid") from exc
    finally:
        file.seek(0)
    with suppress(AttributeError):  # a file object that takes no attributes: no memo
        file._validated_image = info
    return info


def _decode(img):
    """Check the declared size of every frame, then decode it; return the ImageInfo."""
    fmt = FORMAT_ALIASES.get(img.format, img.format)
    if fmt not in ALLOWED_FORMATS:
        raise ValidationError(_bad_type(), code="bad_type")
    width, height = img.size
    pixel_limit = settings.IMAGE_MAX_PIXELS
    # Our own check, made before any pixel is decoded: the limit is a setting, and
    # Pillow between one and two times its own limit only warns.
    if width * height > pixel_limit:
        raise _too_many_pixels()
    _check_shape(width, height)
    if fmt == "JPEG":
        img.load()  # a full decode catches truncated files; MPO extras are not decoded
        return ImageInfo(fmt, ALLOWED_FORMATS[fmt], width, height)
    # GIF, PNG and WebP may be animated. An animation may decode at most as many pixels
    # as the largest still photo; a GIF frame may also grow the canvas, so each frame's
    # size is checked after seeking to it and before decoding it.
    frames = decoded = 0
    while True:
        if frames == MAX_FRAMES:
            raise _too_long()
        try:
            img.seek(frames)
        except EOFError:
            break
        decoded += img.size[0] * img.size[1]
        if img.size[0] * img.size[1] > pixel_limit:
            raise _too_many_pixels()
        _check_shape(*img.size)
        if decoded > pixel_limit:
            raise _too_long()
        img.load()
        frames += 1
    img.seek(0)
    return ImageInfo(fmt, ALLOWED_FORMATS[fmt], width, height, frames)


def _check_shape(width, height):
    """ValidationError for a side over MAX_SIDE or a shape longer than MAX_RATIO:1."""
    if width > MAX_SIDE:
        raise ValidationError(
            _("The image is too wide (%(size)d pixels); the limit is %(limit)d.")
            % {"size": width, "limit": MAX_SIDE},
            code="too_wide",
        )
    if height > MAX_SIDE:
        raise ValidationError(
            _("The image is too tall (%(size)d pixels); the limit is %(limit)d.")
            % {"size": height, "limit": MAX_SIDE},
            code="too_tall",
        )
    if max(width, height) > MAX_RATIO * min(width, height):
        raise ValidationError(
            _(
                "The image is too long for its width (%(width)d × %(height)d pixels): one "
                "side may be at most %(ratio)d times the other."
            )
            % {"width": width, "height": height, "ratio": MAX_RATIO},
            code="bad_ratio",
        )


def _bad_type():
    return _(
        "The file is not a valid image. Upload a JPEG, PNG, WebP or GIF photo "
        "(the file may be damaged or of another type)."
    )


def _too_many_pixels():
    return ValidationError(
        _("The image is too large in pixels; the limit is %(limit).0f megapixels.")
        % {"limit": settings.IMAGE_MAX_PIXELS / 1_000_000},
        code="too_many_pixels",
    )


def _too_long():
    return ValidationError(
        _(
            "The animation is too long: at most %(frames)d frames and %(limit).0f "
            "megapixels over all its frames."
        )
        % {"frames": MAX_FRAMES, "limit": settings.IMAGE_MAX_PIXELS / 1_000_000},
        code="too_long",
    )
