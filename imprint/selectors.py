"""The imprint as public pages read it: one cached row, forgotten when it is saved."""

from django.core.cache import cache

from core.cache import insisting

from .models import SINGLETON_PK, SiteSettings

CACHE_KEY = "imprint:settings:v1"
CACHE_SECONDS = 3600


def site_settings() -> SiteSettings:
    """The site settings (unsaved defaults when an administrator has not filled them)."""
    found = cache.get(CACHE_KEY)
    if found is None:
        found = SiteSettings.objects.filter(pk=SINGLETON_PK).first() or SiteSettings()
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found


def clear_site_settings_cache() -> None:
    with insisting(cache) as reached:
        reached.delete(CACHE_KEY)
