from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.backends.signals import connection_created

from core.text import register_sqlite_collation


class NewsroomConfig(AppConfig):
    default = True
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        # After the admin's autodiscovery (its app comes first): replaces django-tasks-db's
        # list of results with the Vietnamese list of failed tasks.
        from . import (
            checks,  # noqa: F401 - registers the system checks
            tasks_admin,  # noqa: F401
        )

        # PostgreSQL has the ICU collation for Vietnamese; SQLite is taught the same order.
        connection_created.connect(register_sqlite_collation)


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with NewsroomAdminSite as admin.site."""

    default = False
    default_site = "newsroom.admin.NewsroomAdminSite"
