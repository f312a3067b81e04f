"""The kernel's diacritic folding (helpdesk/folding.py): table-driven, no database."""

import unicodedata

import pytest

from helpdesk.folding import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đăng ký thuế", "Dang ky thue"),
        ("quyền sử dụng đất", "quyen su dung dat"),
        ("ĐẤT ĐAI", "DAT DAI"),
        ("Nguyễn Thị Ánh Tuyết", "Nguyen Thi Anh Tuyet"),
        ("thu tuc", "thu tuc"),
        ("", ""),
    ],
)
def test_it_removes_every_mark_and_maps_d_stroke_keeping_case(text, folded):
    assert fold(text) == folded


def test_text_typed_in_nfd_folds_like_nfc():
    text = "Thủ tục cấp sổ đỏ"

    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "Thu tuc cap so do"
