from django.shortcuts import get_object_or_404, render

from articles import selectors
from articles.views import paginate

from .models import Author


def detail(request, slug):
    """Author page: bio, photo and articles. Template: authors/detail.html."""
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    page = paginate(request, selectors.public_articles().filter(authors=author))
    return render(request, "authors/detail.html", {"author": author, "page": page})
