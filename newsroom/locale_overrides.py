"""Strings that Django's own Vietnamese catalogue lacks (or has only in an old singular
form). They are listed here so `make messages` keeps their translations in locale/vi,
which takes precedence over Django's catalogue."""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

STRINGS = [
    gettext_noop("Toggle navigation"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Enter a complete value."),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Forbidden"),
    gettext_noop("CSRF verification failed. Request aborted."),
    gettext_noop("More information is available with DEBUG=True."),
    gettext_noop("ManagementForm data is missing or has been tampered with"),
    gettext_noop("Value must be valid JSON."),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    # django-axes ships no Vietnamese: its admin, where administrators unlock accounts.
    gettext_noop("Access lock out"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("Attempt Time"),
    gettext_noop("Failed Logins"),
    gettext_noop("IP Address"),
    gettext_noop("User Agent"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Expires At"),
    gettext_noop("Path"),
    # Django's catalogue: "Bản ghi nhớ", "Thêm vào bài viết".
    gettext_noop("History"),
    gettext_noop("Add"),
    gettext_noop("Add %(name)s"),
]

# django-taggit's field names, which it ships without Vietnamese.
CONTEXTS = [
    pgettext_lazy("A tag name", "name"),
    pgettext_lazy("A tag slug", "slug"),
]

PLURALS = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    ngettext_lazy("Please correct the error below.", "Please correct the errors below.", "n"),
    # The object history page's "7 entries".
    ngettext_lazy("entry", "entries", "counter"),
]
