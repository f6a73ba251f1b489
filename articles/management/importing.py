"""What import_articles and import_wxr share on the terminal: the progress bar (lines,
rate, ETA), rejected lines on stderr and in the --errors JSONL file, the final summary,
and Ctrl-C (what was reported as imported is committed; running again continues)."""

import json
import time

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from articles.importer import CREATED, REJECTED, SKIPPED, UPDATED, Importer
from core.text import clean_text

BAR_FORMAT = "{desc} {percentage:3.0f}%|{bar}| {postfix} [{elapsed}<{remaining}]"


def add_import_arguments(parser):
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="Validate everything and report what would happen, but write nothing.",
    )
    parser.add_argument("--no-progress", action="store_true", help="Do not show the progress bar.")
    parser.add_argument(
        "--errors",
        metavar="FILE",
        help="Write every rejected line to FILE as JSON Lines: line number, reason, input.",
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=500,
        help="Articles written per transaction (default 500).",
    )


class ImportRun:
    """One run of an import command: counts, progress and the errors file."""

    def __init__(
        self,
        command,
        *,
        name,
        total_bytes,
        dry_run,
        no_progress,
        errors,
        batch_size,
        item_message=None,
    ):
        self.command = command
        self.stream = getattr(command.stderr, "_out", command.stderr)
        self.importer = Importer(dry_run=dry_run, batch_size=max(1, batch_size))
        self.dry_run = dry_run
        self.started = time.monotonic()
        self.lines = 0
        # How a rejected input is named: a line of a JSONL file, an item of a WXR export.
        self.item_message = item_message or _("Line %(line)d: %(reason)s")
        self.errors = open(errors, "w", encoding="utf-8") if errors else None  # noqa: SIM115
        # tqdm redraws its line with "\r"; Django's OutputWrapper would append newlines.
        self.bar = tqdm(
            total=total_bytes,
            desc=name,
            file=self.stream,
            bar_format=BAR_FORMAT,
            disable=no_progress or not self.stream.isatty(),
        )

    @property
    def counts(self):
        return self.importer.counts

    def advance(self, size, line):
        self.lines = line
        self.bar.update(size)

    def reject(self, line, reason, text=""):
        """Report a rejected line on stderr and in the errors file."""
        self.importer.counts[REJECTED] += 1
        self.report([(line, reason, text)])

    def outcomes(self, outcomes):
        """Take the outcomes the importer returns (committed records)."""
        rejected = [
            (r.line, reason, getattr(r, "raw", "")) for r, o, reason in outcomes if o == REJECTED
        ]
        self.report(rejected)
        self.bar.set_postfix_str(self.progress_text(), refresh=False)

    def report(self, rejected):
        for line, reason, text in rejected:
            # A reason may quote the input, lone surrogates and all: not writable as UTF-8.
            reason, text = clean_text(reason), clean_text(text)
            with tqdm.external_write_mode(file=self.stream):
                self.command.stderr.write(self.item_message % {"line": line, "reason": reason})
            if self.errors:
                record = {"line": line, "reason": reason, "input": text}
                self.errors.write(json.dumps(record, ensure_ascii=False) + "\n")
                self.errors.flush()

    def progress_text(self):
        elapsed = max(time.monotonic() - self.started, 1e-6)
        done = self.counts[CREATED] + self.counts[UPDATED] + self.counts[SKIPPED]
        return _("%(lines)d lines, %(rate).0f articles/s, %(counts)s") % {
            "lines": self.lines,
            "rate": done / elapsed,
            "counts": self.format_counts(),
        }

    def format_counts(self):
        c = self.counts
        return _(
            "%(created)d created, %(updated)d updated, %(skipped)d skipped, %(rejected)d rejected"
        ) % {
            "created": c[CREATED],
            "updated": c[UPDATED],
            "skipped": c[SKIPPED],
            "rejected": c[REJECTED],
        }

    def finish(self, interrupted=False):
        """Flush, print the summary, raise CommandError when lines were rejected."""
        if not interrupted:
            self.outcomes(self.importer.finish())
        self.bar.close()
        if self.errors:
            self.errors.close()
        elapsed = time.monotonic() - self.started
        c = self.counts
        done = c[CREATED] + c[UPDATED] + c[SKIPPED]
        summary = _(
            "%(counts)s; photos: %(new)d new, %(reused)d reused; %(seconds).1f s "
            "(%(rate).0f articles/s)."
        ) % {
            "counts": self.format_counts(),
            "new": c["photos_new"],
            "reused": c["photos_reused"],
            "seconds": elapsed,
            "rate": done / elapsed if elapsed else 0,
        }
        if interrupted:
            message = _(
                "Import interrupted after line %(line)d: %(summary)s What is counted is "
                "saved; run the same command again to continue."
            )
            self.command.stdout.write(message % {"line": self.lines, "summary": summary})
            raise CommandError(_("Import interrupted."), returncode=130)
        if self.dry_run:
            message = _("Dry run finished, nothing was written: %(summary)s")
        else:
            message = _("Import finished: %(summary)s")
        self.command.stdout.write(message % {"summary": summary})
        if c[REJECTED]:
            raise CommandError(
                ngettext(
                    "%(failed)d line could not be imported.",
                    "%(failed)d lines could not be imported.",
                    c[REJECTED],
                )
                % {"failed": c[REJECTED]}
            )
