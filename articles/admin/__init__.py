"""The newsroom's admin: articles and their workflow, the review queue, tags.

One module per concern: article (the article form and list), guard (which buttons a
user gets and the refusal of forged POSTs), inlines (authors and related picks),
history (revisions, diff and restore), queue (the review queue), tags. Every write
goes through articles.services; the index dashboard is articles.dashboard.
"""

from django.contrib import admin
from taggit.models import Tag as TaggitTag

from . import article, queue, tags  # noqa: F401 - register the ModelAdmins

# Newsroom uses its own tag model (articles.Tag); taggit's default one stays empty.
admin.site.unregister(TaggitTag)
