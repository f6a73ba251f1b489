from django.conf import settings

from sections.selectors import menu_sections


def site(request):
    """Site-wide values every public template uses (the menu comes from the cache)."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SOURCE_TAG": settings.SOURCE_TAG,
        "menu_sections": menu_sections,
    }
