from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from articles import selectors
from newsroom import seo
from newsroom.device import render_device
from newsroom.pagination import page_path, paginate

from .models import Author


def detail(request, slug):
    """Author page: bio, photo and articles. Template: authors/detail.html."""
    author = get_object_or_404(
        Author.objects.select_related("photo").prefetch_related("photo__renditions"), slug=slug
    )
    page = paginate(request, selectors.author_articles(author=author))
    context = {
        "author": author,
        "page": page,
        "meta": seo.PageMeta(
            title=seo.page_title(author.name, _("Author")),
            description=seo.describe(author.bio)
            or _("Articles by %(author)s") % {"author": author.name},
            path=page_path(author.get_absolute_url(), page),
            image=author.photo,
            type="profile",
        ),
    }
    return render_device(request, "authors/detail.html", context)
