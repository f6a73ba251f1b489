"""The admin's list of failed background tasks: what failed, when, after how many
attempts, with the error; staff can queue one again. Tasks retried with backoff
(core.tasks.retrying_task) show each failed attempt; "given up" are those that will not
run again by themselves."""

from django.contrib import admin, messages
from django.db.models import Q
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.tasks import ATTEMPT, RETRY_POLICIES, RetryScheduled, enqueue

from .models import FailedTask

RETRY_PATH = f"{RetryScheduled.__module__}.{RetryScheduled.__qualname__}"
CAUSE = "The above exception was the direct cause of the following exception"

# django-tasks-db's own list of every result is in English: the Vietnamese one below
# replaces it.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


class OutcomeFilter(admin.SimpleListFilter):
    title = _("outcome")
    parameter_name = "outcome"

    def lookups(self, request, model_admin):
        return [("given_up", _("Given up")), ("retried", _("Retried later"))]

    def queryset(self, request, queryset):
        if self.value() == "given_up":
            return queryset.exclude(exception_class_path=RETRY_PATH)
        if self.value() == "retried":
            return queryset.filter(exception_class_path=RETRY_PATH)
        return queryset


@admin.register(FailedTask)
class FailedTaskAdmin(admin.ModelAdmin):
    list_display = ["task_label", "outcome", "attempt", "error", "finished"]
    list_filter = [OutcomeFilter]
    search_fields = ["task_path", "traceback"]
    ordering = ["-finished_at"]
    fields = ["task_label", "outcome", "attempt", "arguments", "finished", "error_details"]
    readonly_fields = fields
    actions = ["run_again"]

    def get_queryset(self, request):
        failed = Q(status=TaskResultStatus.FAILED)
        return super().get_queryset(request).filter(failed)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description=_("task"), ordering="task_path")
    def task_label(self, obj):
        return obj.task_path

    @admin.display(description=_("outcome"))
    def outcome(self, obj):
        if obj.exception_class_path == RETRY_PATH:
            return _("Retried later")
        return _("Given up")

    @admin.display(description=_("attempt"))
    def attempt(self, obj):
        number = (obj.args_kwargs.get("kwargs") or {}).get(ATTEMPT, 1)
        policy = RETRY_POLICIES.get(obj.task_path)
        return f"{number}/{policy[0]}" if policy else str(number)

    @admin.display(description=_("finished at"), ordering="finished_at")
    def finished(self, obj):
        return obj.finished_at

    @admin.display(description=_("error"))
    def error(self, obj):
        # A retried attempt's traceback is the real error, then RetryScheduled: show the
        # real one.
        first = (obj.traceback or "").split(CAUSE, 1)[0]
        lines = [line for line in first.strip().splitlines() if line.strip()]
        return lines[-1][:200] if lines else obj.exception_class_path

    @admin.display(description=_("arguments"))
    def arguments(self, obj):
        return format_html("<code>{}</code>", obj.args_kwargs)

    @admin.display(description=_("error details"))
    def error_details(self, obj):
        return format_html("<pre>{}</pre>", obj.traceback or obj.exception_class_path)

    @admin.action(description=_("Run the selected tasks again"), permissions=["run_again"])
    def run_again(self, request, queryset):
        count = 0
        for result in queryset:
            task = import_string(result.task_path)  # as defined now, to run now
            kwargs = {k: v for k, v in result.args_kwargs["kwargs"].items() if k != ATTEMPT}
            enqueue(task, *result.args_kwargs["args"], **kwargs)
            count += 1
        self.message_user(
            request,
            _("%(count)d tasks queued again.") % {"count": count},
            messages.SUCCESS,
        )

    def has_run_again_permission(self, request):
        return request.user.is_superuser
