import pytest

from articles.models import Tag
from articles.tagging import format_tags, parse_tags


@pytest.mark.parametrize(
    ("typed", "tags"),
    [
        ("Công đoàn", ["Công đoàn"]),
        ("Công đoàn, người lao động", ["Công đoàn", "người lao động"]),
        (" an toàn  giao thông ,, Hà Nội ,", ["Hà Nội", "an toàn giao thông"]),
        ("", []),
        (" , ", []),
    ],
)
def test_tags_are_separated_by_commas_only(typed, tags):
    assert parse_tags(typed) == tags


def test_tags_are_shown_without_quotes():
    tags = [Tag(name="người lao động"), Tag(name="Công đoàn")]
    assert format_tags(tags) == "Công đoàn, người lao động"


def test_admin_form_keeps_multi_word_tags(db):
    from articles.forms import ArticleAdminForm

    field = ArticleAdminForm.base_fields["tags"]
    assert field.clean("Công đoàn, an toàn lao động") == ["Công đoàn", "an toàn lao động"]
