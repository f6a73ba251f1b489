import json

from ckeditor.widgets import CKEditorWidget
from django import forms
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from taggit.forms import TagWidget

from core.sanitize import check_html_limits

from .models import PUBLICATION_YEARS as YEARS
from .models import Article, Tag
from .services import EditConflict

MAX_TAG = Tag._meta.get_field("name").max_length


def check_publication_year(value):
    """ValidationError for a datetime outside YEARS (in the site's time zone)."""
    if value is None:
        return
    try:
        year = timezone.localtime(value).year
    except OverflowError:  # 01/01/0001 in a time zone east of UTC
        year = 0
    if year not in YEARS:
        raise ValidationError(
            _("Choose a publication time between the years %(first)d and %(last)d.")
            % {"first": YEARS.start, "last": YEARS.stop - 1},
            code="out_of_range",
        )


def upload_messages():
    """CKEditor's upload notices, which its Vietnamese language file leaves in English."""
    return {
        "uploadwidget": {
            "abort": _("Upload cancelled."),
            "doneOne": _("Photo uploaded into the library."),
            "doneMany": _("%1 photos uploaded into the library."),
            "uploadOne": _("Uploading the photo ({percentage}%)…"),
            "uploadMany": _("Uploading photos: {current} of {max} done ({percentage}%)…"),
        },
        "filetools": {
            "httpError403": _("The server refused the upload. Reload the page and try again."),
            "responseError": _("The server's answer could not be read. Try again."),
        },
    }


class BodyEditorWidget(CKEditorWidget):
    """CKEditor whose uploads carry the CSRF token (the upload view is not csrf_exempt)
    and whose upload notices are in Vietnamese (static/js/ckeditor-csrf.js)."""

    @property
    def media(self):
        return super().media + forms.Media(js=["js/ckeditor-csrf.js"])

    def get_context(self, name, value, attrs):
        attrs = {
            **(attrs or {}),
            "data-upload-messages": json.dumps(upload_messages(), cls=DjangoJSONEncoder),
        }
        return super().get_context(name, value, attrs)


def posted_rows(data, prefix: str, field: str) -> list[int]:
    """The ids in an inline formset's rows as posted (prefix-N-field), ordered by their
    position then as typed, deleted rows left out: the typed authors of an unsaved
    preview, read without validating the formset."""
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), 1000)
    except (TypeError, ValueError):
        return []
    rows = []
    for i in range(total):
        value = data.get(f"{prefix}-{i}-{field}", "")
        if not value.isdigit() or data.get(f"{prefix}-{i}-DELETE"):
            continue
        position = data.get(f"{prefix}-{i}-position", "")
        rows.append((int(position) if position.isdigit() else 0, i, int(value)))
    return list(dict.fromkeys(pk for _position, _i, pk in sorted(rows)))


class TagInput(TagWidget):
    """Comma-separated tags with suggestions from existing tags as one types."""

    class Media:
        js = ("js/tag-suggest.js",)


# Recommended lengths in characters for Vietnamese news (the form's counters).
TITLE_LENGTH = (70, 100)
SAPO_LENGTH = (160, 300)
# Bookkeeping fields: never a change of the article (the admin's history lists changes).
NOT_CONTENT = {"base_version", "review_note"}
# The admin's history stores the labels of changed fields untranslated and capitalised
# ("Published at") and translates them when shown: the catalogue needs them so.
CHANGE_LOG_LABELS = [
    gettext_noop("Title"),
    gettext_noop("Slug"),
    gettext_noop("Sapo"),
    gettext_noop("Body"),
    gettext_noop("Cover image"),
    gettext_noop("Cover caption"),
    gettext_noop("Section"),
    gettext_noop("Tags"),
    gettext_noop("Featured"),
    gettext_noop("Published at"),
    gettext_noop("SEO title"),
    gettext_noop("SEO description"),
]


def counted(low_high, **attrs):
    """Widget attributes of a field with a character counter (static/js/article-form.js)."""
    return {**attrs, "data-counter": "{}-{}".format(*low_high)}


class ArticleAdminForm(forms.ModelForm):
    """The article form. Status is never a field: it changes only through workflow buttons."""

    # The version the form was opened at: a save based on an older one is refused.
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    review_note = forms.CharField(
        label=_("Note to the reporter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "style": "width: 100%"}),
        help_text=_('Required when you press "Return"; the reporter sees it on the form.'),
    )

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
            "published_at",
            "slug",
            "seo_title",
            "seo_description",
        ]
        widgets = {
            "sapo": forms.Textarea(attrs=counted(SAPO_LENGTH, rows=3, style="width: 100%")),
            "title": forms.TextInput(
                attrs=counted(TITLE_LENGTH, style="width: 100%; font-size: 1.2em")
            ),
        }
        help_texts = {
            "tags": _("Separate keywords with commas, e.g. Công đoàn, người lao động."),
            "published_at": _(
                "Empty: now when you publish. A future time with “Schedule” publishes it then."
            ),
        }

    # What articles.services refused on the first pass of this POST (a stale copy, a
    # workflow input error): ArticleAdmin shows the form again with it. The form itself
    # checks only its fields; permission, version and workflow rules are the service's.
    refusal = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # RichTextFormField forces its own widget, so swap it after the fact.
        if "body" in self.fields:  # absent from the read-only form
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
        if self.instance.pk:
            self.fields["base_version"].required = True
            if not self.is_bound:
                self.initial["base_version"] = self.instance.version

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        check_html_limits(body)
        return body

    def clean_published_at(self):
        value = self.cleaned_data.get("published_at")
        check_publication_year(value)
        return value

    def clean_tags(self):
        names = self.cleaned_data.get("tags") or []
        too_long = [name for name in names if len(name) > MAX_TAG]
        if too_long:
            raise ValidationError(
                _("A keyword may have at most %(limit)d characters (this one has %(length)d).")
                % {"limit": MAX_TAG, "length": len(too_long[0])},
                code="too_long",
            )
        return names

    @property
    def changed_data(self):
        return [name for name in super().changed_data if name not in NOT_CONTENT]

    def clean(self):
        cleaned = super().clean()
        if isinstance(self.refusal, EditConflict):
            self.add_error(None, ValidationError(str(self.refusal), code="conflict"))
        elif isinstance(self.refusal, ValidationError):
            errors = getattr(self.refusal, "error_dict", None) or {None: self.refusal.error_list}
            for field, field_errors in errors.items():
                self.add_error(field if field in self.fields else None, field_errors)
        return cleaned
