from django.shortcuts import render

from articles import selectors


def home(request):
    """Home page: the newest published articles. Template: home.html."""
    articles = selectors.latest_articles(limit=30)
    return render(request, "home.html", {"articles": articles})
