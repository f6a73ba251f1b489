import hashlib
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import renditions
from .models import Image
from .validators import validate_image_file

# The body links to the rendition made for the article column, not to the original.
BODY_SPEC = "article"


@require_POST
def ckeditor_upload(request):
    """Image upload from CKEditor's body field into the media library (staff only).

    Unlike django-ckeditor's own upload view this one is not csrf_exempt: the editor sends
    the token in a header (static/js/ckeditor-csrf.js). CKEditor shows the error message
    only from a 200 response, hence uploaded=0 with status 200 for a refused file.
    """
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("media.add_image")):
        return JsonResponse(
            {"uploaded": 0, "error": {"message": _("You may not upload images.")}}, status=403
        )
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"uploaded": 0, "error": {"message": _("No file was sent.")}})
    try:
        info = validate_image_file(upload)
    except ValidationError as exc:
        return JsonResponse({"uploaded": 0, "error": {"message": " ".join(exc.messages)}})
    digest = _sha256(upload)
    # The same photo uploaded again (into another article, or twice into one) is the
    # library image already made from it: no second copy, no second set of renditions.
    image = Image.objects.filter(sha256=digest).order_by("pk").first()
    if image is None:
        title = PurePath(upload.name).stem[:255] or _("Photo")
        upload.name = f"upload{info.extension}"
        image = Image.objects.create(file=upload, title=title, uploaded_by=user)
    # The body links to the rendition's planned name (names are predictable), which a
    # worker makes after the commit: the request itself never resizes a photo.
    name = renditions.planned_name(image, BODY_SPEC)
    if name is None:
        name = image.file.name
    storage = Image._meta.get_field("file").storage
    return JsonResponse({"uploaded": 1, "fileName": name, "url": storage.url(name)})


def _sha256(upload):
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
