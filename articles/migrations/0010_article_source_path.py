"""Article.source_path: the old site's path of source_url, for the 301 from old links."""

from urllib.parse import urlsplit

from django.db import migrations, models


def fill(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    changed = []
    for article in Article.objects.exclude(source_url=None).only("pk", "source_url").iterator():
        parts = urlsplit(article.source_url)
        path = (parts.path.rstrip("/") or "/") if parts.path else "/"
        article.source_path = path + (f"?{parts.query}" if parts.query else "")
        changed.append(article)
    Article.objects.bulk_update(changed, ["source_path"], batch_size=1000)


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
