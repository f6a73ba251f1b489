from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from articles.importer import LineError, parse_line
from articles.management.importing import ImportRun, add_import_arguments


class Command(BaseCommand):
    help = (
        "Import articles from a JSON Lines file, one article per line, read as a stream. "
        "An article whose source_url was imported before is updated (or skipped when "
        "unchanged), never duplicated, so an interrupted import continues when run "
        "again. Bad lines are reported (and written to --errors FILE) and skipped; the "
        "exit status is non-zero if any line failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The .jsonl file to import.")
        add_import_arguments(parser)

    def handle(self, *args, file, dry_run, no_progress, errors, batch_size, **options):
        try:
            fh = open(file, "rb")  # noqa: SIM115 - closed by the with block below
        except OSError as exc:
            raise CommandError(
                _("Cannot open %(path)s: %(error)s") % {"path": file, "error": exc.strerror or exc}
            ) from exc
        base_dir = file.resolve().parent
        run = ImportRun(
            self,
            name=file.name,
            total_bytes=file.stat().st_size,
            dry_run=dry_run,
            no_progress=no_progress,
            errors=errors,
            batch_size=batch_size,
        )
        try:
            with fh:
                for number, raw in enumerate(fh, start=1):
                    run.advance(len(raw), number)
                    self.import_line(run, raw, number, base_dir=base_dir)
        except KeyboardInterrupt:
            run.finish(interrupted=True)
        run.finish()

    def import_line(self, run, raw, number, *, base_dir):
        """Parse one raw line and queue it; rejections are reported with the line number."""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return run.reject(
                number, _("the line is not valid UTF-8"), raw.decode("utf-8", "replace")
            )
        if number == 1:
            text = text.removeprefix("\ufeff")
        if not text.strip():
            return None
        try:
            record = parse_line(text, base_dir=base_dir, line=number)
        except LineError as exc:
            return run.reject(number, str(exc), text.rstrip("\r\n"))
        record.raw = text.rstrip("\r\n")
        try:
            run.outcomes(run.importer.add(record))
        except (DatabaseError, OSError) as exc:
            return run.reject(
                number, _("could not be saved (%(error)s)") % {"error": exc}, record.raw
            )
        return None
