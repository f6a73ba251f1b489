"""The article form's inlines: authors in byline order and the editor's related picks.

Their rows are not saved by the admin: ArticleAdmin reads them (ordered_values) and
passes them to articles.services as data.
"""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy

from .. import permissions
from ..models import ArticleAuthor, RelatedArticle


class RowsAsDataFormSet(BaseInlineFormSet):
    """Inline rows read as data: the service replaces the rows on every save, so the ids
    a form was opened with are gone once someone else saves. A posted id that no longer
    exists is matched to the stored row with the same value (the same author, the same
    related article) or dropped, so a stale form reaches the service (which refuses it
    as stale and offers the merge) instead of failing on "select a valid choice"."""

    key_field = None  # the row's value: "author", "to_article"

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        if self.is_bound and self.instance.pk is not None:
            self.data = self._current_ids(self.data)

    def _current_ids(self, data):
        prefix, pk_name = self.prefix, self.model._meta.pk.name
        try:
            initial = int(data.get(f"{prefix}-INITIAL_FORMS", 0))
        except (TypeError, ValueError):
            return data
        stored = dict(self.get_queryset().values_list("pk", self.key_field))
        by_value = {str(value): pk for pk, value in stored.items()}
        posted = [(i, data.get(f"{prefix}-{i}-{pk_name}", "")) for i in range(initial)]
        if all(pk.isdigit() and int(pk) in stored for _i, pk in posted):
            return data
        data = data.copy()
        claimed = {int(pk) for _i, pk in posted if pk.isdigit() and int(pk) in stored}
        for i, pk in posted:
            if pk.isdigit() and int(pk) in stored:
                continue
            match = by_value.get(data.get(f"{prefix}-{i}-{self.key_field}", ""))
            if match is not None and match not in claimed:
                claimed.add(match)
                data[f"{prefix}-{i}-{pk_name}"] = str(match)
            else:
                data[f"{prefix}-{i}-{pk_name}"] = ""
        return data


class AuthorRows(RowsAsDataFormSet):
    key_field = "author"


class RelatedRows(RowsAsDataFormSet):
    key_field = "to_article"


class ArticleInlinePermissions:
    """Inline rows follow the article's own permissions, not the through models'."""

    def has_add_permission(self, request, obj=None):
        return permissions.can_edit(request.user, obj) if obj else permissions.can_add(request.user)

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        return obj is None or permissions.can_view(request.user, obj)


class ArticleAuthorInline(ArticleInlinePermissions, admin.TabularInline):
    model = ArticleAuthor
    formset = AuthorRows
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        profile = getattr(request.user, "author_profile", None)
        if obj is None and profile is not None:
            # A reporter's new article starts with their own byline.
            return type(
                "ArticleAuthorFormSet",
                (formset,),
                {
                    "extra": 1,
                    "form": type("PrefilledAuthorForm", (formset.form,), {"has_changed": _kept}),
                    "__init__": _with_initial(formset.__init__, {"author": profile, "position": 0}),
                },
            )
        return formset


class RelatedArticleInline(ArticleInlinePermissions, admin.TabularInline):
    model = RelatedArticle
    formset = RelatedRows
    fk_name = "from_article"
    extra = 0
    autocomplete_fields = ["to_article"]
    fields = ["to_article", "position"]
    verbose_name = gettext_lazy("related article (editor's pick)")
    verbose_name_plural = gettext_lazy("related articles (editor's picks)")


def ordered_values(formsets, model, field):
    """The values of field in the rows of model's inline formset that are kept, ordered
    by their position (then as typed); None when the form has no such formset."""
    for formset in formsets:
        if formset.model is not model:
            continue
        rows = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get(field)
        ]
        rows.sort(key=lambda row: row.get("position") or 0)
        return [row[field] for row in rows]
    return None


def _kept(form):
    # A pre-filled row equals its initial data, so Django would skip it as unchanged.
    return True


def _with_initial(init, row):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", [row])
        init(self, *args, **kwargs)

    return __init__
