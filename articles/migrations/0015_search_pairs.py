"""The search document also holds each pair of adjacent syllables, so the index narrows a
phrase of common syllables, and is made of the text's words without tags, entities and
punctuation, as the query's are (articles/search_index.py, POSTGRES_PAIRS_FORWARD).
PostgreSQL only. The stored documents are recomputed here, a chunk of ids per transaction; the
previous release's queries match the new documents too, so it can serve meanwhile; the
search index is rebuilt concurrently at the end."""

from django.db import migrations

from articles import search_index


def _apply(statements):
    """Forward or back: the functions' statements, every stored document again, the index
    rebuilt."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
            with schema_editor.connection.cursor() as cursor:
                search_index.recompute_documents(cursor)
                cursor.execute("SELECT to_regclass(%s)", [search_index.SEARCH_INDEX])
                indexed = cursor.fetchone()[0] is not None  # a bulk fill may have it dropped
            if indexed:
                # Every row went into the GIN index again, one by one: built anew it is as
                # compact as after a bulk build (docs/operations.md has the numbers).
                schema_editor.execute(f"REINDEX INDEX CONCURRENTLY {search_index.SEARCH_INDEX}")

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
