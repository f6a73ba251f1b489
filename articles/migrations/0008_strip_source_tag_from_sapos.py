"""Sapos stored with the paper's tag in front lose it: the page adds the tag itself."""

from django.conf import settings
from django.db import migrations

from core.text import strip_source_tag


def strip_tags(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    tag = settings.SOURCE_TAG
    core = tag.strip().strip("()").strip()
    if not core:
        return
    changed = []
    for article in Article.objects.filter(sapo__icontains=core).only("pk", "sapo").iterator():
        sapo = strip_source_tag(article.sapo, tag)
        if sapo != article.sapo:
            article.sapo = sapo
            changed.append(article)
    Article.objects.bulk_update(changed, ["sapo"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_transition_publication_times")]

    operations = [migrations.RunPython(strip_tags, migrations.RunPython.noop)]
