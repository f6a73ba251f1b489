"""Renditions: the resized files public pages show, made when an Image is saved.

Each named spec is made at each of its widths as WebP plus a fallback in the original's
family (JPEG; PNG for PNG and GIF originals); "og" is one JPEG of exactly 1200x630, the
size link previews (Facebook, Zalo) expect. Crops keep the focal point in frame. Files
go through the storage API only, so an S3 bucket works like the local disk. Pages never
make renditions: the template tag reads rows, and falls back to the original without them.
"""

import io
import logging
import math
from dataclasses import dataclass
from functools import partial
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image as PILImage

from .models import Image, Rendition
from .originals import ORIENTATION, TRANSPOSE
from .validators import CONTENT_TYPES

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Spec:
    name: str
    widths: tuple[int, ...]
    ratio: tuple[int, int] | None = None  # None keeps the original's shape
    upscale: bool = False
    webp: bool = True
    fallback: str | None = None  # the fallback's format; None follows the original
    sizes: str = ""  # the sizes attribute when the template does not give one


SPECS = {
    spec.name: spec
    for spec in (
        # Phones have 3x screens: a 390 px wide slot needs 1170 px. "thumb" serves the
        # phone's half-width cards (up to 640), "card" its full-width pictures (up to 1280);
        # originals are never enlarged, so a small photo gets fewer files.
        Spec("thumb", (320, 480, 640), (16, 9), sizes="(max-width: 640px) 40vw, 240px"),
        Spec("card", (640, 960, 1280), (16, 9), sizes="(max-width: 640px) 100vw, 360px"),
        Spec("article", (960, 1280), sizes="(max-width: 800px) 100vw, 760px"),
        # Previews are cropped to exactly this size by the sites that show them, so a
        # small photo is enlarged here rather than cropped by someone else.
        Spec("og", (1200,), (1200, 630), upscale=True, webp=False, fallback="JPEG"),
    )
}
# The fallback of each original format: GIF animations become still PNGs, and a WebP
# original gets a JPEG for the rare browser without WebP.
FALLBACK = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "PNG", ".webp": "JPEG"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ENCODER_OPTIONS = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "WEBP": {"quality": 80, "method": 4},
    "PNG": {"compress_level": 6},
}


@dataclass(frozen=True)
class Variant:
    """One file to make: a spec at one width in one format."""

    spec: Spec
    width: int  # as requested by the spec; the file may be narrower, never wider
    format: str
    box: tuple[int, int, int, int]  # crop box in the original's pixels
    size: tuple[int, int]  # of the file
    key: str  # Rendition.spec, e.g. "thumb-320.webp"
    name: str  # storage name


def crop_box(width, height, ratio, focal_x, focal_y):
    """The largest box of ratio inside width x height, centred on the focal point if it fits."""
    ratio_w, ratio_h = ratio
    if width * ratio_h > height * ratio_w:
        crop_w, crop_h = max(1, min(width, round(height * ratio_w / ratio_h))), height
    else:
        crop_w, crop_h = width, max(1, min(height, round(width * ratio_h / ratio_w)))
    # Pushed back inside the picture near an edge, the box still holds the point.
    left = min(max(round(focal_x * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(focal_y * height - crop_h / 2), 0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def output_size(spec, width, box):
    """Size of the file for spec at width, cut from box."""
    box_w, box_h = box[2] - box[0], box[3] - box[1]
    out_w = width if spec.upscale else min(width, box_w)
    if spec.ratio:
        out_h = round(out_w * spec.ratio[1] / spec.ratio[0])
    else:
        out_h = round(box_h * out_w / box_w)
    return (out_w, max(1, out_h))


def plan(image):
    """The Variants image should have, smallest first within each spec."""
    width, height = image.width, image.height
    if not (image.file and width and height):
        return []
    original = PurePath(image.file.name)
    # One folder per original, named after its random name: no other image's files can
    # land there, and "used in" finds a body's rendition links by that name.
    folder = PurePath("renditions", *original.parent.parts[1:], original.stem)
    fallback = FALLBACK.get(original.suffix.lower(), "JPEG")
    focal = f"-f{round(image.focal_x * 1000):03d}x{round(image.focal_y * 1000):03d}"
    variants = []
    for spec in SPECS.values():
        if spec.ratio:
            box = crop_box(width, height, spec.ratio, image.focal_x, image.focal_y)
        else:
            box = (0, 0, width, height)
        previous = None
        for requested in spec.widths:
            out = output_size(spec, requested, box)
            if out == previous:
                continue  # a small original: one file already serves the wider request
            previous = out
            formats = (("WEBP",) if spec.webp else ()) + (spec.fallback or fallback,)
            for fmt in formats:
                ext = EXTENSIONS[fmt]
                # Only crops move with the focal point, so only their names carry it: an
                # "article" file, which bodies link to, keeps its name when it moves.
                stem = f"{spec.name}-{requested}{focal if spec.ratio else ''}"
                variants.append(
                    Variant(
                        spec=spec,
                        width=requested,
                        format=fmt,
                        box=box,
                        size=out,
                        key=f"{spec.name}-{requested}.{ext}",
                        name=str(folder / f"{stem}.{ext}"),
                    )
                )
    return variants


def refresh_image(pk, *, force=False):
    """Refresh the renditions of the Image pk, if it still exists."""
    image = Image.objects.prefetch_related("renditions").filter(pk=pk).first()
    if image is not None:
        refresh(image, force=force)


def refresh(image, *, force=False):
    """Make image's missing or outdated renditions and delete those it no longer needs.

    Idempotent: with everything up to date it costs the renditions query and nothing
    else, so saving an image again creates no duplicate.
    """
    variants = plan(image)
    current = {rendition.spec: rendition for rendition in image.renditions.all()}
    todo = [v for v in variants if force or _outdated(current.get(v.key), v)]
    if todo:
        source, scale = _open_source(image, todo)
        if source.size != (image.width, image.height) and scale == (1, 1):
            # An original stored before orientation was applied: trust its pixels.
            image.width, image.height = source.size
            Image.objects.filter(pk=image.pk).update(width=image.width, height=image.height)
            variants = plan(image)
            todo = [v for v in variants if force or _outdated(current.get(v.key), v)]
        storage = Rendition._meta.get_field("file").storage
        resized = {}
        for variant in todo:
            if (variant.box, variant.size) not in resized:
                left, top, right, bottom = variant.box
                box = (left * scale[0], top * scale[1], right * scale[0], bottom * scale[1])
                resized[variant.box, variant.size] = source.resize(
                    variant.size, PILImage.Resampling.LANCZOS, box=box, reducing_gap=3.0
                )
            data = encode(resized[variant.box, variant.size], variant.format)
            _store(image, current.get(variant.key), variant, data, storage)
    wanted = {variant.key for variant in variants}
    for key, rendition in current.items():
        if key not in wanted:
            rendition.delete()  # media.signals deletes its file


def _outdated(rendition, variant):
    return rendition is None or rendition.file.name != variant.name


def _open_source(image, variants):
    """The original decoded upright in RGB(A), and its (x, y) scale against image's size."""
    with image.file.open("rb") as fh:
        img = PILImage.open(io.BytesIO(fh.read()))
    orientation = img.getexif().get(ORIENTATION, 1)
    scale = (1, 1)
    if img.format in ("JPEG", "MPO") and orientation not in TRANSPOSE:
        # JPEG decodes at 1/2, 1/4 or 1/8 size much faster; ask for the smallest
        # size that still has at least one source pixel per output pixel.
        factor = min((v.box[2] - v.box[0]) / v.size[0] for v in variants)
        if factor >= 2 and img.size == (image.width, image.height):
            img.draft("RGB", (math.ceil(img.width / factor), math.ceil(img.height / factor)))
            scale = (img.width / image.width, img.height / image.height)
    img.load()
    if orientation in TRANSPOSE:
        img = img.transpose(TRANSPOSE[orientation])
    icc_profile = img.info.get("icc_profile")
    alpha = img.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in img.info
    if img.mode.startswith("I"):  # 16-bit PNG: Pillow's RGB conversion would clip it
        img = img.convert("I").point(lambda value: value / 256).convert("L")
    img = img.convert("RGBA" if alpha else "RGB")
    # Nothing of the original's info reaches a rendition (Pillow writes a JPEG comment
    # from info), except the colour profile, without which colours shift.
    img.info = {"icc_profile": icc_profile} if icc_profile else {}
    return img, scale


def encode(img, fmt):
    """img as fmt bytes, its alpha flattened on white for JPEG."""
    if fmt == "JPEG" and img.mode == "RGBA":
        background = PILImage.new("RGB", img.size, "white")
        background.paste(img, mask=img.getchannel("A"))
        background.info = img.info
        img = background
    buffer = io.BytesIO()
    options = dict(ENCODER_OPTIONS[fmt])
    if img.info.get("icc_profile"):
        options["icc_profile"] = img.info["icc_profile"]
    img.save(buffer, fmt, **options)
    return buffer.getvalue()


def _store(image, rendition, variant, data, storage):
    """Save data under variant.name and point the (image, variant.key) row at it."""
    content = ContentFile(data)
    content.content_type = CONTENT_TYPES[variant.format]
    name = storage.save(variant.name, content)
    if name != variant.name:
        # A file left by an interrupted run holds the name. It is ours (the folder is
        # named after this image's original): replace it, so the name stays predictable.
        storage.delete(name)
        storage.delete(variant.name)
        name = storage.save(variant.name, content)
    width, height = variant.size
    if rendition is None:
        rendition, created = Rendition.objects.get_or_create(
            image=image,
            spec=variant.key,
            defaults={"file": name, "width": width, "height": height},
        )
        if created:
            return
    old = rendition.file.name
    rendition.file.name, rendition.width, rendition.height = name, width, height
    rendition.save(update_fields=["file", "width", "height"])
    if old != name:
        delete_file_on_commit(storage, old)


def delete_file_on_commit(storage, name):
    """Delete name from storage once the current transaction commits (at once outside one)."""
    if name:
        transaction.on_commit(partial(delete_file, storage, name), robust=True)


def delete_file(storage, name):
    """Delete name from storage; a failure is logged, not raised (the row is gone anyway)."""
    try:
        storage.delete(name)
    except OSError:
        logger.exception("Could not delete %s", name)


# --- Reading, for templates and the admin ---------------------------------------------------


def variants_of(image, spec_name):
    """(WebP renditions, fallback renditions) of image for spec_name, narrowest first.

    Reads image.renditions.all(), so a caller that prefetched "renditions" (or
    "cover_image__renditions") pays no query here.
    """
    webp, fallback = [], []
    prefix = f"{spec_name}-"
    for rendition in image.renditions.all():
        if rendition.spec.startswith(prefix):
            (webp if rendition.spec.endswith(".webp") else fallback).append(rendition)
    webp.sort(key=lambda r: r.width)
    fallback.sort(key=lambda r: r.width)
    return webp, fallback


def available_variants(image, spec_name):
    """What a page can show of image for spec_name now, without making anything: its
    renditions; while a worker has not made them yet, those of another spec of the same
    shape (a "thumb" for a "card"); else ([], []) and the page shows the original."""
    webp, fallback = variants_of(image, spec_name)
    if fallback or spec_name not in SPECS:
        return webp, fallback
    ratio = SPECS[spec_name].ratio
    for other in SPECS.values():
        if other.name != spec_name and other.ratio == ratio and ratio is not None:
            webp, fallback = variants_of(image, other.name)
            if fallback:
                return webp, fallback
    return [], []


def planned_name(image, spec_name):
    """Storage name of the narrowest fallback file image will have for spec_name (made or
    not yet), or None for an image without one."""
    for variant in plan(image):
        if variant.spec.name == spec_name and variant.format != "WEBP":
            return variant.name
    return None


def url_for(image, spec_name):
    """URL of the narrowest fallback rendition of image for spec_name, or of the original."""
    if image is None or not image.file:
        return ""
    _webp, fallback = variants_of(image, spec_name)
    return fallback[0].file.url if fallback else image.file.url
