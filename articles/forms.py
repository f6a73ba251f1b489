from ckeditor.widgets import CKEditorWidget
from django import forms
from django.urls import reverse

from .models import Article


class BodyEditorWidget(CKEditorWidget):
    """CKEditor whose uploads carry the CSRF token (the upload view is not csrf_exempt)."""

    @property
    def media(self):
        return super().media + forms.Media(js=["js/ckeditor-csrf.js"])


class TagInput(forms.TextInput):
    """Comma-separated tags with suggestions from existing tags as one types."""

    class Media:
        js = ("js/tag-suggest.js",)


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title",
            "sapo",
            "body",
            "cover_image",
            "cover_caption",
            "section",
            "tags",
            "is_featured",
            "status",
            "published_at",
            "slug",
            "seo_title",
            "seo_description",
        ]
        widgets = {
            "sapo": forms.Textarea(attrs={"rows": 3, "style": "width: 100%"}),
            "title": forms.TextInput(attrs={"style": "width: 100%; font-size: 1.2em"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # RichTextFormField forces its own widget, so swap it after the fact.
        self.fields["body"].widget = BodyEditorWidget()
        if "tags" in self.fields:
            widget = self.fields["tags"].widget
            self.fields["tags"].widget = TagInput(
                attrs={
                    **widget.attrs,
                    "class": "vTextField",
                    "data-suggest-url": reverse("admin:autocomplete"),
                }
            )
