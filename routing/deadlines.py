"""Deadlines of a question, from its category's policy and the working-day calendar.

The arithmetic lives in the pure module :mod:`routing.calendar`; this module feeds it the
policy (DESIGN §2: route within 2 working days, answer within 15 by default) and the
administrator's calendar overrides.
"""

from __future__ import annotations

from datetime import date

from .calendar import WorkingCalendar, default_calendar
from .models import DEFAULT_ANSWER_WITHIN_DAYS, DEFAULT_ROUTE_WITHIN_DAYS, Category


def working_calendar() -> WorkingCalendar:
    # The shipped calendar (the `holidays` package plus the announced day swaps); the
    # administrator-edited override table replaces this seam in the deadlines work.
    return default_calendar()


def route_by(*, category: Category | None, received_on: date) -> date:
    days = category.route_within_days if category else DEFAULT_ROUTE_WITHIN_DAYS
    return working_calendar().add_working_days(received_on, days)


def answer_due(*, category: Category | None, received_on: date) -> date:
    days = category.answer_within_days if category else DEFAULT_ANSWER_WITHIN_DAYS
    return working_calendar().add_working_days(received_on, days)
