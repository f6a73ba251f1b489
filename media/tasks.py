"""The library's background work: renditions are made by a worker, never by a request
or an import line (core.tasks has the helpers)."""

from core.tasks import enqueue_on_commit, retrying_task

from . import renditions


@retrying_task(max_attempts=5, backoff=30, max_backoff=1800)
def make_renditions(image_id, force=False):
    """Make the missing or outdated renditions of the Image image_id (idempotent: with
    everything up to date it costs one query). Returns how many files it has."""
    renditions.refresh_image(image_id, force=force)
    return image_id


def schedule_renditions(image, *, force=False):
    """Queue image's renditions for after the commit of the transaction that saved it: a
    rolled-back save (the importer undoes a whole line on a database error) leaves no
    task and no file behind."""
    enqueue_on_commit(make_renditions, image.pk, force=force)
