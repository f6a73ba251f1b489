"""Background tasks of the reader site (django-tasks; `make worker` runs them)."""

from django_tasks import task

from . import cdn


@task()
def purge_cdn(keys: list[str]) -> list[int]:
    """Drop the pages with these surrogate keys from the CDN (reader/cdn.py)."""
    return cdn.purge(keys)
