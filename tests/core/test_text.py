import unicodedata

import pytest

from core.text import clean_text, nfc, slugify_vi, unique_slug
from sections.models import Section
from tests.factories import SectionFactory


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đổi mới công tác tuyên truyền", "doi-moi-cong-tac-tuyen-truyen"),
        (
            "Công đoàn Thủ đô chăm lo Tết cho người lao động",
            "cong-doan-thu-do-cham-lo-tet-cho-nguoi-lao-dong",
        ),
        ("ĐẠI HỘI CÔNG ĐOÀN VIỆT NAM LẦN THỨ XIII", "dai-hoi-cong-doan-viet-nam-lan-thu-xiii"),
        ("Hà Nội: Giá xăng dầu tăng 1.000 đồng/lít", "ha-noi-gia-xang-dau-tang-1-000-dong-lit"),
        ("Đường sắt Bắc - Nam tốc độ cao", "duong-sat-bac-nam-toc-do-cao"),
        ("Ưu đãi học phí cho con em đoàn viên", "uu-dai-hoc-phi-cho-con-em-doan-vien"),
        ("Nghị định 100/2019/NĐ-CP: những điểm mới", "nghi-dinh-100-2019-nd-cp-nhung-diem-moi"),
        (
            "“Giữ lửa” nghề truyền thống ở làng gốm Bát Tràng",
            "giu-lua-nghe-truyen-thong-o-lang-gom-bat-trang",
        ),
        (
            "Thể thao: Đội tuyển Việt Nam vô địch AFF Cup!",
            "the-thao-doi-tuyen-viet-nam-vo-dich-aff-cup",
        ),
        ("Quỹ “Mái ấm Công đoàn” trao 50 căn nhà", "quy-mai-am-cong-doan-trao-50-can-nha"),
        ("Kinh tế quý III tăng trưởng 7,4%", "kinh-te-quy-iii-tang-truong-7-4"),
        ("Xử lý nghiêm vi phạm nồng độ cồn", "xu-ly-nghiem-vi-pham-nong-do-con"),
    ],
)
def test_slugify_vi_real_titles(title, slug):
    assert slugify_vi(title) == slug


def test_slugify_vi_keeps_d_where_django_drops_it():
    from django.utils.text import slugify

    assert slugify("Đổi mới") == "oi-moi"  # why the project has its own function
    assert slugify_vi("Đổi mới") == "doi-moi"
    assert slugify_vi("đường đi") == "duong-di"


def test_slugify_vi_decomposed_input_gives_same_slug():
    title = "Đổi mới công tác tuyên truyền"
    decomposed = unicodedata.normalize("NFD", title)
    assert decomposed != title
    assert slugify_vi(decomposed) == "doi-moi-cong-tac-tuyen-truyen"


def test_slugify_vi_long_title_cut_at_word_boundary():
    title = " ".join(["Người lao động"] * 60)
    slug = slugify_vi(title)
    assert len(slug) <= 255
    assert len(slug) > 240
    assert not slug.endswith("-")
    assert slug.split("-")[-1] in {"nguoi", "lao", "dong"}


def test_slugify_vi_of_symbols_only_is_empty():
    assert slugify_vi("!!! ??? …") == ""


def test_nfc_normalises_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Tiếng Việt")
    assert nfc(decomposed) == "Tiếng Việt"
    assert len(nfc(decomposed)) < len(decomposed)


@pytest.mark.django_db
def test_colliding_titles_get_suffixes():
    first = SectionFactory(name="Công đoàn")
    second = SectionFactory(name="Công Đoàn")
    third = SectionFactory(name="công đoàn")
    assert [first.slug, second.slug, third.slug] == ["cong-doan", "cong-doan-2", "cong-doan-3"]


@pytest.mark.django_db
def test_unique_slug_ignores_the_row_itself():
    section = SectionFactory(name="Xã hội")
    assert unique_slug(Section, "Xã hội", instance_pk=section.pk) == "xa-hoi"


@pytest.mark.django_db
def test_unique_slug_suffix_fits_max_length():
    long_name = "Đoàn " * 100
    SectionFactory(name="Đoàn", slug=slugify_vi(long_name))
    slug = unique_slug(Section, long_name)
    assert len(slug) <= 255
    assert slug.endswith("-2")


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Hội nghị\x0btổng kết", "Hội nghị tổng kết"),  # Word's Shift+Enter
        ("Trang một\x0cTrang hai", "Trang một Trang hai"),
        ("Dòng\u2028mới\u2029đoạn\x85cuối", "Dòng mới đoạn cuối"),
        ("Tiêu\x00 đề\x07\x1b\x7f\x9f", "Tiêu đề"),
        ("Lỗi\ud800 giải mã\udfff", "Lỗi giải mã"),
        ("Phi ký tự\uffff\ufffe\ufdd0\U0010ffff", "Phi ký tự"),
        ("Giữ\ttab\nvà xuống dòng\r\n", "Giữ\ttab\nvà xuống dòng\r\n"),
        (unicodedata.normalize("NFD", "Công đoàn"), "Công đoàn"),
        ("Bình thường 😀 €", "Bình thường 😀 €"),
    ],
)
def test_clean_text_keeps_text_and_drops_controls(raw, stored):
    assert clean_text(raw) == stored


def test_clean_text_leaves_non_strings_alone():
    assert clean_text(None) is None
    assert clean_text(5) == 5


@pytest.mark.django_db
def test_every_text_field_is_stored_clean():
    section = SectionFactory(name="Xã\x0bhội\x00")
    section.refresh_from_db()
    assert section.name == "Xã hội"
