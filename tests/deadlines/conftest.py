"""Fixtures for the deadline tests: a fixed "now", questions in any status, mail outbox."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from questions.models import Question
from tests.factories import make_question, walk

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: str, hour: int = 9) -> datetime:
    """A moment on ``day`` (YYYY-MM-DD) in Vietnam."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=VN)


@pytest.fixture(autouse=True)
def _announced_days(request):
    """The shipped day swaps, as the data migration loads them.

    A transactional test that ran earlier on the same worker empties every table on teardown,
    the migration's rows included; these tests are about those very days.
    """
    if request.node.get_closest_marker("django_db") is None:
        return
    from routing.calendar_data import ANNOUNCED_DAYS, WORKING
    from routing.models import CalendarOverride

    CalendarOverride.objects.bulk_create(
        [
            CalendarOverride(day=r.day, is_working=r.kind == WORKING, note=r.note, source=r.source)
            for r in ANNOUNCED_DAYS
        ],
        ignore_conflicts=True,
    )


@pytest.fixture
def travel():
    """``travel("2026-03-02")``: freeze "now" at 09:00 that day in Vietnam (nested allowed)."""
    stack = []

    def go(day: str, hour: int = 9):
        traveller = time_machine.travel(at(day, hour), tick=False)
        traveller.start()
        stack.append(traveller)

    yield go
    for traveller in reversed(stack):
        traveller.stop()


@pytest.fixture
def place(land_category, intake, head_land, officer_land, land):
    """``place(status, **fields)``: a question in the land category walked to ``status``."""

    def make(status: str, **fields) -> Question:
        fields.setdefault("category", land_category)
        question = make_question(**fields)
        if status == "received":
            return question
        return walk(
            question, status, intake=intake, head=head_land, officer=officer_land, unit=land
        )

    return make
