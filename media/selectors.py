"""Reads about library images for the admin."""

from pathlib import PurePath

from django.apps import apps
from django.db.models import BooleanField, ExpressionWrapper, Q

# Below this length a file's stem is not a random name (images stored before names were
# random) and could match unrelated text: the whole stored name is looked for instead.
MIN_MARKER_LENGTH = 16


def body_marker(image):
    """A string found in every URL of image's file and renditions, and nowhere else."""
    name = PurePath(image.file.name)
    return name.stem if len(name.stem) >= MIN_MARKER_LENGTH else image.file.name


def _in_body(image):
    return Q(body__contains=body_marker(image))


def articles_using(image):
    """Articles whose cover is image or whose body shows it, with in_cover/in_body flags."""
    article_model = apps.get_model("articles", "Article")
    return list(
        article_model.objects.filter(Q(cover_image=image) | _in_body(image))
        .annotate(
            in_cover=ExpressionWrapper(Q(cover_image=image), output_field=BooleanField()),
            in_body=ExpressionWrapper(_in_body(image), output_field=BooleanField()),
        )
        .only("pk", "title", "status")
        .order_by("-pk")
    )


def is_in_bodies(image):
    """Whether an article's body shows image's file or one of its renditions."""
    article_model = apps.get_model("articles", "Article")
    return article_model.objects.filter(_in_body(image)).exists()
