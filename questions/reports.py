"""Timeliness figures per unit and period, aggregated in SQL (DESIGN §6).

A report covers the questions *received* in the period. Early / on time / late compare the
local answer date with the due date (derived by ``timeliness.annotate_timeliness``, never
stored); median working days to answer come from a histogram of (received, answered) date pairs
grouped in SQL, so the Python work grows with the number of distinct day pairs, not with the
number of questions. Units merged in the 2025 reform roll up into their successors.

Every figure is defined once, in :data:`MEASURES`, and serves both the aggregate (``Count`` with
that filter) and the drill-down to the questions behind the number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    F,
    Func,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from routing.deadlines import working_calendar
from routing.models import Unit

from .models import OPEN_STATUSES, Event, Question, Status
from .timeliness import (
    CLOCK_RUNNING_STATUSES,
    DUE_SOON,
    EARLY,
    LATE,
    ON_TIME,
    OPEN,
    OVERDUE,
    PAUSED,
    due_soon_q,
    due_soon_until,
    overdue_q,
)

# --- Local dates in plain SQL ---------------------------------------------------------------------


def _fixed_utc_offset() -> int | None:
    """Seconds east of UTC of the current time zone if it has no daylight saving (Vietnam:
    +07:00 since 1975), else None."""
    return _utc_offset_of(timezone.get_current_timezone_name())


@lru_cache(maxsize=8)
def _utc_offset_of(name: str) -> int | None:
    tz = ZoneInfo(name)
    year = date.today().year  # noqa: DTZ011 — only bounds the years checked
    offsets = {
        datetime(y, m, 1, tzinfo=tz).utcoffset() for y in range(2000, year + 2) for m in (1, 7)
    }
    if len(offsets) != 1:
        return None
    return int(next(iter(offsets)).total_seconds())


class LocalDate(Func):
    """The local date of a datetime column.

    Why not ``TruncDate``: on SQLite Django converts each value in a Python function
    (~13 µs a row), which made a year's report over 1M questions take ~15 s. A zone without
    daylight saving is a fixed offset, so SQLite's own ``date(col, '+25200 seconds')`` gives the
    same date in C. PostgreSQL (and a zone with DST) keep ``TruncDate``.
    """

    output_field = DateField()

    def as_sql(self, compiler, connection, **extra_context):
        tz = timezone.get_current_timezone()
        return compiler.compile(TruncDate(self.source_expressions[0], tzinfo=tz))

    def as_sqlite(self, compiler, connection, **extra_context):
        offset = _fixed_utc_offset()
        if offset is None:
            return self.as_sql(compiler, connection, **extra_context)
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, '{offset:+d} seconds')", params


def annotate_timeliness(questions: QuerySet[Question], *, today: date) -> QuerySet[Question]:
    """``questions.timeliness.annotate_timeliness`` with the local date computed in SQL.

    The same states by the same rules (an answer on the due date is on time; a paused clock
    is neither overdue nor due soon); ``test_reports`` checks both agree question by question.
    """
    until = due_soon_until(today)
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


# One definition per figure, over questions annotated by annotate_timeliness.
MEASURES: dict[str, Q] = {
    "received": Q(),
    "answered": Q(answered_at__isnull=False) & ~Q(status__in=OPEN_STATUSES),
    "early": Q(timeliness=EARLY),
    "on_time": Q(timeliness=ON_TIME),
    "late": Q(timeliness=LATE),
    "open": Q(status__in=OPEN_STATUSES),
    "overdue_open": Q(timeliness=OVERDUE),
    "published": Q(status=Status.PUBLISHED),
    "rated": Q(satisfaction__isnull=False),
}


@dataclass
class UnitFigures:
    unit: Unit | None
    received: int = 0
    answered: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    open: int = 0
    overdue_open: int = 0
    published: int = 0
    rated: int = 0
    rating_sum: int = 0
    transferred: int = 0
    # working days from receipt to answer → number of questions
    histogram: Counter = field(default_factory=Counter)

    @property
    def timely(self) -> int:
        return self.early + self.on_time

    @property
    def decided(self) -> int:
        """Answered, plus still open but already overdue (see helpdesk.ranking)."""
        return self.early + self.on_time + self.late + self.overdue_open

    @property
    def timely_rate(self) -> float | None:
        return self.timely / self.decided if self.decided else None

    @property
    def published_share(self) -> float | None:
        return self.published / self.answered if self.answered else None

    @property
    def satisfaction(self) -> float | None:
        return self.rating_sum / self.rated if self.rated else None

    @property
    def median_working_days(self) -> float | None:
        from helpdesk.ranking import median_of_histogram

        return median_of_histogram(self.histogram)

    def add(self, other: UnitFigures) -> None:
        for name in (
            "received", "answered", "early", "on_time", "late", "open", "overdue_open",
            "published", "rated", "rating_sum", "transferred",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.histogram.update(other.histogram)


def _local_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )


def received_between(start: date, end: date) -> QuerySet[Question]:
    """Questions received on local dates ``start``..``end`` (both included)."""
    lower, upper = _local_bounds(start, end)
    return Question.objects.filter(received_at__gte=lower, received_at__lt=upper)


def _successors() -> tuple[dict[int, Unit], dict[int, int]]:
    """All units by id, and each unit's id → the id of the unit its figures roll up into."""
    units = {u.pk: u for u in Unit.objects.all()}

    def final(unit: Unit) -> int:
        seen = {unit.pk}
        while unit.successor_id and unit.successor_id in units and unit.successor_id not in seen:
            seen.add(unit.successor_id)
            unit = units[unit.successor_id]
        return unit.pk

    return units, {pk: final(unit) for pk, unit in units.items()}


def unit_and_predecessors(unit: Unit) -> list[int]:
    """``unit`` and every unit that rolls up into it (for drill-downs)."""
    _, rolls_into = _successors()
    return [pk for pk, target in rolls_into.items() if target == unit.pk]


def timeliness_report(
    *, start: date, end: date, today: date, roll_up: bool = True
) -> list[UnitFigures]:
    """One row per unit that received questions in the period (merged units rolled up)."""
    questions = annotate_timeliness(received_between(start, end), today=today)
    rows: dict[int | None, UnitFigures] = {}
    # Grouped by (unit, timeliness, status, answered) rather than one filtered COUNT per figure:
    # the timeliness CASE is then evaluated once per question instead of once per figure,
    # which on SQLite (whose local-date conversion is a Python function) is most of the cost.
    groups = (
        questions.annotate(
            has_answer=Case(When(MEASURES["answered"], then=Value(1)), default=Value(0))
        )
        .values("unit_id", "timeliness", "status", "has_answer")
        .annotate(n=Count("pk"), rated=Count("satisfaction"), rating_sum=Sum("satisfaction"))
        .order_by()
    )
    for group in groups:
        row = rows.setdefault(group["unit_id"], UnitFigures(unit=None))
        n, state, status = group["n"], group["timeliness"], group["status"]
        row.received += n
        row.answered += n if group["has_answer"] else 0
        if state in (EARLY, ON_TIME, LATE, OVERDUE):
            name = {EARLY: "early", ON_TIME: "on_time", LATE: "late", OVERDUE: "overdue_open"}
            setattr(row, name[state], getattr(row, name[state]) + n)
        row.open += n if status in OPEN_STATUSES else 0
        row.published += n if status == Status.PUBLISHED else 0
        row.rated += group["rated"]
        row.rating_sum += group["rating_sum"] or 0

    # Working days to answer: a histogram per unit from distinct (received, answered) dates.
    calendar = working_calendar()
    # Tuples, not dicts, and one calendar lookup per distinct date pair (a year over 40 units
    # has ~10^5 unit-date-date groups but only ~10^4 date pairs).
    pairs = (
        questions.filter(MEASURES["answered"])
        .annotate(received_on=LocalDate("received_at"))
        .values_list("unit_id", "received_on", "answered_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    days_between: dict[tuple[date, date], int] = {}
    for unit_id, received_on, answered_on, n in pairs:
        key = (received_on, answered_on)
        days = days_between.get(key)
        if days is None:
            days = days_between[key] = max(calendar.count_working_days(*key), 0)
        rows[unit_id].histogram[days] += n

    # Transfers out of each unit, counted once per question.
    lower, upper = _local_bounds(start, end)
    transfers = (
        Event.objects.filter(
            action="question.transferred",
            question__received_at__gte=lower,
            question__received_at__lt=upper,
        )
        .values("data__from_unit")
        .annotate(n=Count("question_id", distinct=True))
    )
    units, rolls_into = _successors()
    code_to_id = {u.code: pk for pk, u in units.items()}
    for row in transfers:
        unit_id = code_to_id.get(row["data__from_unit"])
        rows.setdefault(unit_id, UnitFigures(unit=None)).transferred += row["n"]

    result: dict[int | None, UnitFigures] = {}
    for unit_id, figures in rows.items():
        target = rolls_into.get(unit_id, unit_id) if (roll_up and unit_id) else unit_id
        if target not in result:
            result[target] = UnitFigures(unit=units.get(target) if target else None)
        result[target].add(figures)
    return sorted(result.values(), key=lambda f: (f.unit is None, f.unit.name if f.unit else ""))


def totals(rows: list[UnitFigures]) -> UnitFigures:
    total = UnitFigures(unit=None)
    for row in rows:
        total.add(row)
    return total


def monthly_timely_rates(
    *, months: list, today: date, unit: Unit | None = None
) -> list[tuple[object, int, int]]:
    """For a trend chart: (period, timely, decided) per month.

    One scan over the whole range, grouped by local day of receipt (a few hundred rows), then
    summed into the months in Python — rather than one query per month.
    """
    if not months:
        return []
    questions = annotate_timeliness(received_between(months[0].start, months[-1].end), today=today)
    if unit is not None:
        questions = questions.filter(unit_id__in=unit_and_predecessors(unit))
    days = (
        questions.annotate(received_on=LocalDate("received_at"))
        .values_list("received_on")
        .annotate(
            timely=Count("pk", filter=Q(timeliness__in=[EARLY, ON_TIME])),
            decided=Count("pk", filter=Q(timeliness__in=[EARLY, ON_TIME, LATE, OVERDUE])),
        )
        .order_by()
    )
    totals_by_month = {period: [0, 0] for period in months}
    for received_on, timely, decided in days:
        for period in months:
            if period.start <= received_on <= period.end:
                totals_by_month[period][0] += timely
                totals_by_month[period][1] += decided
                break
    return [(period, *totals_by_month[period]) for period in months]


def questions_behind(
    *, start: date, end: date, today: date, measure: str, unit: Unit | None = None
) -> QuerySet[Question]:
    """The questions counted by one figure of the report (the drill-down)."""
    if measure not in MEASURES and measure != "transferred":
        raise KeyError(measure)
    questions = annotate_timeliness(received_between(start, end), today=today)
    if unit is not None:
        ids = unit_and_predecessors(unit)
        if measure == "transferred":
            codes = list(Unit.objects.filter(pk__in=ids).values_list("code", flat=True))
            return questions.filter(
                events__action="question.transferred", events__data__from_unit__in=codes
            ).distinct()
        questions = questions.filter(unit_id__in=ids)
    if measure == "transferred":
        return questions.filter(events__action="question.transferred").distinct()
    return questions.filter(MEASURES[measure])
