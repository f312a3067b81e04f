"""Shared input rules: Vietnamese phone numbers and text without control characters."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from questions.validators import normalize_phone, validate_no_control_characters

PHONES = [
    ("0912345678", "0912345678"),
    ("0912 345 678", "0912345678"),
    ("0912.345.678", "0912345678"),
    ("0912-345-678", "0912345678"),
    ("+84912345678", "0912345678"),
    ("+84 912 345 678", "0912345678"),
    ("84912345678", "0912345678"),
    ("(+84) 912 345 678", "0912345678"),
    ("0351234567", "0351234567"),
    ("0561234567", "0561234567"),
    ("0701234567", "0701234567"),
    ("0861234567", "0861234567"),
    ("024 3825 1234", "02438251234"),
    ("028 3829 1234", "02838291234"),
    ("+84 24 3825 1234", "02438251234"),
    ("842438251234", "02438251234"),
    (" 0912345678 ", "0912345678"),
]


@pytest.mark.parametrize(("raw", "expected"), PHONES)
def test_a_vietnamese_phone_number_is_accepted_and_normalised(raw, expected):
    assert normalize_phone(raw) == expected


NOT_PHONES = [
    "",
    "12345",
    "0112345678",  # no such prefix
    "0412345678",
    "0612345678",
    "091234567",  # too short
    "09123456789",  # too long for a mobile
    "0912abc678",
    "không có",
    "phone: 0912345678",
    "+1 415 555 0100",
    "1900 1234",  # a hotline, not a citizen's phone
    "09\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18",  # full-width digits
    "09\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668",  # Arabic-Indic digits
    "0912345678\x00",
]


@pytest.mark.parametrize("raw", NOT_PHONES)
def test_anything_else_is_refused_with_an_example_of_a_valid_number(raw):
    with pytest.raises(ValidationError) as refused:
        normalize_phone(raw)

    assert refused.value.code == "phone"
    assert "0912 345 678" in refused.value.messages[0]


ALLOWED_TEXT = [
    "Xin hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất?",
    "Dòng một\nDòng hai\r\nDòng ba\tcó tab",
    "Giá 1.000.000 đồng – theo Nghị định 15/2021/NĐ-CP (Điều 3).",
    "Emoji 🙂 and English",
    "",
]


@pytest.mark.parametrize("text", ALLOWED_TEXT)
def test_ordinary_text_with_line_breaks_and_tabs_is_allowed(text):
    validate_no_control_characters(text)


CONTROL = [
    "nul\x00byte",
    "bell\x07",
    "escape\x1b[31mred",
    "backspace\x08",
    "vertical\x0btab",
    "form\x0cfeed",
    "delete\x7f",
    "c1\x85next-line",
    "c1\x9bcsi",
    "phone 876 543 219\u202e0",  # right-to-left override: displays reversed
    "isolate\u2066x\u2069",
]


@pytest.mark.parametrize("text", CONTROL, ids=[repr(t) for t in CONTROL])
def test_control_characters_are_refused(text):
    with pytest.raises(ValidationError) as refused:
        validate_no_control_characters(text)

    assert refused.value.code == "control"
