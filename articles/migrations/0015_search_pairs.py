"""The search document also holds each pair of adjacent syllables, so the index narrows a
phrase of common syllables, and is made of the text's words without tags, entities and
punctuation, as the query's are (articles/search_index.py, POSTGRES_PAIRS_FORWARD).
PostgreSQL only. The stored documents are recomputed here, a chunk of ids per transaction; the
previous release's queries match the new documents too, so it can serve meanwhile."""

from django.db import migrations

from articles import search_index


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in search_index.POSTGRES_PAIRS_FORWARD:
            schema_editor.execute(sql)
        with schema_editor.connection.cursor() as cursor:
            search_index.recompute_documents(cursor)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in search_index.POSTGRES_PAIRS_BACKWARD:
            schema_editor.execute(sql)
        with schema_editor.connection.cursor() as cursor:
            search_index.recompute_documents(cursor)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("articles", "0014_search_document_trigger")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
