"""Article.source_path: the old site's path of source_url, for the 301 from old links."""

from urllib.parse import urlsplit

from django.db import migrations, models
from psycopg2.extras import execute_values

BATCH = 5000


def path_of(source_url):
    parts = urlsplit(source_url)
    path = (parts.path.rstrip("/") or "/") if parts.path else "/"
    return path + (f"?{parts.query}" if parts.query else "")


def fill(apps, schema_editor):
    """Streamed in batches (an imported archive has a source_url on every row): flat
    memory, one UPDATE per batch."""
    Article = apps.get_model("articles", "Article")
    rows = Article.objects.exclude(source_url=None).values_list("pk", "source_url")
    batch = []
    for pk, source_url in rows.iterator(chunk_size=BATCH):
        batch.append((pk, path_of(source_url)))
        if len(batch) >= BATCH:
            write(schema_editor, Article, batch)
            batch = []
    if batch:
        write(schema_editor, Article, batch)


def write(schema_editor, Article, batch):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            execute_values(
                cursor,
                "UPDATE articles_article AS a SET source_path = v.path "
                "FROM (VALUES %s) AS v(id, path) WHERE a.id = v.id",
                batch,
                page_size=len(batch),
            )
        return
    changed = [Article(pk=pk, source_path=path) for pk, path in batch]
    Article.objects.bulk_update(changed, ["source_path"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_tag_vietnamese_order")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="source_path",
            field=models.CharField(
                blank=True,
                db_index=True,
                editable=False,
                max_length=1000,
                verbose_name="source path",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
