"""Dates dd/mm/yyyy and 24-hour times in both languages (English must not turn American)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import formats, translation

EVENING = datetime(2026, 12, 15, 21, 13, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("SHORT_DATE_FORMAT", "15/12/2026"),
        ("DATE_FORMAT", "15/12/2026"),
        ("SHORT_DATETIME_FORMAT", "21:13 15/12/2026"),
        ("DATETIME_FORMAT", "21:13 15/12/2026"),
    ],
)
def test_dates_are_day_first_and_times_24_hour(language, fmt, expected):
    with translation.override(language):
        assert formats.date_format(EVENING, fmt) == expected


def test_an_english_time_is_24_hour():
    with translation.override("en"):
        assert formats.time_format(EVENING.time()) == "21:13"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_typed_day_first_date_is_read_day_first(language):
    from django import forms

    with translation.override(language):
        assert forms.DateField().clean("03/02/2026").month == 2
