"""The article form and list: who sees and edits what, the workflow buttons, the save.

A POST goes: guard.refuse_forged_post (403 for what the user may not send) → the form
validates its fields → save_related passes the article, its tags, authors and related
picks to services.article_save, which checks permission and version and writes. When the
service refuses (a stale copy, a workflow input error), the transaction rolls back and
the form is shown again with the typed text and the service's reason; for a stale copy
that is the merge screen (articles.admin.merge): the fields only the other person changed
taken from the newest version, the user's own changes kept, conflicts side by side.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.sanitize import sanitize_html
from media.admin import ImagePickerMixin, thumbnail

from .. import permissions, services, states
from ..forms import ArticleAdminForm
from ..models import Article, ArticleAuthor, RelatedArticle
from . import desk, guard, history, merge, steps
from . import presence as presence_views
from .inlines import ArticleAuthorInline, RelatedArticleInline, ordered_values

Status = Article.Status


class Refused(Exception):
    """The service refused the save; error is what the form shows on its second pass,
    merge the field-by-field merge of a stale copy (None for other refusals)."""

    def __init__(self, error, merge=None):
        self.error = error
        self.merge = merge
        super().__init__(str(error))


def state_of(article):
    """The state as editors think of it: "scheduled" apart from live published articles."""
    return states.article_state(article)


def status_badge(article, *, compact=False):
    """The coloured state label of article (admin/articles/article/status_badge.html);
    compact: the state's name only (the list shows the time under it)."""
    state = state_of(article)
    if compact:
        label = _("Scheduled") if state == states.SCHEDULED else article.get_status_display()
    else:
        label = states.article_label(article)
    return render_to_string(
        "admin/articles/article/status_badge.html", {"state": state, "label": label}
    )


class WorkflowStateFilter(admin.SimpleListFilter):
    """Status as editors think of it: scheduled articles apart from live ones."""

    title = gettext_lazy("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            (Status.DRAFT, Status.DRAFT.label),
            (Status.PENDING, Status.PENDING.label),
            (Status.RETURNED, Status.RETURNED.label),
            ("scheduled", _("Scheduled")),
            (Status.PUBLISHED, Status.PUBLISHED.label),
            (Status.WITHDRAWN, Status.WITHDRAWN.label),
        ]

    def queryset(self, request, queryset):
        value, now = self.value(), timezone.now()
        if value == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, published_at__gt=now)
        if value == Status.PUBLISHED:
            return queryset.filter(status=Status.PUBLISHED, published_at__lte=now)
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset


@admin.register(Article)
class ArticleAdmin(ImagePickerMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = [
        "preview",
        "title_column",
        "section",
        "authors_column",
        "status_column",
        "updated_column",
    ]
    list_display_links = ["preview", "title_column"]
    list_filter = [
        WorkflowStateFilter,
        "is_featured",
        "section",
        "authors",
        ("published_at", admin.DateFieldListFilter),
    ]
    search_fields = ["title", "sapo", "slug"]
    date_hierarchy = "published_at"
    list_select_related = ["section", "cover_image"]
    list_per_page = 50
    autocomplete_fields = ["section"]
    inlines = [ArticleAuthorInline, RelatedArticleInline]
    actions = ["publish_selected"]

    class Media:
        js = ["js/article-form.js", "js/autosave.js", "js/presence.js"]

    # --- who sees and edits what -------------------------------------------------------
    def get_queryset(self, request):
        qs = (
            super()
            .get_queryset(request)
            .prefetch_related("article_authors__author", "cover_image__renditions")
        )
        if permissions.is_editor(request.user):
            return qs
        # Reporters: their own articles and live ones, never others' drafts.
        live = Article.objects.published().values("pk")
        return qs.filter(Q(created_by=request.user) | Q(pk__in=live))

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return permissions.can_view(request.user, obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return permissions.is_editor(request.user) and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = ["status_display", "cover_preview", "created_by", "created_at", "updated_at"]
        fields += ["revised_at", "version", "source_url", "workflow_log", "revision_list"]
        return [*fields, "body_rendered"]

    def get_fieldsets(self, request, obj=None):
        editor = permissions.is_editor(request.user)
        publishing = ["status_display"]
        if editor:
            publishing += ["published_at", "is_featured"]
            if obj is not None and obj.status == Status.PENDING:
                publishing.append("review_note")
        # Read-only, the body is shown as the page shows it (sanitised), not as HTML code.
        body = "body" if obj is None or permissions.can_edit(request.user, obj) else "body_rendered"
        fieldsets = [
            (None, {"fields": ["title", "sapo", body, "base_version"]}),
            (_("Cover"), {"fields": ["cover_image", "cover_preview", "cover_caption"]}),
            (_("Classification"), {"fields": ["section", "tags"]}),
            (_("Publishing"), {"fields": publishing}),
            (
                _("Address and SEO"),
                {"classes": ["collapse"], "fields": ["slug", "seo_title", "seo_description"]},
            ),
        ]
        if obj is not None:
            fieldsets.append((_("Workflow log"), {"fields": ["workflow_log"]}))
            if permissions.can_view_history(request.user, obj):
                fieldsets.append((_("Revisions"), {"fields": ["revision_list"]}))
            details = ["created_by", "created_at", "updated_at", "revised_at", "version"]
            fieldsets.append(
                (_("Details"), {"classes": ["collapse"], "fields": [*details, "source_url"]})
            )
        return fieldsets

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not permissions.is_editor(request.user):
            actions.pop("publish_selected", None)
        return actions

    def view_on_site(self, obj):
        """ "View on site" only for what readers can see; the preview is offered otherwise."""
        return obj.get_absolute_url() if obj.is_live else None

    # --- the form and its save -----------------------------------------------------------
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = None
        if object_id:
            obj = Article.objects.filter(pk=object_id).first() if object_id.isdigit() else None
            if obj is not None and not permissions.can_view(request.user, obj):
                raise PermissionDenied
        if request.method == "POST":
            guard.refuse_forged_post(request, obj)
            self._apply_merge_choices(request, obj)
        context = {**(extra_context or {}), **self.workflow_context(request, obj)}
        try:
            return super().changeform_view(request, object_id, form_url, context)
        except Refused as refused:
            # The save rolled back; the same POST, shown again with the service's reason.
            # A stale copy comes back merged: the fields the user did not change hold the
            # newest version's values, and the form is based on that version.
            request.article_refusal = refused.error
            if refused.merge is not None:
                context["merge"] = refused.merge
                taken = [f.name for f in refused.merge.taken]
                request.POST = merge.write_theirs(request.POST, taken, refused.merge.current)
            return super().changeform_view(request, object_id, form_url, context)

    def _merge_names(self, request, obj):
        """The fields this user's form merges (what they may send)."""
        fields = set(flatten_fieldsets(self.get_fieldsets(request, obj)))
        return merge.mergeable_names(fields, rows=permissions.can_edit(request.user, obj))

    def _apply_merge_choices(self, request, obj):
        """The merge screen's "take theirs" choices, applied to the POST when it is based
        on the newest version (else the save is stale again and merged anew)."""
        if obj is None:
            return
        chosen = merge.chosen_theirs(request.POST, self._merge_names(request, obj))
        if chosen and request.POST.get("base_version") == str(obj.version):
            request.POST = merge.write_theirs(request.POST, chosen, merge.newest_copy(obj))

    def workflow_context(self, request, obj):
        context = {"workflow_buttons": guard.workflow_buttons(request.user, obj)}
        if obj is not None and obj.status == Status.RETURNED:
            context["return_note"] = (
                obj.transitions.filter(to_status=Status.RETURNED).select_related("actor").first()
            )
        if obj is not None and permissions.can_view(request.user, obj):
            url = reverse("admin:articles_article_preview", args=[obj.pk])
            context["preview_urls"] = [
                (_("Preview (desktop)"), url),
                (_("Preview (mobile)"), url + "?view=mobile"),
            ]
        editing = obj is None or permissions.can_edit(request.user, obj)
        if editing:
            typed = (
                reverse("admin:articles_article_typed_preview", args=[obj.pk])
                if obj is not None
                else reverse("admin:articles_article_add_typed_preview")
            )
            context["typed_preview_urls"] = [
                (_("Desktop"), typed + "?view=desktop"),
                (_("Mobile"), typed + "?view=mobile"),
            ]
        if obj is not None:
            context["presence_now"] = desk.editing_now(request, obj)
        context["desk"] = desk.form_config(request, obj, editing=editing)
        return context

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, "article_refusal", None)
        if refusal is not None:
            form = type(form.__name__, (form,), {"refusal": refusal})
        return form

    def save_model(self, request, obj, form, change):
        """Nothing here: save_related() hands the article and its relations to the service."""

    def save_related(self, request, form, formsets, change):
        cleaned = form.cleaned_data
        # A user who may not edit the content (a reporter submitting, say) sends none of
        # the relations; the service keeps the stored ones.
        editable = permissions.can_edit(request.user, form.instance)
        try:
            services.article_save(
                article=form.instance,
                user=request.user,
                action=guard.requested_action(request),
                base_version=cleaned.get("base_version"),
                note=cleaned.get("review_note", ""),
                publish_at=cleaned.get("published_at"),
                tags=cleaned.get("tags") if editable and "tags" in form.fields else None,
                authors=ordered_values(formsets, ArticleAuthor, "author") if editable else None,
                related=ordered_values(formsets, RelatedArticle, "to_article")
                if editable
                else None,
            )
        except services.EditConflict as exc:
            raise Refused(exc, self._merge(request, form, formsets, exc)) from exc
        except ValidationError as exc:
            raise Refused(exc) from exc

    def _merge(self, request, form, formsets, conflict):
        """The merge of this refused stale form with the stored article (merge.plan)."""
        current = merge.newest_copy(form.instance)
        names = self._merge_names(request, current)
        rows = {
            "authors": ordered_values(formsets, ArticleAuthor, "author"),
            "related": ordered_values(formsets, RelatedArticle, "to_article"),
        }
        names -= {name for name, values in rows.items() if values is None}
        return merge.plan(
            names=names,
            cleaned=form.cleaned_data,
            rows=rows,
            base=services.base_revision(current, form.cleaned_data.get("base_version")),
            current=current,
            newest=conflict.revision,
        )

    def construct_change_message(self, request, form, formsets, add=False):
        # The inline rows are written by the service, not by formset.save(), so the
        # admin log records the form's own fields only.
        return super().construct_change_message(request, form, [], add)

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj, added=True)

    def response_change(self, request, obj):
        return self._after_save(request, obj)

    def _after_save(self, request, obj, *, added=False):
        """Back to the article after any button, unless the user may no longer see it."""
        messages.success(
            request,
            _("Saved: %(title)s (%(status)s).")
            % {"title": obj.title, "status": states.article_label(obj)},
        )
        desk.mark_saved(request, obj, added=added)
        if permissions.can_view(request.user, obj):
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return HttpResponseRedirect(reverse("admin:articles_article_changelist"))

    # --- list and read-only fields -------------------------------------------------------
    @admin.display(description=gettext_lazy("cover"))
    def preview(self, obj):
        return thumbnail(obj.cover_image, size=48)

    @admin.display(description=gettext_lazy("cover preview"))
    def cover_preview(self, obj):
        return thumbnail(obj.cover_image, size=320)

    @admin.display(description=gettext_lazy("title"), ordering="title")
    def title_column(self, obj):
        # Who has it open is filled in by DeskChangeList and kept fresh by presence.js.
        return render_to_string(
            "admin/articles/article/title_column.html",
            {"article": obj, "editing": getattr(obj, "editing_now", [])},
        )

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_column(self, obj):
        # The hidden version lets "publish selected" refuse rows changed since the list loaded.
        timed = obj.status == Status.PUBLISHED and obj.published_at is not None
        return render_to_string(
            "admin/articles/article/status_column.html",
            {"badge": status_badge(obj, compact=True), "article": obj, "timed": timed},
        )

    @admin.display(description=gettext_lazy("updated at"), ordering="updated_at")
    def updated_column(self, obj):
        # Time over date: the column stays narrow enough for the list to fit 1366 px.
        local = timezone.localtime(obj.updated_at)
        return format_html(
            '<span class="updated-time">{}</span> <span class="updated-date">{}</span>',
            local.strftime("%H:%M"),
            local.strftime("%d/%m/%Y"),
        )

    @admin.display(description=gettext_lazy("status"))
    def status_display(self, obj):
        return status_badge(obj) if obj and obj.pk else _("New draft")

    @admin.display(description=gettext_lazy("authors"))
    def authors_column(self, obj):
        return ", ".join(author.name for author in obj.ordered_authors) or "—"

    @admin.display(description=gettext_lazy("body"))
    def body_rendered(self, obj):
        # The stored body is sanitised on save; sanitised again here so that what the
        # admin shows never depends on how a row was written.
        return format_html(
            '<div class="article-body-readonly">{}</div>',
            mark_safe(sanitize_html(obj.body)),  # noqa: S308 - sanitised just now
        )

    @admin.display(description=gettext_lazy("workflow log"))
    def workflow_log(self, obj):
        steps = list(obj.transitions.select_related("actor"))
        if not steps:
            return "—"
        return render_to_string("admin/articles/article/workflow_log.html", {"steps": steps})

    def get_changelist(self, request, **kwargs):
        return desk.DeskChangeList

    def changelist_view(self, request, extra_context=None):
        context = {"presence_config": desk.list_config(), **(extra_context or {})}
        return super().changelist_view(request, context)

    @admin.display(description=gettext_lazy("revisions"))
    def revision_list(self, obj):
        return render_to_string(
            "admin/articles/article/revision_link.html",
            {"article": obj, "count": obj.revisions.count()},
        )

    # --- bulk action ---------------------------------------------------------------------
    @admin.action(description=gettext_lazy("Publish selected articles"))
    def publish_selected(self, request, queryset):
        done, refused = 0, []
        for article in queryset:
            version = request.POST.get(f"_version_{article.pk}")
            try:
                services.article_publish(
                    article=article,
                    user=request.user,
                    base_version=int(version) if version and version.isdigit() else None,
                )
                done += 1
            except (PermissionDenied, ValidationError, services.EditConflict) as exc:
                refused.append(f"{article.title}: {exc}")
        if done:
            messages.success(request, _("Published %(count)d articles.") % {"count": done})
        for line in refused:
            messages.warning(request, line)

    # --- revisions -------------------------------------------------------------------------
    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(
                lambda request, *args, **kwargs: function(self, request, *args, **kwargs)
            )

        return [
            path(
                "presence/", view(presence_views.list_view), name="articles_article_presence_list"
            ),
            path(
                "<int:object_id>/presence/",
                view(presence_views.heartbeat_view),
                name="articles_article_presence",
            ),
            path(
                "<int:object_id>/presence/leave/",
                view(presence_views.leave_view),
                name="articles_article_presence_leave",
            ),
            path(
                "<int:object_id>/withdraw/",
                view(steps.withdraw_view),
                name="articles_article_withdraw",
            ),
            path(
                "<int:object_id>/revisions/",
                view(history.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<int:object_id>/revisions/<int:version>/restore/",
                view(history.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]
