"""What the article form's and list's scripts are told (static/js/article-form.js,
autosave.js, presence.js): URLs, browser storage keys and their Vietnamese texts, as
JSON the templates render with json_script; and the list that knows who is editing."""

from django.contrib.admin.views.main import ChangeList
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import presence
from .presence import described

# The session flag telling the next form page which browser copies a save has made
# obsolete, so autosave.js drops them.
AUTOSAVE_SAVED = "article_autosave_saved"
AUTOSAVE_EVERY = 5  # seconds


def autosave_key(user, article_key) -> str:
    """The browser storage key of user's unsaved copy of an article ("new": the add form)."""
    return f"newsroom:autosave:{user.pk}:{article_key}"


def mark_saved(request, article, *, added=False) -> None:
    """After a save: the next form page drops the copies it made obsolete (for the add
    form's first save, the "new" copy too)."""
    keys = [article.pk, "new"] if added else [article.pk]
    request.session[AUTOSAVE_SAVED] = [autosave_key(request.user, key) for key in keys]


def editing_now(request, article) -> list[dict]:
    """Who else has article open, as the pages show it."""
    found = presence.editors([article.pk], exclude_user=request.user).get(article.pk, [])
    return [described(entry) for entry in found]


def form_config(request, article, *, editing: bool) -> dict:
    """The form's scripts' settings (#article-desk)."""
    saved = request.session.pop(AUTOSAVE_SAVED, None) if request.method == "GET" else None
    config = {
        "article": article.pk if article is not None else None,
        "user": request.user.pk,
        # A form sent back by the server (an error, the merge screen) holds the user's
        # newest work: autosave keeps it rather than offering an older copy.
        "posted": request.method == "POST",
        "autosave": {
            "enabled": editing,
            "key": autosave_key(request.user, article.pk if article is not None else "new"),
            "saved": saved or [],
            "every": AUTOSAVE_EVERY,
            "prompt": _("Restore the unsaved copy from %(time)s?"),
            "restored": _("The unsaved copy is back in the form. Save to keep it."),
        },
        "counters": {
            "text": _("%(count)s characters (recommended %(min)s–%(max)s)"),
            "short": _("shorter than recommended"),
            "long": _("longer than recommended"),
        },
    }
    if article is not None:
        config["presence"] = {
            "beat": reverse("admin:articles_article_presence", args=[article.pk]),
            "leave": reverse("admin:articles_article_presence_leave", args=[article.pk]),
            "every": presence.HEARTBEAT,
        }
    return config


def list_config() -> dict:
    """The list's script settings (#article-presence)."""
    return {"list": reverse("admin:articles_article_presence_list"), "every": presence.HEARTBEAT}


class DeskChangeList(ChangeList):
    """The article list, each row told who has the article open (one cache read)."""

    def get_results(self, request):
        super().get_results(request)
        found = presence.editors([obj.pk for obj in self.result_list], exclude_user=request.user)
        for obj in self.result_list:
            obj.editing_now = [described(e) for e in found.get(obj.pk, [])]
