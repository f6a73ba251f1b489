"""The search document is kept by a trigger instead of a generated column, so a bulk
import can defer it to a worker (articles/search_index.py). PostgreSQL only: SQLite's
FTS5 triggers are unchanged."""

from django.db import migrations

from articles import search_index


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in search_index.POSTGRES_TRIGGER_FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in search_index.POSTGRES_TRIGGER_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_search_functions_search_path")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
