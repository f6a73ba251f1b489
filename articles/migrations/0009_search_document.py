"""The stored search index (articles/search_index.py says what it holds).

PostgreSQL: a generated tsvector column with a GIN index, replacing 0006's index on an
expression. SQLite: an FTS5 table kept by triggers.
"""

from django.db import migrations

from articles import search_index


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        statements = search_index.POSTGRES_FORWARD
    elif connection.vendor == "sqlite":
        search_index.register_sqlite_functions(connection.connection)
        statements = search_index.SQLITE_FORWARD
    else:
        return
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        statements = search_index.POSTGRES_BACKWARD
    elif connection.vendor == "sqlite":
        statements = search_index.SQLITE_BACKWARD
    else:
        return
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_reader_indexes")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
