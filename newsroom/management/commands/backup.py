from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom import backups


class Command(BaseCommand):
    help = "Back up the database and the uploaded media into one file (newsroom.backups)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(getattr(settings, "BACKUP_DIR", "var/backups")),
            help="directory the backup is written to (BACKUP_DIR, var/backups)",
        )

    def handle(self, *args, output, **options):
        try:
            path = backups.backup(output)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        manifest = backups.read_manifest(path)
        self.stdout.write(
            f"{path} ({path.stat().st_size} bytes): {manifest['articles']} articles, "
            f"{manifest['revisions']} revisions, {manifest['images']} images"
        )
        if manifest.get("media") == "bucket":
            self.stdout.write("media files are in the S3 bucket, not in this backup")
