"""A stale save becomes a merge: fields only one side changed merge by themselves,
conflicts are shown side by side and resolved per field, nothing typed is lost, and
the save lands on top of the newest version."""

import pytest
from django.urls import reverse

from articles import services
from articles.admin import merge
from articles.models import Article, ArticleAuthor
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, UserFactory, role_group

from .test_admin_workflow import change_url, form_data

S = Article.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def other_editor(db):
    user = UserFactory(username="lan", first_name="Lan", last_name="Nguyễn")
    user.groups.add(role_group("Biên tập viên"))
    return user


@pytest.fixture
def article(reporter):
    return ArticleFactory(
        title="Tiêu đề gốc",
        sapo="Sapo gốc của bài viết.",
        body="<p>Đoạn một.</p>\n\n<p>Đoạn hai.</p>",
        status=S.PENDING,
        published_at=None,
        created_by=reporter,
    )


def opened(article, user):
    """What the form posts for article as it is now (the copy user opens), with the
    revision that version is stored as."""
    services.article_save(article=article, user=user, base_version=None)
    article.refresh_from_db()
    return form_data(article, editor=True)


def save_as(user, article, **changes):
    stored = Article.objects.get(pk=article.pk)
    for name, value in changes.items():
        setattr(stored, name, value)
    return services.article_save(article=stored, user=user, base_version=stored.version)


def resubmit(client, article, response, **extra):
    """Post again the form the merge screen shows (what the browser would send)."""
    data = dict(response.context["adminform"].form.data.lists())
    data.update({k: [v] for k, v in extra.items()})
    return client.post(change_url(article), data)


def test_fields_only_one_side_changed_merge_by_themselves(client, editor, other_editor, article):
    mine = opened(article, editor)
    save_as(other_editor, article, title="Tiêu đề do Lan sửa")
    client.force_login(editor)
    response = client.post(change_url(article), {**mine, "sapo": "Sapo do tôi viết lại."})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gộp với bản mới hơn" in html and "Lan Nguyễn" in html
    plan = response.context["merge"]
    assert [f.name for f in plan.taken] == ["title"]
    assert [f.name for f in plan.kept] == ["sapo"]
    assert plan.conflicts == []
    form = response.context["adminform"].form
    assert form["title"].value() == "Tiêu đề do Lan sửa"
    assert form["sapo"].value() == "Sapo do tôi viết lại."
    assert form["base_version"].value() == str(Article.objects.get(pk=article.pk).version)
    assert resubmit(client, article, response).status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.sapo) == ("Tiêu đề do Lan sửa", "Sapo do tôi viết lại.")


def test_a_conflict_shows_both_versions_and_keeps_mine_in_the_form(
    client, editor, other_editor, article
):
    mine = opened(article, editor)
    save_as(other_editor, article, title="Công đoàn Thủ đô chăm lo Tết")
    client.force_login(editor)
    response = client.post(
        change_url(article), {**mine, "title": "Công đoàn thành phố chăm lo Tết"}
    )
    plan = response.context["merge"]
    assert [f.name for f in plan.conflicts] == ["title"]
    html = response.content.decode()
    assert 'name="_merge_title" value="theirs"' in html
    assert "<del>Thủ đô</del>" in html and "<ins>thành phố</ins>" in html
    assert response.context["adminform"].form["title"].value() == "Công đoàn thành phố chăm lo Tết"
    assert Article.objects.get(pk=article.pk).title == "Công đoàn Thủ đô chăm lo Tết"
    # Keep mine: the save goes on top of Lan's version.
    assert resubmit(client, article, response, _merge_title="mine").status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Công đoàn thành phố chăm lo Tết"


def test_take_theirs_uses_the_stored_value(client, editor, other_editor, article):
    mine = opened(article, editor)
    save_as(other_editor, article, body="<p>Đoạn một.</p><p>Đoạn hai của Lan.</p>")
    client.force_login(editor)
    response = client.post(
        change_url(article),
        {**mine, "body": "<p>Đoạn một.</p><p>Đoạn hai của tôi.</p>", "sapo": "Sapo của tôi."},
    )
    assert [f.name for f in response.context["merge"].conflicts] == ["body"]
    assert resubmit(client, article, response, _merge_body="theirs").status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert "Đoạn hai của Lan." in stored.body and stored.sapo == "Sapo của tôi."


def test_reformatted_body_is_not_a_change(client, editor, other_editor, article):
    mine = opened(article, editor)
    save_as(other_editor, article, body="<p>Đoạn một.</p><p>Đoạn hai, Lan sửa.</p>")
    client.force_login(editor)
    # The same body as opened, laid out differently by the editor widget.
    response = client.post(
        change_url(article), {**mine, "body": "<p>Đoạn một.</p><p>Đoạn hai.</p>"}
    )
    assert [f.name for f in response.context["merge"].taken] == ["body"]


def test_relations_merge_and_stale_inline_rows_reach_the_merge(
    client, editor, other_editor, article
):
    first, second = AuthorFactory(name="Bảo Dương"), AuthorFactory(name="Minh Anh")
    ArticleAuthor.objects.create(article=article, author=first, position=0)
    mine = opened(article, editor)
    row = ArticleAuthor.objects.get(article=article)
    mine.update(
        {
            "article_authors-TOTAL_FORMS": 1,
            "article_authors-INITIAL_FORMS": 1,
            "article_authors-0-id": row.pk,
            "article_authors-0-article": article.pk,
            "article_authors-0-author": first.pk,
            "article_authors-0-position": 0,
        }
    )
    # Lan adds a second author and moves the section: the rows are written anew.
    stored = Article.objects.get(pk=article.pk)
    stored.section = SectionFactory(name="Xã hội")
    services.article_save(
        article=stored, user=other_editor, base_version=stored.version, authors=[first, second]
    )
    assert not ArticleAuthor.objects.filter(pk=row.pk).exists()
    client.force_login(editor)
    response = client.post(change_url(article), {**mine, "title": "Tiêu đề của tôi"})
    assert response.status_code == 200
    plan = response.context["merge"]
    assert {f.name for f in plan.taken} == {"authors", "section"}
    assert [f.name for f in plan.kept] == ["title"]
    assert resubmit(client, article, response).status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert stored.title == "Tiêu đề của tôi" and stored.section.name == "Xã hội"
    assert [a.name for a in stored.ordered_authors] == ["Bảo Dương", "Minh Anh"]


def test_choices_are_ignored_when_the_form_is_stale_again(client, editor, other_editor, article):
    mine = opened(article, editor)
    save_as(other_editor, article, title="Bản hai của Lan")
    client.force_login(editor)
    response = client.post(change_url(article), {**mine, "title": "Bản của tôi"})
    save_as(other_editor, article, title="Bản ba của Lan")
    again = resubmit(client, article, response, _merge_title="theirs")
    assert again.status_code == 200  # merged anew against version three
    assert again.context["adminform"].form["title"].value() == "Bản của tôi"
    assert Article.objects.get(pk=article.pk).title == "Bản ba của Lan"


def test_reporter_cannot_take_fields_outside_their_form(client, reporter, editor, article):
    draft = ArticleFactory(status=S.DRAFT, published_at=None, created_by=reporter)
    data = opened(draft, reporter)
    del data["published_at_0"], data["published_at_1"]
    client.force_login(reporter)
    data = {**data, "_merge_published_at": "theirs", "_merge_is_featured": "theirs"}
    assert client.post(change_url(draft), data).status_code == 302
    stored = Article.objects.get(pk=draft.pk)
    assert (stored.published_at, stored.is_featured) == (None, False)


@pytest.mark.parametrize(
    ("base", "mine", "theirs", "expected"),
    [
        ("a", "a", "a", merge.SAME),
        ("a", "b", "b", merge.SAME),
        ("a", "a", "b", merge.THEIRS),
        ("a", "b", "a", merge.MINE),
        ("a", "b", "c", merge.CONFLICT),
        (merge.UNKNOWN, "b", "c", merge.CONFLICT),
        (merge.UNKNOWN, "b", "b", merge.SAME),
    ],
)
def test_outcome(base, mine, theirs, expected):
    assert merge.outcome(base, mine, theirs) == expected


def test_merge_screen_urls(client, editor, article):
    client.force_login(editor)
    assert (
        client.get(reverse("admin:articles_article_change", args=[article.pk])).status_code == 200
    )
