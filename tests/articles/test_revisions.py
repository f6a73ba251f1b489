"""The one word-level diff: insertions and deletions marked inline, everything escaped,
whole words, the text's own spacing and paragraphs kept."""

import pytest

from articles import services
from articles.revisions import BOTH, NEW, OLD, diff, word_diff
from tests.factories import ArticleFactory


def test_marks_whole_words_inline():
    html = word_diff("Công đoàn Thủ đô tổ chức hội nghị", "Công đoàn thành phố tổ chức hội nghị")
    assert html == "Công đoàn <del>Thủ đô</del><ins>thành phố</ins> tổ chức hội nghị"


def test_escapes_everything():
    html = word_diff("<b>a</b> & b", '<script>alert("x")</script> & b')
    bare = html.replace("<del>", "").replace("</del>", "").replace("<ins>", "")
    assert "<" not in bare.replace("</ins>", "")
    assert "&lt;" in html and "&amp; b" in html and "&quot;x&quot;" in html


def test_sides_for_the_merge_screen():
    old, new = "Lương tăng 5% từ tháng 7", "Lương tăng 7% từ tháng 7 năm nay"
    assert word_diff(old, new, show=OLD) == "Lương tăng <del>5</del>% từ tháng 7"
    assert word_diff(old, new, show=NEW) == "Lương tăng <ins>7</ins>% từ tháng 7 <ins>năm nay</ins>"
    assert word_diff(old, new, show=BOTH).count("<del>") == 1


def test_long_lines_are_never_cut_and_paragraphs_stay():
    long = " ".join(["người lao động"] * 80)
    html = word_diff(long + "\nĐoạn hai.", long + " mới\nĐoạn hai.")
    assert "\n" in html and html.endswith("<ins>mới</ins>\nĐoạn hai.")
    assert "&nbsp;" not in html and "<table" not in html


def test_long_bodies_diff_words_not_characters():
    # autojunk off: frequent words in a long body still match.
    words = ["và", "của", "công", "đoàn"] * 200
    html = word_diff(" ".join(words), " ".join([*words[:400], "MỚI", *words[400:]]))
    assert html.count("<ins>") == 1 and "<del>" not in html


@pytest.mark.django_db
def test_revision_diff_per_field(reporter):
    article = ArticleFactory(status="draft", published_at=None, created_by=reporter)
    article.body = "<p>Đoạn một.</p><p>Đoạn hai.</p>"
    services.article_save(article=article, user=reporter, base_version=article.version)
    article.body = "<p>Đoạn một.</p><p>Đoạn hai đã sửa.</p>"
    article.seo_title = "Tít SEO"
    services.article_save(article=article, user=reporter, base_version=article.version)
    old, new = article.revisions.order_by("version")
    rows = dict(diff(old, new))
    assert rows["Tiêu đề"] is None
    assert rows["Nội dung"] == "Đoạn một.\nĐoạn hai <ins>đã sửa</ins>."
    assert rows["Tiêu đề SEO"] == "<ins>Tít SEO</ins>"
