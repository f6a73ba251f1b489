"""Who has an article open for editing: a heartbeat kept in the shared cache.

Each open form (one browser tab) beats every HEARTBEAT seconds; its entry lives in the
article's cache entry, keyed by user and tab, with the time it was last seen. An entry
not seen for EXPIRES seconds is gone (a closed tab also says goodbye, when it can), so a
name disappears within a minute of the tab closing. The cache is Django's default one:
Redis in production, shared by every app server. It is advisory only (no lock: anyone
may still open and save), so a cache that fails means nobody is shown, never an error.

Two beats at the same instant may both read the entry and one write win; the loser is
back at its next beat (HEARTBEAT seconds later), well within EXPIRES.
"""

import logging
import time
from collections.abc import Iterable

from django.core.cache import cache

from .people import display_name

HEARTBEAT = 15
EXPIRES = 45
KEY = "presence:article:{}"
logger = logging.getLogger(__name__)


def _key(article_id):
    return KEY.format(int(article_id))


def _alive(entries, now):
    return {tab: e for tab, e in (entries or {}).items() if now - e["seen"] < EXPIRES}


def beat(article_id: int, user, tab: str, *, now: float | None = None) -> None:
    """Record that user has article_id open in tab (a short id the page chose)."""
    now = time.time() if now is None else now
    slot = f"{user.pk}:{tab}"
    try:
        entries = _alive(cache.get(_key(article_id)), now)
        since = entries.get(slot, {}).get("since", now)
        entries[slot] = {"user": user.pk, "name": display_name(user), "since": since, "seen": now}
        cache.set(_key(article_id), entries, timeout=EXPIRES + HEARTBEAT)
    except Exception:  # advisory: a failing cache shows nobody
        logger.warning("presence: cache unavailable", exc_info=True)


def leave(article_id: int, user, tab: str, *, now: float | None = None) -> None:
    """Forget user's tab on article_id (the page is closing)."""
    now = time.time() if now is None else now
    try:
        entries = _alive(cache.get(_key(article_id)), now)
        if entries.pop(f"{user.pk}:{tab}", None) is not None:
            cache.set(_key(article_id), entries, timeout=EXPIRES + HEARTBEAT)
    except Exception:
        logger.warning("presence: cache unavailable", exc_info=True)


def editors(
    article_ids: Iterable[int], *, exclude_user=None, now: float | None = None
) -> dict[int, list[dict]]:
    """{article id: [{"user", "name", "since"}]} of who has each article open, one entry
    per person (their earliest tab), earliest first; exclude_user left out."""
    now = time.time() if now is None else now
    ids = [int(pk) for pk in article_ids]
    try:
        found = cache.get_many([_key(pk) for pk in ids]) if ids else {}
    except Exception:
        logger.warning("presence: cache unavailable", exc_info=True)
        return {}
    result = {}
    for pk in ids:
        people = {}
        for entry in _alive(found.get(_key(pk)), now).values():
            if exclude_user is not None and entry["user"] == exclude_user.pk:
                continue
            known = people.get(entry["user"])
            if known is None or entry["since"] < known["since"]:
                people[entry["user"]] = entry
        if people:
            entries = sorted(people.values(), key=lambda e: e["since"])
            result[pk] = [
                {"user": e["user"], "name": e["name"], "since": e["since"]} for e in entries
            ]
    return result
