from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult


class FailedTask(DBTaskResult):
    """A background task whose last attempt failed, as staff see it in the admin
    (newsroom.tasks_admin); the rows are django-tasks-db's."""

    class Meta:
        proxy = True
        verbose_name = _("failed background task")
        verbose_name_plural = _("Failed background tasks")
