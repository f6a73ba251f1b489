"""The search functions keep their search_path, so a pg_restore'd database (which
restores with an empty one) finds newsroom_vi and newsroom_tone (articles/search_index.py)."""

from django.db import migrations

from articles import search_index


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in search_index.PIN_SEARCH_PATH:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_search_document")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop, elidable=False)]
