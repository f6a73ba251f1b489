"""Reads of sections for public pages."""

from django.core.cache import cache

from .models import Section

MENU_CACHE_KEY = "sections:menu:v1"


def menu_sections():
    """Top-level active sections in menu order; cached, cleared when a section is saved."""
    sections = cache.get(MENU_CACHE_KEY)
    if sections is None:
        sections = list(Section.objects.filter(parent=None, is_active=True))
        cache.set(MENU_CACHE_KEY, sections, 600)
    return sections


def clear_menu_cache():
    cache.delete(MENU_CACHE_KEY)
