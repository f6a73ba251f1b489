"""The search document's functions name their own search_path: pg_restore (and pg_dump)
run with an empty one, and the generated column's function would not find the
newsroom_vi text search configuration while a backup is loaded."""

from django.db import migrations

FUNCTIONS = ["newsroom_search_document(text, text, text)", "newsroom_tone(text)"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for function in FUNCTIONS:
        schema_editor.execute(f"ALTER FUNCTION {function} SET search_path = public, pg_catalog")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for function in FUNCTIONS:
        schema_editor.execute(f"ALTER FUNCTION {function} RESET search_path")


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_merge_search_document_source_path")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
