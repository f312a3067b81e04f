"""Derived timeliness (early / on time / late, overdue, due soon); recompute on calendar edits."""

from __future__ import annotations

from datetime import date

import pytest

from helpdesk import clock
from questions import services
from questions.models import Event, Question, Status
from questions.timeliness import annotate_timeliness, timeliness
from routing import deadlines
from routing.deadlines import working_calendar
from tests.deadlines.conftest import at
from tests.factories import make_category

pytestmark = pytest.mark.django_db

# Received Monday 2/3/2026, due Monday 23/3/2026 (15 working days).
TABLE = [
    # answered at (local)        state      working days
    ("2026-03-20T16:00", "early", 1),
    ("2026-03-13T10:00", "early", 6),
    ("2026-03-23T08:00", "on_time", 0),
    ("2026-03-23T23:30", "on_time", 0),  # late evening in Vietnam is still the due date
    ("2026-03-24T00:10", "late", 1),  # ...and just after midnight is not (UTC: 23/3 17:10)
    ("2026-03-30T09:00", "late", 5),
]


@pytest.mark.parametrize(("answered", "state", "days"), TABLE)
def test_an_answer_is_early_on_time_or_late_against_its_due_date(
    answered, state, days, travel, place
):
    travel(answered.replace("T", " ").split(" ")[0], hour=int(answered[11:13]))
    question = place(Status.ANSWERED, at=at("2026-03-02"))
    # walk() answers "now"; pin the exact minute of the table.
    from datetime import datetime
    from zoneinfo import ZoneInfo

    moment = datetime.fromisoformat(answered).replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    Question.objects.filter(pk=question.pk).update(answered_at=moment)
    question.refresh_from_db()

    flags = timeliness(question, today=date(2026, 4, 1))
    assert (flags.state, flags.working_days) == (state, days)
    sql = annotate_timeliness(Question.objects.filter(pk=question.pk), today=date(2026, 4, 1))
    assert sql.get().timeliness == state


OPEN_TABLE = [
    # today         state        working days
    (date(2026, 3, 16), "open", 5),
    (date(2026, 3, 19), "due_soon", 2),  # Thu: due Mon is 2 working days ahead
    (date(2026, 3, 23), "due_soon", 0),  # the due date itself
    (date(2026, 3, 24), "overdue", 1),
    (date(2026, 3, 30), "overdue", 5),
]


@pytest.mark.parametrize(("today", "state", "days"), OPEN_TABLE)
def test_an_open_question_is_on_track_due_soon_or_overdue_in_working_days(
    today, state, days, travel, place
):
    travel("2026-03-02")
    question = place(Status.IN_PROGRESS)

    flags = timeliness(question, today=today)
    assert (flags.state, flags.working_days) == (state, days)
    sql = annotate_timeliness(Question.objects.filter(pk=question.pk), today=today)
    assert sql.get().timeliness == state


def test_a_question_waiting_for_the_citizen_is_paused_not_overdue(travel, place, officer_land):
    travel("2026-03-02")
    question = place(Status.IN_PROGRESS)
    services.question_request_clarification(
        question=question, message="Bổ sung?", actor=officer_land, at=clock.now()
    )
    question.refresh_from_db()

    assert timeliness(question, today=date(2026, 4, 30)).state == "paused"
    assert annotate_timeliness(
        Question.objects.all(), today=date(2026, 4, 30)
    ).get().timeliness == ("paused")


def test_a_question_received_on_a_tet_holiday_counts_from_the_next_working_day(travel, place):
    travel("2026-02-17")  # Tết: day zero all the same
    question = place(Status.RECEIVED)

    # Tết 16-20/2, first working day Monday 23/2; 15 working days: Friday 13/3.
    assert question.answer_due == date(2026, 3, 13)
    assert question.route_by == date(2026, 2, 24)


def test_a_deadline_can_fall_on_the_swapped_working_saturday(travel, place, land):
    one_day = make_category("mot-ngay", unit=land, answer_within_days=1, route_within_days=1)
    travel("2026-08-21")  # Friday; Saturday 22/8/2026 is worked in exchange for Monday 31/8

    question = place(Status.RECEIVED, category=one_day)

    assert question.answer_due == date(2026, 8, 22)


# --- Recompute after a calendar change ----------------------------------------------------------


def _set_day_off(day: date) -> int:
    deadlines.calendar_override_set(day=day, is_working=False, note="Nghỉ đột xuất (bão)")
    return services.question_deadlines_recompute(reason="10/03/2026: nghỉ", at=clock.now())


def test_a_new_day_off_moves_open_deadlines_and_logs_it_on_each_question(travel, place):
    travel("2026-03-02")
    open_question = place(Status.IN_PROGRESS)

    moved = _set_day_off(date(2026, 3, 10))

    open_question.refresh_from_db()
    assert moved == 1
    assert open_question.answer_due == date(2026, 3, 24)
    event = open_question.events.get(action="question.deadline_recomputed")
    assert not event.is_internal
    assert event.data == {"old_due": "2026-03-23", "new_due": "2026-03-24"}
    assert event.note == "10/03/2026: nghỉ"


def test_the_recompute_leaves_answered_questions_and_unchanged_dates_alone(travel, place):
    travel("2026-03-02")
    answered = place(Status.ANSWERED)
    travel("2026-03-11")
    later = place(Status.IN_PROGRESS)  # received after the new day off: nothing moves

    moved = _set_day_off(date(2026, 3, 10))

    assert moved == 0
    answered.refresh_from_db()
    later.refresh_from_db()
    assert answered.answer_due == date(2026, 3, 23)
    assert later.answer_due == date(2026, 4, 1)
    assert not Event.objects.filter(action="question.deadline_recomputed").exists()


def test_the_recompute_keeps_pauses_and_extensions(travel, place, officer_land):
    travel("2026-03-02")
    question = place(Status.IN_PROGRESS)
    services.question_request_clarification(
        question=question, message="?", actor=officer_land, at=at("2026-03-03")
    )
    services.question_citizen_reply(question=question, message="!", at=at("2026-03-05"))
    question.refresh_from_db()
    assert question.answer_due == date(2026, 3, 25)  # paused 2 days

    _set_day_off(date(2026, 3, 10))

    question.refresh_from_db()
    assert question.answer_due == date(2026, 3, 26)


def test_a_new_working_saturday_moves_the_route_by_date_of_a_waiting_question(travel, place):
    travel("2026-03-06")  # Friday: route within 2 working days, Tuesday 10/3
    waiting = place(Status.RECEIVED)
    assert waiting.route_by == date(2026, 3, 10)

    deadlines.calendar_override_set(day=date(2026, 3, 7), is_working=True, note="Làm bù")
    services.question_deadlines_recompute(reason="07/03: làm bù", at=clock.now())

    waiting.refresh_from_db()
    assert waiting.route_by == date(2026, 3, 9)
    assert waiting.answer_due == date(2026, 3, 26)


def test_the_calendar_from_the_database_sees_an_edit_made_elsewhere(travel):
    before = working_calendar()
    from routing.models import CalendarOverride

    # As another process would: straight into the table, no invalidation in this one.
    CalendarOverride.objects.create(day=date(2026, 3, 10), is_working=False, note="x")

    after = working_calendar()
    assert before.is_working_day(date(2026, 3, 10))
    assert not after.is_working_day(date(2026, 3, 10))


def test_the_announced_swaps_are_shipped_as_editable_overrides():
    from routing.calendar_data import ANNOUNCED_DAYS
    from routing.models import CalendarOverride

    assert set(CalendarOverride.objects.values_list("day", flat=True)) >= {
        record.day for record in ANNOUNCED_DAYS
    }
    assert not working_calendar().is_working_day(date(2026, 1, 2))
    assert working_calendar().is_working_day(date(2026, 1, 10))
