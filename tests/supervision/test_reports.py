"""Timeliness figures checked against hand-computed working-day cases.

Received Friday 13 February 2026, on the eve of Tết (16–20 February off), a 15-working-day
question is due Friday 13 March 2026: 16–20 Feb are holidays, so the 15 working days are
23–27 Feb, 2–6 Mar and 9–13 Mar.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from questions import reports, services
from tests.factories import ANSWER_TEXT, make_question, make_unit, tet_2026_case

VN = ZoneInfo("Asia/Ho_Chi_Minh")
RECEIVED = datetime(2026, 2, 13, 9, 0, tzinfo=VN)
TODAY = date(2026, 3, 20)


def at(day: int, month: int = 3, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=VN)


@pytest.fixture
def february(land_category, land, intake, head_land, officer_land):
    return tet_2026_case(
        unit=land, intake=intake, head=head_land, officer=officer_land, category=land_category
    )


@pytest.mark.django_db
def test_the_due_date_of_the_hand_computed_case(february):
    assert {q.answer_due for q in february.values()} == {date(2026, 3, 13)}


@pytest.mark.django_db
def test_a_units_figures_match_the_hand_computed_cases(february, land):
    [row] = reports.timeliness_report(start=date(2026, 2, 1), end=date(2026, 2, 28), today=TODAY)

    assert row.unit == land
    assert (row.received, row.answered, row.early, row.on_time, row.late, row.overdue_open) == (
        4,
        3,
        1,
        1,
        1,
        1,
    )
    # 14, 15 and 16 working days from receipt to answer.
    assert dict(row.histogram) == {14: 1, 15: 1, 16: 1}
    assert row.median_working_days == 15
    assert row.timely_rate == 2 / 4


@pytest.mark.django_db
def test_questions_received_outside_the_period_are_not_counted(february):
    assert (
        reports.timeliness_report(start=date(2026, 3, 1), end=date(2026, 3, 31), today=TODAY) == []
    )


@pytest.mark.django_db
def test_every_figure_drills_down_to_the_questions_behind_it(february, land):
    def behind(measure):
        return set(
            reports.questions_behind(
                start=date(2026, 2, 1),
                end=date(2026, 2, 28),
                today=TODAY,
                measure=measure,
                unit=land,
            ).values_list("tracking_code", flat=True)
        )

    assert behind("early") == {february["early"].tracking_code}
    assert behind("late") == {february["late"].tracking_code}
    assert behind("overdue_open") == {february["overdue"].tracking_code}
    assert len(behind("received")) == 4


@pytest.mark.django_db
def test_a_merged_unit_rolls_up_into_its_successor(land_category, land, intake):
    old = make_unit(
        "stnmt",
        name="Sở Tài nguyên và Môi trường",
        valid_to=date(2025, 6, 30),
        valid_from=date(2008, 1, 1),
        successor=land,
    )
    with time_machine.travel(datetime(2025, 3, 3, 9, 0, tzinfo=VN), tick=False):
        question = make_question(category=land_category)
        question = services.question_route(
            question=question, unit=old, actor=intake, at=question.received_at
        )

    [row] = reports.timeliness_report(start=date(2025, 3, 1), end=date(2025, 3, 31), today=TODAY)
    [unrolled] = reports.timeliness_report(
        start=date(2025, 3, 1), end=date(2025, 3, 31), today=TODAY, roll_up=False
    )

    assert row.unit == land and row.received == 1
    assert unrolled.unit == old
    assert question.unit == old  # the question keeps the unit that handled it


@pytest.mark.django_db
def test_transfers_count_against_the_unit_that_transferred(
    land_category, land, tax, intake, head_land
):
    with time_machine.travel(RECEIVED, tick=False):
        question = make_question(category=land_category)
        question = services.question_route(question=question, unit=land, actor=intake, at=RECEIVED)
        services.question_transfer(
            question=question, to_unit=tax, reason="Thuộc ngành thuế.", actor=head_land, at=RECEIVED
        )

    rows = {
        r.unit.code: r
        for r in reports.timeliness_report(
            start=date(2026, 2, 1), end=date(2026, 2, 28), today=TODAY
        )
    }

    assert rows["land"].transferred == 1
    assert rows["tax"].received == 1 and rows["tax"].transferred == 0
    assert "land" not in {
        r.unit.code
        for r in reports.timeliness_report(
            start=date(2026, 2, 1), end=date(2026, 2, 28), today=TODAY
        )
        if r.received
    }


@pytest.mark.django_db
def test_the_local_date_in_plain_sql_agrees_with_djangos_time_zone_aware_one(february):
    """annotate_timeliness computes local dates in plain SQL for speed (questions/sql_dates.py);
    they must be the dates Django's TruncDate gives, so every question is classified alike."""
    from django.db.models.functions import TruncDate
    from django.utils import timezone

    from questions.models import Question
    from questions.sql_dates import LocalDate

    rows = Question.objects.annotate(
        fast=LocalDate("answered_at"),
        reference=TruncDate("answered_at", tzinfo=timezone.get_current_timezone()),
    ).values_list("fast", "reference")
    states = reports.annotate_timeliness(Question.objects.all(), today=TODAY).values_list(
        "timeliness", flat=True
    )

    assert [fast for fast, _ in rows] == [reference for _, reference in rows]
    assert sorted(states) == ["early", "late", "on_time", "overdue"]


@pytest.mark.django_db
def test_an_answer_late_in_the_evening_counts_on_its_local_date(land_category, land, intake):
    """23:30 in Hanoi is 16:30 UTC the same day, 00:30 is 17:30 UTC the day before."""
    from questions.models import Question

    with time_machine.travel(RECEIVED, tick=False):
        question = make_question(category=land_category)
    Question.objects.filter(pk=question.pk).update(
        answered_at=datetime(2026, 3, 14, 0, 30, tzinfo=VN),
        status="answered",
        answer_due=date(2026, 3, 13),
        unit=land,
    )

    [row] = reports.annotate_timeliness(Question.objects.all(), today=TODAY).values_list(
        "answered_on", "timeliness"
    )

    assert row == (date(2026, 3, 14), "late")


@pytest.mark.django_db
def test_the_trend_counts_a_question_in_the_local_month_it_was_received(
    land_category, land, intake, head_land, officer_land
):
    from helpdesk.periods import month

    early_morning = datetime(2026, 2, 1, 6, 30, tzinfo=VN)  # still 31 January in UTC
    with time_machine.travel(early_morning, tick=False):
        question = make_question(at=early_morning, category=land_category)
        question = services.question_route(
            question=question, unit=land, actor=intake, at=early_morning
        )
        question = services.question_assign(
            question=question, officer=officer_land, actor=head_land, at=early_morning
        )
    services.answer_save_draft(question=question, body=ANSWER_TEXT, actor=officer_land, at=at(2, 2))
    services.question_submit_draft(question=question, actor=officer_land, at=at(2, 2))
    services.question_approve(question=question, approver=head_land, at=at(2, 2))

    points = reports.monthly_timely_rates(months=[month(2026, 1), month(2026, 2)], today=TODAY)

    assert [(p.key, timely, decided) for p, timely, decided in points] == [
        ("2026-01", 0, 0),
        ("2026-02", 1, 1),
    ]


@pytest.fixture
def spread(land_category, land, tax):
    """Questions received December 2025 – April 2026 (some at 23:30 or 00:30 local time, on
    the edge of a day and of a month) in every state, in two units and a merged one."""
    from questions.models import Question

    old = make_unit("stnmt", name="Sở Tài nguyên và Môi trường", successor=land)
    units = [land, tax, old, None]
    states = ["answered", "published", "in_progress", "awaiting_citizen", "routed", "reopened"]
    for i in range(60):
        received = datetime(2025, 12, 28, 23, 30, tzinfo=VN) + timedelta(days=2 * i, hours=i % 2)
        with time_machine.travel(received, tick=False):
            question = make_question(at=received, category=land_category)
        status = states[i % len(states)]
        unit = units[i % len(units)]
        # A reopened question keeps its first answer's time but counts as open again.
        answered = status in ("answered", "published", "reopened")
        Question.objects.filter(pk=question.pk).update(
            unit=unit,
            status=status if unit else "received",
            answer_due=(received + timedelta(days=10)).date() if unit else None,
            answered_at=received + timedelta(days=5 + i % 11) if answered and unit else None,
            satisfaction=i % 5 + 1 if answered and unit and i % 3 == 0 else None,
        )
    return {"land": land, "tax": tax, "old": old}


def _as_dicts(rows):
    return [
        {
            "unit": row.unit.code if row.unit else None,
            **{name: getattr(row, name) for name in MEASURE_FIELDS},
            "histogram": dict(row.histogram),
        }
        for row in rows
    ]


MEASURE_FIELDS = (
    "received", "answered", "early", "on_time", "late", "open", "overdue_open", "published",
    "rated", "rating_sum", "transferred",
)  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    "period",
    [
        ("month", 2026, 2),
        ("quarter", 2026, 1),
        ("year", 2026),
        ("range", (2026, 1, 30), (2026, 3, 2)),
    ],
    ids=["month", "quarter", "year", "custom range"],
)
@pytest.mark.parametrize("own", [None, "land"], ids=["province", "unit head"])
def test_the_dashboards_single_scan_agrees_with_the_report_and_the_trend(spread, period, own):
    """dashboard_figures reads the report and the trend from one scan when it can; both must
    equal what timeliness_report and monthly_timely_rates compute separately."""
    from helpdesk import periods

    kind, *args = period
    chosen = (
        periods.date_range(date(*args[0]), date(*args[1]))
        if kind == "range"
        else getattr(periods, kind)(*args)
    )
    months = periods.months_before(chosen, 12)
    unit = spread[own] if own else None

    rows, trend = reports.dashboard_figures(
        start=chosen.start, end=chosen.end, months=months, today=TODAY, unit=unit
    )

    expected_rows = reports.timeliness_report(start=chosen.start, end=chosen.end, today=TODAY)
    expected_trend = reports.monthly_timely_rates(months=months, today=TODAY, unit=unit)
    assert _as_dicts(rows) == _as_dicts(expected_rows)
    assert trend == expected_trend
    assert sum(r.received for r in rows) > 0
    assert sum(decided for _, _, decided in trend) > 0


@pytest.mark.django_db
@pytest.mark.parametrize("own", [None, "land"], ids=["province", "unit head"])
def test_every_figure_of_the_single_scan_equals_its_drill_down_list(spread, own):
    """The figures come from grouped rows; the drill-down lists filter questions one by one.
    Both must count the same questions, reopened ones included (open, not answered)."""
    from helpdesk import periods

    year = periods.year(2026)
    rows, _trend = reports.dashboard_figures(
        start=year.start, end=year.end, months=periods.months_before(year, 12), today=TODAY
    )
    unit = spread[own] if own else None
    figures = next(r for r in rows if r.unit == unit) if unit else reports.totals(rows)
    for measure in ("received", "answered", "early", "on_time", "late", "open",
                    "overdue_open", "published"):  # fmt: skip
        behind = reports.questions_behind(
            start=year.start, end=year.end, today=TODAY, measure=measure, unit=unit
        )
        assert getattr(figures, measure) == behind.count(), measure
    assert figures.answered > 0 and figures.open > 0
    assert sum(figures.histogram.values()) == figures.answered
