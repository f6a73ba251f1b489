from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag as TaggitTag

from media.admin import ImagePickerMixin, thumbnail

from . import permissions, revisions, services
from .forms import ArticleAdminForm
from .models import Article, ArticleAuthor, ArticleRevision, PendingArticle, RelatedArticle, Tag
from .permissions import PUBLISH, RETURN, SAVE, SCHEDULE, SUBMIT, WITHDRAW

# Newsroom uses its own tag model (articles.Tag); taggit's default one stays empty.
admin.site.unregister(TaggitTag)

Status = Article.Status

STATUS_COLOURS = {
    Status.DRAFT: "#6c757d",
    Status.PENDING: "#d98c00",
    Status.RETURNED: "#c0392b",
    Status.PUBLISHED: "#1e8449",
    Status.WITHDRAWN: "#555",
}

# Button labels, in the order they appear on the form.
ACTION_LABELS = {
    SAVE: gettext_lazy("Save draft"),
    SUBMIT: gettext_lazy("Submit for review"),
    RETURN: gettext_lazy("Return"),
    PUBLISH: gettext_lazy("Publish"),
    SCHEDULE: gettext_lazy("Schedule"),
    WITHDRAW: gettext_lazy("Withdraw"),
}
# Fields only editors may send; a reporter's POST carrying one is forged.
EDITOR_FIELDS = {"published_at", "published_at_0", "published_at_1", "is_featured", "review_note"}
NEVER_FIELDS = {"status", "created_by", "version", "revised_at", "view_count"}


def status_badge(article):
    label = article.get_status_display()
    if article.status == Status.PUBLISHED and not article.is_live:
        label = _("Scheduled")
    return format_html(
        '<span class="status-badge" style="background:{};color:#fff;padding:2px 8px;'
        'border-radius:10px;white-space:nowrap">{}</span>',
        "#2471a3" if label == _("Scheduled") else STATUS_COLOURS.get(article.status, "#555"),
        label,
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


def _kept(form):
    # A pre-filled row equals its initial data, so Django would skip it as unchanged.
    return True


def _with_initial(init, row):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", [row])
        init(self, *args, **kwargs)

    return __init__


class RelatedArticleInline(ArticleInlinePermissions, admin.TabularInline):
    model = RelatedArticle
    fk_name = "from_article"
    extra = 0
    autocomplete_fields = ["to_article"]
    fields = ["to_article", "position"]
    verbose_name = gettext_lazy("related article (editor's pick)")
    verbose_name_plural = gettext_lazy("related articles (editor's picks)")


@admin.register(Article)
class ArticleAdmin(ImagePickerMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = [
        "preview",
        "title",
        "section",
        "status_column",
        "published_at",
        "is_featured",
        "byline",
    ]
    list_display_links = ["preview", "title"]
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
        return fields

    def get_fieldsets(self, request, obj=None):
        editor = permissions.is_editor(request.user)
        publishing = ["status_display"]
        if editor:
            publishing += ["published_at", "is_featured"]
            if obj is not None and obj.status == Status.PENDING:
                publishing.append("review_note")
        fieldsets = [
            (None, {"fields": ["title", "sapo", "body", "base_version"]}),
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
            if editor:
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

    # --- the workflow buttons ------------------------------------------------------------
    def requested_action(self, request):
        pressed = [a for a in permissions.ACTIONS if f"_wf_{a}" in request.POST]
        return pressed[0] if len(pressed) == 1 else SAVE

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = None
        if object_id:
            obj = Article.objects.filter(pk=object_id).first() if object_id.isdigit() else None
            if obj is not None and not permissions.can_view(request.user, obj):
                raise PermissionDenied
        if request.method == "POST":
            self.refuse_forged_post(request, obj)
        context = {
            **(extra_context or {}),
            **self.workflow_context(request, obj),
        }
        return super().changeform_view(request, object_id, form_url, context)

    def refuse_forged_post(self, request, obj):
        """403 for a POST that sends what the user may not set, whatever the form shows."""
        sent = set(request.POST)
        if sent & NEVER_FIELDS:
            raise PermissionDenied
        if not permissions.is_editor(request.user) and sent & EDITOR_FIELDS:
            raise PermissionDenied
        action = self.requested_action(request)
        permissions.check_action(request.user, obj or Article(), action)
        if obj is not None and action == SAVE and not permissions.can_edit(request.user, obj):
            raise PermissionDenied

    def workflow_context(self, request, obj):
        actions = permissions.allowed_actions(request.user, obj or Article())
        buttons = []
        for action in ACTION_LABELS:
            if action not in actions:
                continue
            label = ACTION_LABELS[action]
            if (
                action == SAVE
                and obj is not None
                and obj.status not in permissions.REPORTER_EDITABLE
            ):
                label = _("Save changes")
            buttons.append({"name": f"_wf_{action}", "label": label, "action": action})
        context = {"workflow_buttons": buttons}
        if obj is not None and obj.status == Status.RETURNED:
            last_return = obj.transitions.filter(to_status=Status.RETURNED).first()
            context["return_note"] = last_return
        if obj is not None and permissions.can_view(request.user, obj):
            context["preview_urls"] = [
                (_("Preview (desktop)"), reverse("admin:articles_article_preview", args=[obj.pk])),
                (
                    _("Preview (mobile)"),
                    reverse("admin:articles_article_preview", args=[obj.pk]) + "?view=mobile",
                ),
            ]
        return context

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.workflow_action = self.requested_action(request) if request.method == "POST" else SAVE
        return form

    def save_model(self, request, obj, form, change):
        """Nothing here: the article is saved by the workflow service in save_related()."""

    def save_related(self, request, form, formsets, change):
        action = self.requested_action(request)
        cleaned = form.cleaned_data
        services.article_save(
            article=form.instance,
            user=request.user,
            action=action,
            base_version=cleaned.get("base_version"),
            note=cleaned.get("review_note", ""),
            publish_at=cleaned.get("published_at"),
            save_related=lambda: super(ArticleAdmin, self).save_related(
                request, form, formsets, change
            ),
        )

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj)

    def response_change(self, request, obj):
        return self._after_save(request, obj)

    def _after_save(self, request, obj):
        """Back to the article after any button, unless the user may no longer see it."""
        messages.success(
            request,
            _("Saved: %(title)s (%(status)s).")
            % {
                "title": obj.title,
                "status": obj.get_status_display(),
            },
        )
        if permissions.can_view(request.user, obj):
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return HttpResponseRedirect(reverse("admin:articles_article_changelist"))

    # --- list ----------------------------------------------------------------------------
    @admin.display(description=gettext_lazy("cover"))
    def preview(self, obj):
        return thumbnail(obj.cover_image, size=72)

    @admin.display(description=gettext_lazy("cover preview"))
    def cover_preview(self, obj):
        return thumbnail(obj.cover_image, size=320)

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_column(self, obj):
        # The hidden version lets "publish selected" refuse rows changed since the list loaded.
        return format_html(
            '{}<input type="hidden" name="_version_{}" value="{}">',
            status_badge(obj),
            obj.pk,
            obj.version,
        )

    @admin.display(description=gettext_lazy("status"))
    def status_display(self, obj):
        return status_badge(obj) if obj and obj.pk else _("New draft")

    @admin.display(description=gettext_lazy("byline"))
    def byline(self, obj):
        return ", ".join(author.byline or author.name for author in obj.ordered_authors)

    @admin.display(description=gettext_lazy("workflow log"))
    def workflow_log(self, obj):
        steps = obj.transitions.select_related("actor")
        if not steps:
            return "—"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td></tr>",
            (
                (
                    timezone.localtime(step.created_at).strftime("%H:%M %d/%m/%Y"),
                    step.actor.get_username() if step.actor else _("system"),
                    step.get_from_status_display() or "—",
                    step.get_to_status_display(),
                    step.note,
                )
                for step in steps
            ),
        )
        return format_html(
            '<table class="workflow-log"><thead><tr><th>{}</th><th>{}</th><th>{}</th>'
            "<th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("When"),
            _("Who"),
            _("Change"),
            _("Note"),
            rows,
        )

    @admin.display(description=gettext_lazy("revisions"))
    def revision_list(self, obj):
        count = obj.revisions.count()
        url = reverse("admin:articles_article_revisions", args=[obj.pk])
        return format_html(
            '<a class="button" href="{}">{}</a>',
            url,
            _("History, compare and restore (%(count)s revisions)") % {"count": count},
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
            except (PermissionDenied, ValidationError) as exc:
                refused.append(f"{article.title}: {exc}")
            except services.EditConflict as exc:
                refused.append(f"{article.title}: {exc}")
        if done:
            messages.success(request, _("Published %(count)d articles.") % {"count": done})
        for line in refused:
            messages.warning(request, line)

    # --- revisions and preview -----------------------------------------------------------
    def get_urls(self):
        return [
            path(
                "<int:object_id>/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<int:object_id>/revisions/<int:version>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
            # Not wrapped in admin_view: anonymous readers get 404, not a login page.
            path("<int:object_id>/preview/", self.preview_view, name="articles_article_preview"),
            *super().get_urls(),
        ]

    def revisions_view(self, request, object_id):
        """History of an article's revisions with a diff of any two. Editors only."""
        article = get_object_or_404(Article, pk=object_id)
        if not permissions.is_editor(request.user):
            raise PermissionDenied
        history = list(article.revisions.select_related("created_by"))
        diff = None
        a, b = request.GET.get("a"), request.GET.get("b")
        by_version = {str(r.version): r for r in history}
        if a in by_version and b in by_version:
            diff = revisions.diff(by_version[a], by_version[b])
        elif len(history) >= 2:
            a, b = str(history[1].version), str(history[0].version)
            diff = revisions.diff(history[1], history[0])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "history": history,
            "diff": diff,
            "a": a,
            "b": b,
            "title": _("Revisions of “%(title)s”") % {"title": article.title},
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def restore_view(self, request, object_id, version):
        """POST: make a revision the current content (as a new revision). Editors only."""
        if request.method != "POST":
            raise Http404
        revision = get_object_or_404(ArticleRevision, article_id=object_id, version=version)
        base = request.POST.get("base_version", "")
        try:
            services.article_restore(
                revision=revision,
                user=request.user,
                base_version=int(base) if base.isdigit() else None,
            )
        except services.EditConflict as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(
                reverse("admin:articles_article_revisions", args=[object_id])
            )
        messages.success(
            request, _("Version %(version)s restored as a new revision.") % {"version": version}
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[object_id]))

    def preview_view(self, request, object_id):
        """The article in the public template, for staff only (404 for everyone else)."""
        article = Article.objects.filter(pk=object_id).first()
        user = request.user
        if article is None or not user.is_authenticated or not user.is_staff:
            raise Http404
        if not permissions.can_view(user, article):
            raise Http404
        from .views import render_article

        return render_article(request, article, preview=True)


@admin.register(PendingArticle)
class ReviewQueueAdmin(admin.ModelAdmin):
    """Chờ duyệt: what waits for an editor, oldest first."""

    list_display = ["open_link", "section", "created_by", "submitted_at"]
    list_filter = ["section"]
    search_fields = ["title", "sapo"]
    list_select_related = ["section", "created_by"]
    actions = None

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=Status.PENDING).order_by("updated_at")

    def has_module_permission(self, request):
        return permissions.is_editor(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.is_editor(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("title"))
    def open_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.title)

    @admin.display(description=gettext_lazy("submitted at"), ordering="updated_at")
    def submitted_at(self, obj):
        return timezone.localtime(obj.updated_at).strftime("%H:%M %d/%m/%Y")


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_articles"))

    @admin.display(description=gettext_lazy("number of articles"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count
