"""Reads of sections for public pages."""

from django.core.cache import cache

from core.cache import insisting

from .models import Section

MENU_CACHE_KEY = "sections:menu:v1"
CHILDREN_CACHE_KEY = "sections:children:v1"


def menu_sections() -> list[Section]:
    """Top-level active sections in menu order; cached, cleared when a section is saved."""
    sections = cache.get(MENU_CACHE_KEY)
    if sections is None:
        sections = list(Section.objects.filter(parent=None, is_active=True))
        cache.set(MENU_CACHE_KEY, sections, 600)
    return sections


def section_children() -> dict[int, list[Section]]:
    """{parent id: [active child sections in menu order]}; cached like the menu."""
    children = cache.get(CHILDREN_CACHE_KEY)
    if children is None:
        children = {}
        active = Section.objects.filter(parent__isnull=False, is_active=True)
        for child in active.select_related("parent"):
            children.setdefault(child.parent_id, []).append(child)
        cache.set(CHILDREN_CACHE_KEY, children, 600)
    return children


def clear_menu_cache() -> None:
    """Forget the cached menu and children (a section was saved or deleted)."""
    with insisting(cache) as reached:
        reached.delete_many([MENU_CACHE_KEY, CHILDREN_CACHE_KEY])


def section_for_page(*, slug: str, parent_slug: str | None = None) -> Section | None:
    """An active section by its URL (/<slug>/ or /<parent>/<slug>/), or None."""
    qs = Section.objects.select_related("parent").filter(slug=slug, is_active=True)
    if parent_slug:
        qs = qs.filter(parent__slug=parent_slug, parent__is_active=True)
    else:
        qs = qs.filter(parent=None)
    return qs.first()


def section_by_slug(*, slug: str) -> Section | None:
    """An active section by its slug alone (slugs are unique), or None: for feeds."""
    return Section.objects.select_related("parent").filter(slug=slug, is_active=True).first()
