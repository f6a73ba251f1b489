from django.core.management.base import BaseCommand, CommandError

from newsroom import backups


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into the database and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup's .tar file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database that already has tables (default: refuse)",
        )

    def handle(self, *args, file, replace, **options):
        try:
            manifest = backups.restore(file, replace=replace)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        found = backups.counts()
        self.stdout.write(
            f"restored {file} (made {manifest['created']}): {found['articles']} articles, "
            f"{found['revisions']} revisions, {found['images']} images"
        )
        expected = {key: manifest[key] for key in found}
        if found != expected:
            raise CommandError(f"the backup listed {expected}, the database has {found}")
