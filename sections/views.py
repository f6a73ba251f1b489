from django.http import Http404
from django.utils.translation import gettext as _

from articles import selectors
from newsroom import seo
from newsroom.device import render_device
from newsroom.pagination import page_path, paginate

from .selectors import section_children, section_for_page


def detail(request, slug, parent=None):
    """Section page with its child sections' articles, newest first, 20 per page.
    Template: sections/detail.html."""
    section = section_for_page(slug=slug, parent_slug=parent)
    if section is None:
        raise Http404
    page = paginate(request, selectors.section_articles(section=section))
    context = {
        "section": section,
        "page": page,
        "subsections": section_children().get(section.parent_id or section.pk, []),
        "active_section_id": section.parent_id or section.pk,
        "meta": seo.PageMeta(
            title=seo.page_title(section.name),
            description=seo.describe(section.description)
            or _("%(section)s news, updated all day.") % {"section": section.name},
            path=page_path(section.get_absolute_url(), page),
        ),
    }
    return render_device(request, "sections/detail.html", context)
