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


def reference_fold(text: str) -> str:
    """The definition, on the whole text at once: NFD, drop combining marks, NFC."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def test_every_character_folds_as_the_definition_says():
    # Every code point as one text, and the first 12,288 (Latin, Vietnamese, the marks,
    # punctuation) and a sample of the others one by one. Surrogates cannot be encoded.
    characters = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    assert fold("".join(characters)) == reference_fold("".join(characters))
    alone = characters[:0x3000] + characters[0x3000::97]
    assert [fold(ch) for ch in alone] == [reference_fold(ch) for ch in alone]
