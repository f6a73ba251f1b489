"""The article form's inlines: authors in byline order and the editor's related picks.

Their rows are not saved by the admin: ArticleAdmin reads them (ordered_values) and
passes them to articles.services as data.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from .. import permissions
from ..models import ArticleAuthor, RelatedArticle


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
