from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.urls import reverse

from .models import Image
from .renditions import url_for


class ImagePickerWidget(ForeignKeyRawIdWidget):
    """A ForeignKey to Image chosen from the library, showing the chosen photo.

    The magnifier opens the image list (thumbnails, search by title, caption, credit) in
    a popup; the thumbnail follows the chosen id, through ImageAdmin's picker_preview.
    """

    template_name = "media/widgets/image_picker.html"

    class Media:
        js = ["media/js/image-picker.js"]
        css = {"all": ["css/admin-media.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        image = None
        if context["widget"]["value"]:
            image = (
                Image.objects.using(self.db)
                .prefetch_related("renditions")
                .filter(pk=_as_pk(value))
                .first()
            )
        context["thumbnail_url"] = url_for(image, "thumb") if image else ""
        context["preview_url"] = reverse(
            "admin:media_image_picker_preview", current_app=self.admin_site.name
        )
        return context


def _as_pk(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
