import xml.etree.ElementTree as ET
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from articles import wxr
from articles.importer import SKIPPED, LineError
from articles.management.importing import ImportRun, add_import_arguments


class Command(BaseCommand):
    help = (
        "Import the posts of a WordPress export (WXR, Tools > Export in WordPress): "
        "categories become sections, tags tags, authors bylines, the featured and inline "
        "images library images (files read from --uploads, a copy of wp-content/uploads); "
        "pages are skipped. Run again, it updates what changed and never duplicates; the "
        "old addresses answer with a 301 to the new articles."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The WordPress export (.xml).")
        parser.add_argument(
            "--uploads",
            type=Path,
            help="The copy of wp-content/uploads (default: uploads/ beside the file).",
        )
        parser.add_argument(
            "--timezone",
            default=settings.TIME_ZONE,
            help="The WordPress site's time zone, for posts without a GMT date "
            f"(default {settings.TIME_ZONE}).",
        )
        add_import_arguments(parser)

    def handle(self, *args, file, uploads, timezone, dry_run, no_progress, errors, batch_size, **o):
        if not file.is_file():
            raise CommandError(_("Cannot open %(path)s: %(error)s") % {"path": file, "error": "?"})
        uploads = uploads or file.resolve().parent / "uploads"
        try:
            tz = wxr.zone(timezone)
            site = wxr.read_site(file)
            total = sum(1 for _item in wxr.items(file))
        except LineError as exc:
            raise CommandError(str(exc)) from exc
        except (ET.ParseError, OSError) as exc:
            raise CommandError(
                _("Not a readable WordPress export: %(error)s") % {"error": exc}
            ) from exc
        run = ImportRun(
            self,
            name=file.name,
            total_bytes=total,
            dry_run=dry_run,
            no_progress=no_progress,
            errors=errors,
            batch_size=batch_size,
            item_message=_("Item %(line)d: %(reason)s"),
        )
        try:
            for number, item in enumerate(wxr.items(file), start=1):
                run.advance(1, number)
                self.import_item(run, item, number, site=site, uploads=uploads, tz=tz)
        except KeyboardInterrupt:
            run.finish(interrupted=True)
        run.finish()

    def import_item(self, run, item, number, *, site, uploads, tz):
        title = wxr._child(item, "title")
        try:
            post = wxr.parse_item(item, site, uploads=uploads, tz=tz, number=number)
            if post.record is None:
                if post.kind == "page":
                    run.counts[SKIPPED] += 1  # pages are not articles
                return
            record = post.record
            record.raw = title
            replacements = {}
            for src, path in post.inline:
                image = run.importer.image_for(path, record.title)
                if image.pk:
                    replacements[src] = wxr.library_url(image)
            record.body_html = wxr.rewrite_images(record.body_html, replacements)
        except LineError as exc:
            return run.reject(number, str(exc), title)
        try:
            run.outcomes(run.importer.add(record))
        except (DatabaseError, OSError) as exc:
            run.reject(number, _("could not be saved (%(error)s)") % {"error": exc}, title)
