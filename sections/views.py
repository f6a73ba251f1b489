from django.shortcuts import get_object_or_404, render

from articles import selectors
from articles.views import paginate

from .models import Section


def detail(request, slug, parent=None):
    """Section page, newest first, 20 per page. Template: sections/detail.html."""
    section = get_object_or_404(
        Section.objects.select_related("parent"),
        slug=slug,
        is_active=True,
        **({"parent__slug": parent} if parent else {"parent": None}),
    )
    page = paginate(request, selectors.section_articles(section=section))
    return render(request, "sections/detail.html", {"section": section, "page": page})
