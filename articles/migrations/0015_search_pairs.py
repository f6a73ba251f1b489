"""The search document also holds each pair of adjacent syllables, so the index narrows a
phrase of common syllables, and is made of the text's words without tags, entities and
punctuation, as the query's are (articles/search_index.py, POSTGRES_PAIRS_FORWARD).
PostgreSQL only. The stored documents are recomputed here, a chunk of ids per transaction; the
previous release's queries match the new documents too, so it can serve meanwhile."""

from django.db import migrations

from articles import search_index


def _apply(statements):
    """Forward or back: the functions' statements, then every stored document again."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
            with schema_editor.connection.cursor() as cursor:
                search_index.recompute_documents(cursor)

    return run


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("articles", "0014_search_document_trigger")]

    operations = [
        migrations.RunPython(
            _apply(search_index.POSTGRES_PAIRS_FORWARD),
            _apply(search_index.POSTGRES_PAIRS_BACKWARD),
            elidable=False,
        )
    ]
