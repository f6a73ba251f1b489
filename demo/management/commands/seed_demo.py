from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo import seed as demo


class Command(BaseCommand):
    help = (
        "Create demo sections, authors, staff accounts (admin, editor, reporter) and articles "
        "with drawn cover images. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=None,
            help=(
                f"Password of the demo accounts (default with DEBUG on: {demo.DEFAULT_PASSWORD}; "
                "required otherwise)."
            ),
        )
        parser.add_argument(
            "--articles",
            type=int,
            default=demo.DEFAULT_ARTICLES,
            help=f"Number of published articles (default: {demo.DEFAULT_ARTICLES}).",
        )

    def handle(self, *args, password, articles, verbosity, **options):
        if articles < 0:
            raise CommandError(_("--articles must be zero or more."))
        if password is None:
            if not settings.DEBUG:
                # A superuser with a published password must never reach a real server.
                raise CommandError(
                    _("With DEBUG off, choose the demo accounts' password with --password.")
                )
            password = demo.DEFAULT_PASSWORD
        if not password:
            raise CommandError(_("The password must not be empty."))

        if verbosity >= 1:
            self.stdout.write(_("Creating demo content…"))

        def on_article(article):
            self.stdout.write(_("Created article: %(title)s") % {"title": article.title})

        result = demo.seed_demo(
            password=password, articles=articles, on_article=on_article if verbosity >= 2 else None
        )
        if verbosity < 1:
            return
        for kind, label in (
            ("sections", _("Sections")),
            ("authors", _("Authors")),
            ("accounts", _("Staff accounts")),
            ("articles", _("Articles")),
            ("site settings", _("Site settings")),
        ):
            self.stdout.write(
                _("%(what)s: %(created)d created, %(existing)d already present")
                % {
                    "what": label,
                    "created": result.created[kind],
                    "existing": result.existing[kind],
                }
            )
        self.stdout.write(_("Cover images drawn: %(count)d") % {"count": result.covers})
        self.stdout.write(_("Related-article picks added: %(count)d") % {"count": result.related})
        if result.passwords_reset:
            self.stdout.write(
                _("Passwords reset on existing accounts: %(count)d")
                % {"count": result.passwords_reset}
            )
        self.stdout.write(self.style.SUCCESS(_("Demo content ready.")))
