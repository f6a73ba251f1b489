"""The one image validator used by the admin, the CKEditor upload view and the importer."""

import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

# Decided by decoding the file, never by its name or declared content type.
ALLOWED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


@dataclass(frozen=True)
class ImageInfo:
    format: str
    extension: str
    width: int
    height: int


def validate_image_file(file):
    """Decode file with Pillow and return its ImageInfo, or raise ValidationError."""
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
        with warnings.catch_warnings():
            # A decompression bomb must be refused, not merely warned about.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(file) as img:
                if img.format not in ALLOWED_FORMATS:
                    raise ValidationError(_bad_type(), code="bad_type")
                width, height = img.size
                if width * height > settings.IMAGE_MAX_PIXELS:
                    raise _too_many_pixels(width, height)
                img.load()  # a full decode catches truncated files
                info = ImageInfo(img.format, ALLOWED_FORMATS[img.format], width, height)
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        raise _too_many_pixels(0, 0) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(_bad_type(), code="invalid") from exc
    finally:
        file.seek(0)
    return info


def _bad_type():
    return _(
        "The file is not a valid image. Upload a JPEG, PNG, WebP or GIF photo "
        "(the file may be damaged or of another type)."
    )


def _too_many_pixels(width, height):
    limit = settings.IMAGE_MAX_PIXELS / 1_000_000
    return ValidationError(
        _("The image is too large in pixels; the limit is %(limit).0f megapixels.")
        % {"limit": limit},
        code="too_many_pixels",
    )
