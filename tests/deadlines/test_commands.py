"""The operator's commands: calendar show/set/unset and deadline, output and errors."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from questions.models import Status
from routing.models import CalendarOverride

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_calendar_show_lists_the_special_days_of_a_year_with_reasons():
    out = run("calendar", "show", "2026")

    assert "2026-02-17 Tue  Tết Nguyên Đán" in out
    assert "2026-04-27 Mon  Ngày Giỗ Tổ Hùng Vương (nghỉ bù)" in out
    assert "2026-08-31 Mon  Nghỉ hoán đổi dịp Quốc khánh 2/9" in out
    working = out.split("Working weekend days:")[1]
    assert "2026-01-10 Sat" in working and "2026-08-22 Sat" in working


def test_deadline_prints_the_due_date_and_the_days_skipped_as_json():
    data = json.loads(run("deadline", "2026-02-13", "1", "--json"))

    assert data["start"] == "2026-02-13"
    assert data["working_days"] == 1
    assert data["due"] == "2026-02-23"
    assert [d["date"] for d in data["skipped"]][:3] == ["2026-02-14", "2026-02-15", "2026-02-16"]
    assert len(data["skipped"]) == 9


def test_deadline_in_text_says_where_it_starts_and_ends():
    out = run("deadline", "2026-08-21", "1")

    assert "Received 2026-08-21 Fri (day zero) + 1 working day -> due 2026-08-22 Sat" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("deadline", "2026-02-30", "1"), "START must be a date"),
        (("deadline", "2026-02-03", "x"), "whole number"),
        (("deadline", "2026-02-03", "-1"), "0 or more"),
        (("deadline", "2100-12-20", "30"), "beyond the working-day calendar"),
        (("calendar", "show", "soon"), "YEAR must be a year"),
        (("calendar", "show", "1990"), "YEAR must lie within"),
        (("calendar", "set", "2026-13-01", "off", "--note", "x"), "DATE must be a date"),
        (("calendar", "set", "2026-12-31", "of", "--note", "x"), "KIND must be"),
        (("calendar", "set", "2026-12-31", "off", "--note", " "), "--note must say why"),
        (("calendar", "unset", "2026-12-30"), "no override"),
    ],
)
def test_bad_arguments_are_a_clear_error(args, message):
    with pytest.raises(CommandError, match=message):
        call_command(*args, stdout=StringIO())


def test_calendar_set_adds_an_override_and_moves_open_deadlines(travel, place):
    travel("2026-03-02")
    question = place(Status.IN_PROGRESS)

    out = run("calendar", "set", "2026-03-10", "off", "--note", "Nghỉ bão", "--source", "CĐ 1")

    assert "Added override: 2026-03-10 Tue is a day off (Nghỉ bão)" in out
    assert "Open questions whose deadline moved: 1" in out
    override = CalendarOverride.objects.get(day=date(2026, 3, 10))
    assert (override.is_working, override.source) == (False, "CĐ 1")
    question.refresh_from_db()
    assert question.answer_due == date(2026, 3, 24)

    out = run("calendar", "unset", "2026-03-10")

    question.refresh_from_db()
    assert question.answer_due == date(2026, 3, 23)
    assert question.events.filter(action="question.deadline_recomputed").count() == 2


def test_the_sweep_command_prints_one_summary_line():
    out = run("run_deadline_sweep")

    assert out.startswith("deadline sweep ")
    assert "recorded reminder 0, escalation 0, progress 0" in out


def test_the_sweep_loop_refuses_a_zero_interval():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("run_deadline_sweep", "--every", "0", stdout=StringIO())
