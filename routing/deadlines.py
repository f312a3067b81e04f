"""Deadlines of a question, from its category's policy and the working-day calendar.

The arithmetic lives in the pure module :mod:`routing.calendar`; this module feeds it the
policy (docs/design.md#legal-facts: route within 2 working days, answer within 15, transfer out of
competence within 5 (ND 20/2008 Art. 9), a progress notice at half-way (ND 43/2011 Art. 17: "an
answer or a progress notice"), one extension) and the administrator's calendar overrides
(:class:`routing.models.CalendarOverride`), which win over the ``holidays`` package.

Routing knows nothing of question statuses: recomputing open questions' deadlines after a
calendar change is ``questions.services.question_deadlines_recompute``; the admin and the
``calendar set`` command call both (docs/decisions/0005).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction

from .calendar import DEFAULT_YEARS, Override, WorkingCalendar
from .models import (
    DEFAULT_ANSWER_WITHIN_DAYS,
    DEFAULT_MAX_EXTENSION_DAYS,
    DEFAULT_MAX_EXTENSIONS,
    DEFAULT_PROGRESS_NOTICE_PERCENT,
    DEFAULT_ROUTE_WITHIN_DAYS,
    DEFAULT_TRANSFER_WITHIN_DAYS,
    CalendarOverride,
    Category,
)

__all__ = [
    "Policy",
    "answer_due",
    "calendar_override_delete",
    "calendar_override_set",
    "invalidate_calendar",
    "policy_for",
    "progress_notice_offset",
    "route_by",
    "working_calendar",
]


# --- Policy -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Policy:
    """A category's deadline policy, in working days (defaults: docs/design.md#legal-facts)."""

    route_within: int = DEFAULT_ROUTE_WITHIN_DAYS
    answer_within: int = DEFAULT_ANSWER_WITHIN_DAYS
    transfer_within: int = DEFAULT_TRANSFER_WITHIN_DAYS
    progress_notice_percent: int = DEFAULT_PROGRESS_NOTICE_PERCENT
    max_extensions: int = DEFAULT_MAX_EXTENSIONS
    max_extension_days: int = DEFAULT_MAX_EXTENSION_DAYS


def policy_for(category: Category | None) -> Policy:
    """The policy of ``category``; the legal defaults for a question without one."""
    if category is None:
        return Policy()
    return Policy(
        route_within=category.route_within_days,
        answer_within=category.answer_within_days,
        transfer_within=category.transfer_within_days,
        progress_notice_percent=category.progress_notice_percent,
        max_extensions=category.max_extensions,
        max_extension_days=category.max_extension_days,
    )


def progress_notice_offset(answer_within: int, percent: int) -> int | None:
    """Working days after the start at which the citizen gets a progress notice, or None.

    Half-way of 15 days is day 8 (rounded up: never earlier than the share asked for). A
    notice on the due date itself would say nothing the answer does not, so 100 % is none too.
    """
    if percent <= 0 or answer_within <= 0:
        return None
    offset = max(1, math.ceil(answer_within * percent / 100))
    return offset if offset < answer_within else None


# --- The calendar from the database -------------------------------------------------------------

_lock = threading.Lock()
_cached: tuple[tuple, WorkingCalendar] | None = None
# Bumped by this process's own edits, for changes the table's cheap version cannot see (an
# edit within the same clock tick as the previous one, e.g. under a frozen test clock).
_generation = 0


def _table_version() -> tuple:
    # Several processes (web workers, the sweep) share the table: each compares this cheap
    # fingerprint with the one its calendar was built from, so an edit made anywhere is seen
    # by everyone on their next call, with no message between processes.
    # The count of working days also changes when an edit is rolled back after this process
    # had already rebuilt its calendar from it (a day flipped, then the flip undone).
    # One fixed statement, written once: the ORM would build the same aggregate again on every
    # call (every submission counts a deadline), which cost several times the query itself.
    # Only compared for equality, so the raw MAX(updated_at) (text on SQLite) is good enough.
    with connection.cursor() as cursor:
        cursor.execute(_version_sql())
        row = cursor.fetchone()
    return (_generation, *row)


_VERSION = """
SELECT COUNT(*), COUNT(CASE WHEN {working} THEN 1 END), MAX({updated}), MAX({pk}) FROM {table}
"""


def _version_sql() -> str:
    quote = connection.ops.quote_name
    meta = CalendarOverride._meta
    return _VERSION.format(
        working=quote(meta.get_field("is_working").column),
        updated=quote(meta.get_field("updated_at").column),
        pk=quote(meta.pk.column),
        table=quote(meta.db_table),
    )


def working_calendar() -> WorkingCalendar:
    """The working-day calendar: ``holidays`` VN with the override table winning over it.

    Built once per version of the table (~0.2 s for 2000-2100) and shared by the threads of
    this process; costs one small aggregate query per call to notice edits.
    """
    global _cached
    version = _table_version()
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        if _cached is not None and _cached[0] == version:
            return _cached[1]
        overrides = [
            Override(day, is_working, note, source)
            for day, is_working, note, source in CalendarOverride.objects.values_list(
                "day", "is_working", "note", "source"
            )
        ]
        calendar = WorkingCalendar(years=DEFAULT_YEARS, overrides=overrides)
        _cached = (version, calendar)
        return calendar


def invalidate_calendar() -> None:
    """Forget this process's calendar (other processes notice by the table's version)."""
    global _cached, _generation
    with _lock:
        _generation += 1
        _cached = None


@transaction.atomic
def calendar_override_set(
    *, day: date, is_working: bool, note: str = "", source: str = ""
) -> tuple[CalendarOverride, bool]:
    """Add or change the override of ``day``; returns ``(override, created)``.

    The caller recomputes open questions' deadlines afterwards (questions app).
    """
    override, created = CalendarOverride.objects.update_or_create(
        day=day, defaults={"is_working": is_working, "note": note.strip(), "source": source}
    )
    # Now, for a recompute in this same transaction, and again at commit for the others.
    invalidate_calendar()
    transaction.on_commit(invalidate_calendar)
    return override, created


@transaction.atomic
def calendar_override_delete(*, day: date) -> bool:
    deleted, _ = CalendarOverride.objects.filter(day=day).delete()
    invalidate_calendar()
    transaction.on_commit(invalidate_calendar)
    return bool(deleted)


# --- A new question's deadlines -----------------------------------------------------------------


def route_by(*, category: Category | None, received_on: date) -> date:
    """Route within N working days of receipt (day zero is the day of receipt)."""
    return working_calendar().add_working_days(received_on, policy_for(category).route_within)


def answer_due(*, category: Category | None, received_on: date) -> date:
    """Answer within N working days of receipt, before any pause or extension."""
    return working_calendar().add_working_days(received_on, policy_for(category).answer_within)
