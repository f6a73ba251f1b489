import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Image
from .usage import is_in_bodies
from .validators import validate_image_file

ACCEPT = "image/jpeg,image/png,image/webp,image/gif"


class ImageAdminForm(forms.ModelForm):
    """The library image form: one decode of the file, by validate_image_file."""

    class Meta:
        model = Image
        fields = ["file", "title", "caption", "credit", "alt_text", "focal_x", "focal_y"]
        # A plain FileField: forms.ImageField would decode the file once more and answer
        # every refusal (a bomb, a truncated file) with one vague message.
        field_classes = {"file": forms.FileField}
        widgets = {
            "file": forms.ClearableFileInput(attrs={"accept": ACCEPT}),
            "focal_x": forms.NumberInput(attrs={"step": "0.001", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.001", "min": "0", "max": "1"}),
        }

    def clean_file(self):
        file = self.cleaned_data.get("file")
        # Here, before the form puts the file on the instance: ImageField measures a file
        # as soon as it is assigned, and a decompression bomb must not get that far.
        validate_image_file(file)
        if file is not None and "file" in self.changed_data:
            same = Image.objects.filter(sha256=upload_sha256(file)).exclude(pk=self.instance.pk)
            existing = same.order_by("pk").first()
            if existing is not None:
                # One photo, one library image: its renditions exist, its uses are known.
                raise ValidationError(
                    format_html(
                        _('This photo is already in the library: <a href="{}">{}</a>.')
                        + " "
                        + _("Choose that image instead of uploading it again."),
                        reverse("admin:media_image_change", args=[existing.pk]),
                        existing.title,
                    ),
                    code="duplicate",
                )
        if self.instance.pk and "file" in self.changed_data and is_in_bodies(self.instance):
            # Article bodies link to this image's files by address, and a new file gets
            # new addresses: replacing it would break the photo in those articles.
            raise ValidationError(
                _(
                    "This image is shown in the body of an article, so its file cannot be "
                    "replaced. Upload the new photo as a new image instead."
                ),
                code="in_body",
            )
        return file


def upload_sha256(file):
    """sha256 of an uploaded file's bytes (what Image.sha256 records), read in chunks."""
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()
