from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from articles.importer import CREATED, UPDATED, LineError, import_record, parse_line


class Command(BaseCommand):
    help = (
        "Import articles from a JSON Lines file, one article per line. An article whose "
        "source_url was imported before is updated, not duplicated. Bad lines are reported "
        "and skipped; the exit status is non-zero if any line failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The .jsonl file to import.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate every line and report what would happen, but write nothing.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress bar."
        )

    def handle(self, *args, file, dry_run, no_progress, **options):
        try:
            fh = open(file, "rb")  # noqa: SIM115 - closed by the with block below
        except OSError as exc:
            raise CommandError(
                _("Cannot open %(path)s: %(error)s") % {"path": file, "error": exc.strerror or exc}
            ) from exc
        base_dir = file.resolve().parent
        # tqdm redraws its line with "\r"; Django's OutputWrapper would append newlines.
        stream = getattr(self.stderr, "_out", self.stderr)
        counts = {CREATED: 0, UPDATED: 0, "failed": 0}
        with (
            fh,
            tqdm(
                total=file.stat().st_size,
                unit="B",
                unit_scale=True,
                desc=file.name,
                file=stream,
                disable=no_progress or not stream.isatty(),
            ) as bar,
        ):
            for number, raw in enumerate(fh, start=1):
                bar.update(len(raw))
                outcome = self.import_line(raw, number, base_dir=base_dir, dry_run=dry_run)
                if outcome is None:
                    continue
                counts[outcome] += 1
                bar.set_postfix_str(self.format_counts(counts), refresh=False)

        summary = self.format_counts(counts)
        if dry_run:
            message = _("Dry run finished, nothing was written: %(counts)s.")
        else:
            message = _("Import finished: %(counts)s.")
        self.stdout.write(message % {"counts": summary})
        if counts["failed"]:
            raise CommandError(
                ngettext(
                    "%(failed)d line could not be imported.",
                    "%(failed)d lines could not be imported.",
                    counts["failed"],
                )
                % {"failed": counts["failed"]}
            )

    def import_line(self, raw, number, *, base_dir, dry_run):
        """Import one raw line; return CREATED, UPDATED, "failed", or None for a blank line."""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return self.fail(number, _("the line is not valid UTF-8"))
        if number == 1:
            text = text.removeprefix("\ufeff")
        if not text.strip():
            return None
        try:
            record = parse_line(text, base_dir=base_dir)
            return import_record(record, dry_run=dry_run)
        except LineError as exc:
            return self.fail(number, str(exc))
        except (DatabaseError, OSError) as exc:
            return self.fail(number, _("could not be saved (%(error)s)") % {"error": exc})

    def fail(self, number, reason):
        """Report a skipped line on stderr without breaking the progress bar."""
        with tqdm.external_write_mode(file=getattr(self.stderr, "_out", self.stderr)):
            self.stderr.write(_("Line %(line)d: %(reason)s") % {"line": number, "reason": reason})
        return "failed"

    @staticmethod
    def format_counts(counts):
        """The created / updated / failed counts as one short phrase."""
        return _("%(created)d created, %(updated)d updated, %(failed)d failed") % {
            "created": counts[CREATED],
            "updated": counts[UPDATED],
            "failed": counts["failed"],
        }
