from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Image
from .validators import validate_image_file


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
    title = PurePath(upload.name).stem[:255] or _("Photo")
    upload.name = f"upload{info.extension}"
    image = Image.objects.create(file=upload, title=title, uploaded_by=user)
    return JsonResponse({"uploaded": 1, "fileName": image.file.name, "url": image.file.url})
