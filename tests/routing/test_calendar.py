"""The working-day calendar (docs/design.md#legal-facts): table-driven, no database.

Dates below were checked against the announcements listed in routing/calendar_data.py; the
comment on each table says which fact it pins and how sure we are of it.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime

import pytest

from routing.calendar import (
    DayReason,
    Override,
    WorkingCalendar,
    announced_overrides,
    default_calendar,
)
from routing.calendar_data import ANNOUNCED_DAYS, AnnouncedDay

CALENDAR = default_calendar()


def d(iso: str) -> date:
    return date.fromisoformat(iso)


# --- the facts of 2025 and 2026 --------------------------------------------------------------


@pytest.mark.parametrize(
    "day", ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]
)
def test_it_skips_tet_2026_monday_to_friday(day):
    # Tết Bính Ngọ: 5 weekdays off, Mon 16 - Fri 20 February (9 days with the weekends).
    assert not CALENDAR.is_working_day(d(day))


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        ("2026-02-13", 1, "2026-02-23"),  # received the Friday before Tết
        ("2026-02-12", 2, "2026-02-23"),
        ("2026-02-17", 1, "2026-02-23"),  # received on Tết itself
        ("2026-02-23", 0, "2026-02-23"),
    ],
)
def test_it_skips_tet_2026(start, n, due):
    assert CALENDAR.add_working_days(d(start), n) == d(due)


@pytest.mark.parametrize(
    ("day", "is_working"),
    [
        ("2026-04-24", True),  # Friday before
        ("2026-04-26", False),  # Hùng Kings' day, 10/3 Bính Ngọ, a Sunday
        ("2026-04-27", False),  # made up on the next working day (Labour Code Art. 111(3))
        ("2026-04-28", True),
        ("2026-04-29", True),  # no swap around 30/4-1/5/2026
        ("2026-04-30", False),
        ("2026-05-01", False),
        ("2026-05-04", True),
    ],
)
def test_hung_kings_2026_falls_on_sunday_so_monday_27_april_is_off(day, is_working):
    assert CALENDAR.is_working_day(d(day)) is is_working


def test_hung_kings_make_up_day_says_why():
    assert "Hùng Vương" in CALENDAR.reason(d("2026-04-27"))


@pytest.mark.parametrize(
    ("day", "is_working"),
    [
        # Quốc khánh 2026 (2/9 a Wednesday): Tue 1/9 + Wed 2/9 by law, and Mon 31/8 swapped
        # for Sat 22/8 (Thông báo 9441/TB-BNV as secondary sources give it; medium-high
        # confidence). There is no Friday-4/9 swap.
        ("2026-08-21", True),
        ("2026-08-22", True),  # làm bù Saturday
        ("2026-08-23", False),
        ("2026-08-28", True),
        ("2026-08-29", False),
        ("2026-08-31", False),
        ("2026-09-01", False),
        ("2026-09-02", False),
        ("2026-09-03", True),
        ("2026-09-04", True),
        ("2026-09-05", False),
    ],
)
def test_national_day_2026_swaps_monday_31_august_for_saturday_22_august(day, is_working):
    assert CALENDAR.is_working_day(d(day)) is is_working


@pytest.mark.parametrize(
    ("day", "is_working"),
    [
        # New Year 2026: Fri 2/1 off, swapped for Sat 10/1 — not Sat 27/12/2025
        # (Công văn 12729/VPCP-KGVX of 25/12/2025; high confidence).
        ("2025-12-27", False),
        ("2026-01-01", False),
        ("2026-01-02", False),
        ("2026-01-05", True),
        ("2026-01-10", True),
        ("2026-01-11", False),
    ],
)
def test_new_year_2026_swaps_friday_2_january_for_saturday_10_january(day, is_working):
    assert CALENDAR.is_working_day(d(day)) is is_working


@pytest.mark.parametrize(
    ("day", "is_working"),
    [
        # Tết Ất Tỵ 2025: Mon 27 - Fri 31 January (Thông báo 6150/TB-BLĐTBXH), no swap.
        ("2025-01-24", True),
        ("2025-01-27", False),
        ("2025-01-31", False),
        ("2025-02-03", True),
        # 30/4-1/5/2025: Fri 2/5 off, swapped for Sat 26/4 (same notice).
        ("2025-04-26", True),
        ("2025-04-30", False),
        ("2025-05-01", False),
        ("2025-05-02", False),
        ("2025-05-05", True),
        # Quốc khánh 2025: Mon 1/9 + Tue 2/9 by law, no swap, so no working Saturday 6/9.
        ("2025-08-29", True),
        ("2025-09-01", False),
        ("2025-09-02", False),
        ("2025-09-03", True),
        ("2025-09-06", False),
    ],
)
def test_it_follows_the_2025_announcements(day, is_working):
    assert CALENDAR.is_working_day(d(day)) is is_working


@pytest.mark.parametrize(
    ("year", "weekdays_off"),
    [
        (
            2025,
            [
                *("01-01", "01-27", "01-28", "01-29", "01-30", "01-31", "04-07", "04-30"),
                *("05-01", "05-02", "09-01", "09-02"),
            ],
        ),
        (
            2026,
            [
                *("01-01", "01-02", "02-16", "02-17", "02-18", "02-19", "02-20", "04-27"),
                *("04-30", "05-01", "08-31", "09-01", "09-02", "11-24"),
            ],
        ),
    ],
)
def test_it_lists_the_weekdays_off_of_a_year(year, weekdays_off):
    listed = CALENDAR.non_working_weekdays(year)
    assert [day for day, _ in listed] == [d(f"{year}-{md}") for md in weekdays_off]
    assert all(reason for _, reason in listed)


@pytest.mark.parametrize(
    ("year", "working_weekend_days"),
    [(2025, ["2025-04-26"]), (2026, ["2026-01-10", "2026-08-22"])],
)
def test_it_lists_the_working_saturdays_of_a_year(year, working_weekend_days):
    listed = CALENDAR.working_weekend_days(year)
    assert [day for day, _ in listed] == [d(day) for day in working_weekend_days]
    assert all("Làm bù" in reason for _, reason in listed)


# --- counting --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        ("2026-11-20", 1, "2026-11-23"),  # Friday → Monday
        ("2026-11-20", 2, "2026-11-25"),  # … and over Ngày Văn hóa Việt Nam, Tue 24/11/2026
        ("2026-11-16", 5, "2026-11-23"),
        ("2026-11-20", 0, "2026-11-20"),
    ],
)
def test_a_question_received_on_friday_counts_from_the_next_working_day(start, n, due):
    assert CALENDAR.add_working_days(d(start), n) == d(due)


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        ("2026-01-01", 1, "2026-01-05"),  # New Year: 2/1 swapped off, then the weekend
        ("2026-04-27", 1, "2026-04-28"),  # on the Hùng Kings' make-up Monday
        ("2025-09-02", 1, "2025-09-03"),
        ("2026-11-22", 1, "2026-11-23"),  # a Sunday: still day zero
        ("2026-04-30", 0, "2026-04-30"),  # n=0 is the day itself, holiday or not
    ],
)
def test_a_question_received_on_a_holiday_counts_from_the_next_working_day(start, n, due):
    assert CALENDAR.add_working_days(d(start), n) == d(due)


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        ("2026-08-21", 1, "2026-08-22"),  # due on the làm bù Saturday of Quốc khánh 2026
        ("2026-01-09", 1, "2026-01-10"),  # due on the làm bù Saturday of New Year 2026
        ("2025-04-25", 1, "2025-04-26"),  # due on the làm bù Saturday of 30/4-1/5/2025
        ("2025-04-25", 2, "2025-04-28"),
    ],
)
def test_a_deadline_can_land_on_a_working_saturday(start, n, due):
    assert CALENDAR.add_working_days(d(start), n) == d(due)


@pytest.mark.parametrize(
    ("start", "due"),
    [
        # 2025: 29/4 is day 1; 30/4, 1/5 and the swapped 2/5 are off; day 15 is Thu 22/5.
        ("2025-04-28", "2025-05-22"),
        # 2025, received on the working Saturday itself: day 1 is Mon 28/4, day 15 Wed 21/5.
        ("2025-04-26", "2025-05-21"),
        # 2026: Hùng Kings' make-up Monday 27/4 and 30/4-1/5 all off; day 15 is Wed 20/5.
        ("2026-04-24", "2026-05-20"),
    ],
)
def test_fifteen_working_days_across_30_april_and_1_may(start, due):
    assert CALENDAR.add_working_days(d(start), 15) == d(due)
    assert CALENDAR.count_working_days(d(start), d(due)) == 15


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        ("2026-11-20", "2026-11-20", 0),
        ("2026-11-20", "2026-11-23", 1),
        ("2026-11-20", "2026-11-25", 2),
        ("2026-11-25", "2026-11-20", -2),  # late by two working days
        ("2026-11-21", "2026-11-22", 0),  # a weekend
        ("2026-02-13", "2026-02-22", 0),  # all of Tết
        ("2026-01-09", "2026-01-11", 1),  # the working Saturday counts
    ],
)
def test_it_counts_working_days_after_start_up_to_end(start, end, count):
    assert CALENDAR.count_working_days(d(start), d(end)) == count


def test_count_working_days_is_the_inverse_of_add_working_days():
    rng = random.Random(20261122)
    # Starts up to 2098 so that start + 300 working days stays inside 2000-2100.
    first, last = date(2000, 1, 1).toordinal(), date(2098, 12, 31).toordinal()
    for _ in range(20_000):
        start = date.fromordinal(rng.randint(first, last))
        n = rng.randint(0, 300)
        due = CALENDAR.add_working_days(start, n)
        assert CALENDAR.count_working_days(start, due) == n, (start, n, due)
        assert CALENDAR.count_working_days(due, start) == -n, (start, n, due)
        if n:
            assert CALENDAR.is_working_day(due), (start, n, due)
            assert due > start


def test_add_working_days_agrees_with_a_day_by_day_count():
    # The index must give what the naive loop gives, across the years with announcements.
    day = d("2024-12-20")
    for n in range(1, 500):
        day = date.fromordinal(day.toordinal() + 1)
        while not CALENDAR.is_working_day(day):
            day = date.fromordinal(day.toordinal() + 1)
        assert CALENDAR.add_working_days(d("2024-12-20"), n) == day, n


# --- overrides --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("override", "package_says", "calendar_says"),
    [
        ((d("2026-09-02"), True), False, True),  # a package holiday made a working day
        ((d("2026-03-04"), False), True, False),  # an ordinary Wednesday made a day off
        ((d("2026-03-07"), True), False, True),  # a Saturday made a working day
        ((d("2026-08-22"), False), True, False),  # the package's own làm bù Saturday undone
    ],
)
def test_overrides_win_over_the_holidays_package(override, package_says, calendar_says):
    package_only = WorkingCalendar(years=range(2026, 2027))
    overridden = WorkingCalendar(years=range(2026, 2027), overrides=[override])
    day = override[0]
    assert package_only.is_working_day(day) is package_says
    assert overridden.is_working_day(day) is calendar_says


def test_an_override_note_is_the_reason_shown():
    calendar = WorkingCalendar(
        years=range(2026, 2027),
        overrides=[Override(d("2026-03-04"), False, "Nghỉ thử nghiệm", "Công văn 1/TEST")],
    )
    assert calendar.reason(d("2026-03-04")) == "Nghỉ thử nghiệm"


def test_conflicting_overrides_for_one_day_are_rejected():
    with pytest.raises(ValueError, match="conflicting overrides for 2026-03-04"):
        WorkingCalendar(
            years=range(2026, 2027),
            overrides=[(d("2026-03-04"), False), (d("2026-03-04"), True)],
        )


def test_overrides_outside_the_years_are_ignored():
    calendar = WorkingCalendar(years=range(2026, 2027), overrides=[(d("2019-03-04"), False)])
    assert calendar.first_year == calendar.last_year == 2026


def test_the_shipped_announcements_become_overrides():
    overrides = announced_overrides()
    assert len(overrides) == len(ANNOUNCED_DAYS)
    assert (
        Override(
            d("2026-01-10"),
            True,
            ANNOUNCED_DAYS[3].note,
            ANNOUNCED_DAYS[3].source,
        )
        in overrides
    )
    assert all(record.note and record.source for record in ANNOUNCED_DAYS)


def test_an_announcement_of_unknown_kind_is_rejected():
    with pytest.raises(ValueError, match="kind must be"):
        announced_overrides([AnnouncedDay(d("2026-03-04"), "holiday", "x", "y")])  # type: ignore[arg-type]


# --- ranges and bad input ------------------------------------------------------------------


SMALL = WorkingCalendar(years=range(2026, 2027))


@pytest.mark.parametrize(
    "call",
    [
        lambda: SMALL.add_working_days(d("2025-12-31"), 1),
        lambda: SMALL.add_working_days(d("2026-12-30"), 5),  # due beyond the last year
        lambda: SMALL.count_working_days(d("2026-12-30"), d("2027-01-04")),
        lambda: SMALL.is_working_day(d("2027-01-01")),
        lambda: SMALL.explain(d("2025-06-01"), 1),
        lambda: SMALL.non_working_weekdays(2027),
        lambda: CALENDAR.add_working_days(d("1999-12-31"), 1),
    ],
)
def test_dates_outside_the_calendar_raise_a_clear_error(call):
    with pytest.raises(ValueError, match=r"outside the working-day calendar|beyond the working"):
        call()


def test_a_negative_number_of_days_is_rejected():
    with pytest.raises(ValueError, match="n must be 0 or more"):
        CALENDAR.add_working_days(d("2026-11-20"), -1)


def test_a_datetime_is_rejected_because_it_is_not_a_local_date():
    with pytest.raises(TypeError, match="not a datetime"):
        CALENDAR.add_working_days(datetime(2026, 11, 20, 23, 0), 1)  # noqa: DTZ001


@pytest.mark.parametrize("years", [range(2026, 2026), range(2026, 2030, 2), (2026, 2027)])
def test_a_bad_range_of_years_is_rejected(years):
    with pytest.raises(ValueError, match="years must be"):
        WorkingCalendar(years=years)


def test_the_calendar_is_immutable():
    with pytest.raises(AttributeError, match="immutable"):
        CALENDAR._cumulative = ()  # type: ignore[misc]


# --- explain() -------------------------------------------------------------------------------


def test_explain_lists_the_skipped_days_with_their_reasons():
    explanation = CALENDAR.explain(d("2026-02-13"), 1)
    assert explanation.due == d("2026-02-23")
    assert [day for day, _ in explanation.skipped] == [d(f"2026-02-{day}") for day in range(14, 23)]
    reasons = dict(explanation.skipped)
    assert reasons[d("2026-02-14")] == "Thứ Bảy (nghỉ hằng tuần)"
    assert reasons[d("2026-02-17")] == "Tết Nguyên Đán"
    assert reasons[d("2026-02-22")] == "Chủ nhật (nghỉ hằng tuần)"


def test_explain_names_the_announcement_for_a_swapped_day():
    explanation = CALENDAR.explain(d("2025-12-31"), 1)
    assert explanation.due == d("2026-01-05")
    assert explanation.skipped == (
        DayReason(d("2026-01-01"), "Tết Dương lịch"),
        DayReason(d("2026-01-02"), "Nghỉ Tết Dương lịch, hoán đổi sang thứ Bảy 10/01/2026"),
        DayReason(d("2026-01-03"), "Thứ Bảy (nghỉ hằng tuần)"),
        DayReason(d("2026-01-04"), "Chủ nhật (nghỉ hằng tuần)"),
    )


def test_explain_serialises_for_the_deadline_command():
    payload = json.loads(json.dumps(CALENDAR.explain(d("2026-11-20"), 2).as_dict()))
    assert payload == {
        "start": "2026-11-20",
        "working_days": 2,
        "due": "2026-11-25",
        "skipped": [
            {"date": "2026-11-21", "reason": "Thứ Bảy (nghỉ hằng tuần)"},
            {"date": "2026-11-22", "reason": "Chủ nhật (nghỉ hằng tuần)"},
            {"date": "2026-11-24", "reason": "Ngày Văn hóa Việt Nam"},
        ],
    }


def test_explain_with_no_days_to_add_skips_nothing():
    explanation = CALENDAR.explain(d("2026-02-17"), 0)
    assert (explanation.due, explanation.skipped) == (d("2026-02-17"), ())


def test_reasons_can_be_given_in_english():
    calendar = WorkingCalendar(years=range(2026, 2027), language="en_US")
    assert calendar.reason(d("2026-11-21")) == "Saturday (weekly rest day)"
    assert calendar.reason(d("2026-09-02")) == "National Day"
    assert calendar.reason(d("2026-11-20")) is None


# --- The shipped table of the package's days (routing/holiday_table.py) ------------------------


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_shipped_holiday_table_is_what_the_installed_package_says(language):
    # Fails after an upgrade of `holidays` that changes a day or a name: regenerate the table
    # with `.venv/bin/python -m routing.holiday_table` and review the diff.
    from routing import holiday_table

    table = holiday_table.lookup(holiday_table.YEARS, language)
    assert table == holiday_table.from_package(holiday_table.YEARS, language)
    assert len(table[0]) > 1400  # a century of Tết, Hùng Kings, 30/4, 1/5, 2/9, New Year


def test_the_default_calendar_is_built_without_importing_the_holidays_package():
    import subprocess
    import sys

    code = (
        "import sys; from routing.calendar import DEFAULT_YEARS, WorkingCalendar; "
        "c = WorkingCalendar(years=DEFAULT_YEARS); "
        "import datetime; print(c.is_working_day(datetime.date(2026, 9, 2))); "
        "print('holidays' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False"]


def test_a_range_the_table_was_not_built_for_is_asked_of_the_package():
    from routing import holiday_table

    years = range(2026, 2027)
    assert holiday_table.lookup(years, "vi") == holiday_table.from_package(years, "vi")
