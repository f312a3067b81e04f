"""Where a question stands against its deadlines — derived from dates, never stored
(docs/lifecycle.md).

Three things live here:

* the deadline arithmetic from a question's stored facts (day zero, the policy copied at
  receipt, the working days paused and extended), shared by the services that move deadlines
  and by the recompute after a calendar change, so both always agree;
* the explanation a citizen sees ("received on …, 15 working days, skipping …, paused 3 days
  for your reply, extended 5 days because …");
* the timeliness flags: due soon, overdue, and once answered early / on time / late, as Python
  helpers for one question and as SQL (``annotate_timeliness``, ``overdue_q``, ``due_soon_q``)
  for lists, filters and the supervisors' aggregates.

Rules: a deadline is a date in Asia/Ho_Chi_Minh; an answer on the due date is on time; a
question waiting for the citizen's clarification is neither overdue nor due soon (its clock is
stopped, and its due date moves by the working days it waited when the citizen replies).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from routing.calendar import DayReason, WorkingCalendar
from routing.deadlines import policy_for, progress_notice_offset, working_calendar

from .models import OPEN_STATUSES, ExtensionRequest, Question, Status
from .sql_dates import LocalDate

# Open questions whose clock runs: waiting for the citizen stops it (docs/lifecycle.md).
CLOCK_RUNNING_STATUSES = frozenset(OPEN_STATUSES - {Status.AWAITING_CITIZEN})

EARLY, ON_TIME, LATE, OVERDUE, DUE_SOON, PAUSED, OPEN = (
    "early",
    "on_time",
    "late",
    "overdue",
    "due_soon",
    "paused",
    "open",
)
LABELS = {
    EARLY: _("answered early"),
    ON_TIME: _("answered on time"),
    LATE: _("answered late"),
    OVERDUE: _("overdue"),
    DUE_SOON: _("due soon"),
    PAUSED: _("clock paused"),
    OPEN: _("on track"),
}


def due_soon_working_days() -> int:
    """How many working days ahead count as "due soon" (HELPDESK["DUE_SOON_WORKING_DAYS"])."""
    return int(getattr(settings, "HELPDESK", {}).get("DUE_SOON_WORKING_DAYS", 2))


# --- Deadlines from stored facts ----------------------------------------------------------------


def answer_period(question: Question) -> int:
    """Working days from day zero to the answer due date: policy + paused + extended."""
    policy_days = question.answer_within_days
    if policy_days is None:
        policy_days = policy_for(question.category).answer_within
    return policy_days + question.paused_working_days + question.extended_working_days


def computed_answer_due(question: Question, calendar: WorkingCalendar) -> date | None:
    if question.deadline_start is None:
        return question.answer_due
    return calendar.add_working_days(question.deadline_start, answer_period(question))


def computed_progress_notice_on(question: Question, calendar: WorkingCalendar) -> date | None:
    """Half-way (the category's share) of the policy period, moved by the days paused."""
    if question.deadline_start is None or question.answer_within_days is None:
        return None
    percent = policy_for(question.category).progress_notice_percent
    offset = progress_notice_offset(question.answer_within_days, percent)
    if offset is None:
        return None
    return calendar.add_working_days(question.deadline_start, offset + question.paused_working_days)


def transfer_by(question: Question, calendar: WorkingCalendar | None = None) -> date | None:
    """By when the unit holding the question must pass it on if it is not theirs to answer.

    ND 20/2008 Art. 9: an item outside the competence of the agency that received it is
    forwarded within 5 working days, counted from the day the unit received it (routing or the
    last transfer). Shown to staff; it does not move the citizen's answer date.
    """
    if question.routed_at is None or question.status not in CLOCK_RUNNING_STATUSES:
        return None
    calendar = calendar or working_calendar()
    days = policy_for(question.category).transfer_within
    return calendar.add_working_days(timezone.localdate(question.routed_at), days)


# --- The explanation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineExplanation:
    """How the answer due date was computed, in the terms a citizen can check."""

    start: date
    restarted: bool  # day zero is a reopening, not the receipt
    policy_days: int
    paused_days: int
    extended_days: int
    working_days: int
    due: date
    skipped: tuple[DayReason, ...]
    extensions: tuple[ExtensionRequest, ...] = field(default=())
    paused_since: date | None = None
    # ``skipped`` split for reading: holidays and announced days by name, weekends counted.
    named_days: tuple[DayReason, ...] = field(default=())
    weekend_days: int = 0


def explain_answer_due(
    question: Question, calendar: WorkingCalendar | None = None
) -> DeadlineExplanation | None:
    """The answer due date with its computation, or None for a question without one."""
    if question.deadline_start is None or question.answer_due is None:
        return None
    calendar = calendar or working_calendar()
    total = answer_period(question)
    explained = calendar.explain(question.deadline_start, total)
    restarted = question.deadline_start != timezone.localdate(question.received_at)
    extensions = tuple(
        e
        for e in question.extensions.filter(state=ExtensionRequest.State.APPROVED).order_by(
            "decided_at", "pk"
        )
        if e.decided_at and timezone.localdate(e.decided_at) >= question.deadline_start
    )
    return DeadlineExplanation(
        start=question.deadline_start,
        restarted=restarted,
        policy_days=total - question.paused_working_days - question.extended_working_days,
        paused_days=question.paused_working_days,
        extended_days=question.extended_working_days,
        working_days=total,
        due=explained.due,
        skipped=explained.skipped,
        extensions=extensions,
        paused_since=question.paused_on if question.status == Status.AWAITING_CITIZEN else None,
        named_days=tuple(d for d in explained.skipped if not calendar.is_weekly_rest(d.day)),
        weekend_days=sum(1 for d in explained.skipped if calendar.is_weekly_rest(d.day)),
    )


# --- Flags for one question ---------------------------------------------------------------------


@dataclass(frozen=True)
class Timeliness:
    """``state`` is one of early / on_time / late / overdue / due_soon / paused / open.

    ``working_days`` is how many working days early (early), late (late, overdue) or left
    (due_soon, open); 0 on time or without a deadline.
    """

    state: str
    working_days: int = 0

    @property
    def label(self) -> str:
        return str(LABELS[self.state])

    @property
    def is_overdue(self) -> bool:
        return self.state == OVERDUE

    @property
    def is_due_soon(self) -> bool:
        return self.state == DUE_SOON


def timeliness(
    question: Question, *, today: date, calendar: WorkingCalendar | None = None
) -> Timeliness | None:
    """The derived timeliness of ``question`` seen on ``today`` (None without a deadline)."""
    due = question.answer_due
    if due is None:
        return None
    calendar = calendar or working_calendar()
    if question.answered_at is not None and question.status not in OPEN_STATUSES:
        answered_on = timezone.localdate(question.answered_at)
        if answered_on < due:
            return Timeliness(EARLY, calendar.count_working_days(answered_on, due))
        if answered_on == due:
            return Timeliness(ON_TIME)
        return Timeliness(LATE, calendar.count_working_days(due, answered_on))
    if question.status not in OPEN_STATUSES:
        return None
    if question.status == Status.AWAITING_CITIZEN:
        return Timeliness(PAUSED)
    if today > due:
        return Timeliness(OVERDUE, calendar.count_working_days(due, today))
    left = calendar.count_working_days(today, due)
    if due <= due_soon_until(today, calendar):
        return Timeliness(DUE_SOON, left)
    return Timeliness(OPEN, left)


def due_soon_until(today: date, calendar: WorkingCalendar | None = None) -> date:
    """The last due date that counts as "due soon" on ``today``: N working days ahead."""
    calendar = calendar or working_calendar()
    return calendar.add_working_days(today, due_soon_working_days())


# --- The same in SQL ----------------------------------------------------------------------------


def overdue_q(today: date) -> Q:
    """Open, clock running, due date passed."""
    return Q(status__in=CLOCK_RUNNING_STATUSES, answer_due__lt=today)


def due_soon_q(today: date, until: date) -> Q:
    """Open, clock running, due between today and ``until`` (see :func:`due_soon_until`)."""
    return Q(status__in=CLOCK_RUNNING_STATUSES, answer_due__gte=today, answer_due__lte=until)


def annotate_timeliness(
    questions: QuerySet[Question], *, today: date, until: date | None = None
) -> QuerySet[Question]:
    """Add ``answered_on`` (local date) and ``timeliness`` (the states above) to each row.

    Plain ``CASE WHEN`` on dates, so it filters, groups and counts in SQL on SQLite and
    PostgreSQL alike (e.g. ``.values("unit").annotate(n=Count("pk", filter=Q(timeliness=…)))``).
    Working days early/late need the calendar: use :func:`timeliness` per row for those. The
    one definition: the reports and the dashboards count over it too.
    """
    until = until or due_soon_until(today)
    answered = Q(answered_at__isnull=False) & ~Q(status__in=OPEN_STATUSES)
    return questions.annotate(answered_on=LocalDate("answered_at")).annotate(
        timeliness=Case(
            When(answer_due__isnull=True, then=Value(None)),
            When(answered & Q(answered_on__lt=F("answer_due")), then=Value(EARLY)),
            When(answered & Q(answered_on=F("answer_due")), then=Value(ON_TIME)),
            When(answered, then=Value(LATE)),
            When(status=Status.AWAITING_CITIZEN, then=Value(PAUSED)),
            When(overdue_q(today), then=Value(OVERDUE)),
            When(due_soon_q(today, until), then=Value(DUE_SOON)),
            When(status__in=CLOCK_RUNNING_STATUSES, then=Value(OPEN)),
            default=Value(None),
            output_field=CharField(),
        )
    )


def median_of_histogram(histogram: dict[int, int]) -> float | None:
    """The median of values given as {value: count} (the lower-upper mean for even totals):
    the median working days to answer of the reports and the ranking."""
    total = sum(histogram.values())
    if total == 0:
        return None
    ordered: Sequence[tuple[int, int]] = sorted(histogram.items())
    middle = (total - 1) / 2
    low_index, high_index = math.floor(middle), math.ceil(middle)
    seen = 0
    low_value: int | None = None
    high_value: int | None = None
    for value, count in ordered:
        if low_value is None and seen + count > low_index:
            low_value = value
        if seen + count > high_index:
            high_value = value
            break
        seen += count
    if low_value is None or high_value is None:
        return None  # not reached: the counts add up to total
    return (low_value + high_value) / 2
