import pytest

from core.sanitize import sanitize_html
from tests.factories import ArticleFactory

HOSTILE = [
    '<p>Tin<script>alert("xss")</script></p>',
    '<img src="x.jpg" onerror="alert(1)">',
    '<a href="javascript:alert(1)">Bấm vào đây</a>',
    '<a href="JaVaScRiPt:alert(1)">hoa thường lẫn lộn</a>',
    '<a href="&#106;avascript:alert(1)">thực thể HTML</a>',
    "<style>body{display:none}</style><p>Ẩn trang</p>",
    '<iframe src="https://evil.example.com/phish"></iframe>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<svg onload="alert(1)"><circle r="5"/></svg>',
    '<p style="background:url(javascript:alert(1));color:red">kiểu</p>',
    '<div onmouseover="steal()">Di chuột</div>',
    '<form action="https://evil.example.com"><input name="pw"></form>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style>"
    "</mglyph></table></mtext></math>",
    '<base href="https://evil.example.com/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example.com">',
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_html_is_neutralised(payload):
    cleaned = sanitize_html(payload).lower()
    for needle in (
        "<script",
        "javascript:",
        "onerror",
        "onload",
        "onmouseover",
        "<style",
        "evil.example",
        "<svg",
        "<form",
        "<object",
        "<embed",
        "<base",
        "<meta",
        "data:text/html",
    ):
        assert needle not in cleaned, (needle, cleaned)


def test_safe_markup_survives():
    html = (
        '<h2>Tiêu đề phụ</h2><p style="text-align:center"><strong>Đậm</strong> và '
        '<em>nghiêng</em> <a href="https://example.com/bai-viet">liên kết</a></p>'
        '<figure><img src="/media/images/a.jpg" alt="Ảnh" width="960" height="540">'
        "<figcaption>Chú thích ảnh</figcaption></figure>"
        "<blockquote>Trích dẫn</blockquote><ul><li>Một</li></ul>"
        "<table><tr><td>Ô</td></tr></table>"
    )
    cleaned = sanitize_html(html)
    for kept in (
        "<h2>",
        'style="text-align:center"',
        "<strong>Đậm</strong>",
        "<em>",
        'href="https://example.com/bai-viet"',
        'alt="Ảnh"',
        "<figcaption>",
        "<blockquote>",
        "<li>Một</li>",
        "<td>Ô</td>",
    ):
        assert kept in cleaned


def test_youtube_iframe_allowed_other_hosts_lose_src():
    html = (
        '<iframe src="https://www.youtube.com/embed/abc123" allowfullscreen></iframe>'
        '<iframe src="http://www.youtube.com/embed/insecure"></iframe>'
    )
    cleaned = sanitize_html(html)
    assert 'src="https://www.youtube.com/embed/abc123"' in cleaned
    assert "insecure" not in cleaned


def test_links_get_noopener():
    cleaned = sanitize_html('<a href="https://example.com" target="_blank">x</a>')
    assert 'rel="noopener noreferrer"' in cleaned


def test_style_keeps_only_layout_properties():
    cleaned = sanitize_html('<p style="text-align:right;position:fixed;top:0">x</p>')
    assert "text-align:right" in cleaned
    assert "position" not in cleaned


@pytest.mark.django_db
def test_article_body_is_sanitised_on_every_save():
    article = ArticleFactory(body='<p onclick="x()">Nội dung</p><script>alert(1)</script>')
    article.refresh_from_db()
    assert article.body == "<p>Nội dung</p>"
    article.body = '<img src="a.jpg" onerror="alert(1)">'
    article.save()
    article.refresh_from_db()
    assert "onerror" not in article.body
