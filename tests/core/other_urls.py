"""A URL conf with another shape of the article address (tests/core/test_reversing.py)."""

from django.http import HttpResponse
from django.urls import include, path


def view(request, **kwargs):
    return HttpResponse()


urlpatterns = [
    path("", include(([path("bai/<int:pk>/<slug:slug>/", view, name="detail")], "articles")))
]
