"""Timeliness figures per unit and period, aggregated in SQL (docs/design.md#supervision).

A report covers the questions *received* in the period. Early / on time / late compare the
local answer date with the due date (derived by ``annotate_timeliness``, never stored).

Everything comes from one scan of the period (:func:`_groups`), grouped by unit, status,
timeliness and — for answered questions — the (received, answered) local dates, for the others
the month of receipt. The groups number a few ten thousand however many questions there are,
so the Python work (summing, and the median's working days, one calendar lookup per distinct
date pair) does not grow with the questions. A year's dashboard reads its 12-month trend from
the same scan (:func:`dashboard_figures`). Units merged in the 2025 reform roll up into their
successors.

Every figure is defined once, in :data:`MEASURES`, and serves both the aggregate and the
drill-down to the questions behind the number.
"""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    DateField,
    Q,
    QuerySet,
    Sum,
    When,
)
from django.utils import timezone

from routing.deadlines import working_calendar
from routing.models import Unit

from .audit import AuditAction
from .models import OPEN_STATUSES, Event, Question, Status
from .sql_dates import LocalDate, LocalMonth
from .timeliness import (
    EARLY,
    LATE,
    ON_TIME,
    OVERDUE,
    annotate_timeliness,
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
        from .timeliness import median_of_histogram

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


# --- One pass over a period of receipt ------------------------------------------------------------

# A grouped row of the pass: unit, status, timeliness, a receipt day (answered questions, for
# the median) or month (the others), the local answer day (answered questions only), and the
# question count, ratings count and ratings sum of the group.
Group = tuple[int | None, str, str | None, date, date | None, int, int, int | None]


@contextmanager
def _aggregating():
    """On PostgreSQL, a transaction tuned for one large GROUP BY.

    The planner cannot estimate how few groups a CASE yields, assumes one per row, and would
    sort a year of questions on disk rather than hash them (a few MB): give the transaction
    the memory. JIT compilation costs more than it saves on a query of this size. Inside an
    outer transaction (``freeze_rankings``, tests) this is a savepoint and the settings last
    until the outer transaction ends: harmless.
    """
    if connection.vendor != "postgresql":
        # Not on SQLite: a transaction there (BEGIN IMMEDIATE) would take the write lock and
        # hold every citizen's submission back for as long as the report runs.
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute("SET LOCAL jit = off")
        yield


def _groups(start: date, end: date, *, today: date) -> list[Group]:
    """Questions received ``start``..``end`` in one scan, grouped so that every figure of the
    report and of the trend can be summed from the groups.

    Answered questions group by (receipt day, answer day), which the median's working days
    need; the others by month of receipt only. A year over 40 units is ~3·10^4 groups, however
    many questions; the timeliness CASE and the local dates are evaluated once per question.
    """
    questions = annotate_timeliness(received_between(start, end), today=today)
    with _aggregating():
        return list(
            questions.annotate(
                # Keyed on answered_at alone (cheaper than the full "answered" test): a reopened
                # question keeps its first answer's date, and _figures_by_unit ignores it.
                received_key=Case(
                    When(answered_at__isnull=True, then=LocalMonth("received_at")),
                    default=LocalDate("received_at"),
                    output_field=DateField(),
                ),
            )
            .values_list("unit_id", "status", "timeliness", "received_key", "answered_on")
            .annotate(n=Count("pk"), rated=Count("satisfaction"), rating_sum=Sum("satisfaction"))
            .order_by()
        )


_STATE_FIELDS = {EARLY: "early", ON_TIME: "on_time", LATE: "late", OVERDUE: "overdue_open"}


def _figures_by_unit(groups: list[Group]) -> dict[int | None, UnitFigures]:
    rows: dict[int | None, UnitFigures] = {}
    calendar = working_calendar()
    # One calendar lookup per distinct (received, answered) pair: ~10^4 in a year.
    days_between: dict[tuple[date, date], int] = {}
    for unit_id, status, state, received_key, answered_on, n, rated, rating_sum in groups:
        row = rows.get(unit_id)
        if row is None:
            row = rows[unit_id] = UnitFigures(unit=None)
        row.received += n
        if state in _STATE_FIELDS:
            name = _STATE_FIELDS[state]
            setattr(row, name, getattr(row, name) + n)
        if status in OPEN_STATUSES:
            row.open += n
        elif status == Status.PUBLISHED:
            row.published += n
        row.rated += rated
        row.rating_sum += rating_sum or 0
        if answered_on is not None and status not in OPEN_STATUSES:
            row.answered += n
            key = (received_key, answered_on)
            days = days_between.get(key)
            if days is None:
                days = days_between[key] = max(calendar.count_working_days(*key), 0)
            row.histogram[days] += n
    return rows


def _transfers_by_unit(start: date, end: date) -> Counter:
    """Questions received in the period transferred out of each unit (id), once per question."""
    lower, upper = _local_bounds(start, end)
    transfers = (
        Event.objects.filter(
            action=AuditAction.TRANSFERRED,
            question__received_at__gte=lower,
            question__received_at__lt=upper,
        )
        .values_list("data__from_unit")
        .annotate(n=Count("question_id", distinct=True))
        .order_by()
    )
    code_to_id = dict(Unit.objects.values_list("code", "pk"))
    counts: Counter = Counter()
    for code, n in transfers:
        counts[code_to_id.get(code)] += n
    return counts


def _report(groups: list[Group], transfers: Counter, *, roll_up: bool) -> list[UnitFigures]:
    rows = _figures_by_unit(groups)
    for unit_id, n in transfers.items():
        rows.setdefault(unit_id, UnitFigures(unit=None)).transferred += n
    units, rolls_into = _successors()
    result: dict[int | None, UnitFigures] = {}
    for unit_id, figures in rows.items():
        target = rolls_into.get(unit_id, unit_id) if (roll_up and unit_id) else unit_id
        if target not in result:
            result[target] = UnitFigures(unit=units.get(target) if target else None)
        result[target].add(figures)
    return sorted(result.values(), key=lambda f: (f.unit is None, f.unit.name if f.unit else ""))


def timeliness_report(
    *, start: date, end: date, today: date, roll_up: bool = True
) -> list[UnitFigures]:
    """One row per unit that received questions in the period (merged units rolled up)."""
    return _report(
        _groups(start, end, today=today), _transfers_by_unit(start, end), roll_up=roll_up
    )


def totals(rows: list[UnitFigures]) -> UnitFigures:
    total = UnitFigures(unit=None)
    for row in rows:
        total.add(row)
    return total


TrendPoint = tuple[object, int, int]


def _trend(groups: list[Group], months: list, unit_ids: set[int] | None) -> list[TrendPoint]:
    by_month = {period.start: [period, 0, 0] for period in months}
    for unit_id, _status, state, received_key, _answered, n, _rated, _sum in groups:
        if unit_ids is not None and unit_id not in unit_ids:
            continue
        point = by_month.get(received_key.replace(day=1))
        if point is None or state not in _STATE_FIELDS:
            continue
        point[2] += n  # decided: answered, or open past its due date
        if state in (EARLY, ON_TIME):
            point[1] += n
    return [tuple(point) for point in by_month.values()]


def monthly_timely_rates(
    *, months: list, today: date, unit: Unit | None = None
) -> list[TrendPoint]:
    """For a trend chart: (period, timely, decided) per month, ``months`` consecutive whole
    months (oldest first). One scan grouped by local month of receipt."""
    if not months:
        return []
    questions = annotate_timeliness(received_between(months[0].start, months[-1].end), today=today)
    if unit is not None:
        questions = questions.filter(unit_id__in=unit_and_predecessors(unit))
    decided = [EARLY, ON_TIME, LATE, OVERDUE]
    with _aggregating():
        groups = list(
            questions.filter(timeliness__in=decided)
            .annotate(month=LocalMonth("received_at"))
            .values_list("month", "timeliness")
            .annotate(n=Count("pk"))
            .order_by()
        )
    return _trend(
        [(None, "", state, month_start, None, n, 0, 0) for month_start, state, n in groups],
        months,
        unit_ids=None,
    )


def dashboard_figures(
    *, start: date, end: date, months: list, today: date, unit: Unit | None = None
) -> tuple[list[UnitFigures], list[TrendPoint]]:
    """The dashboard's report for ``start``..``end`` and its trend over ``months``.

    When the period is the trend's range (a year's page: its twelve months), both come from one
    scan. Otherwise the report scans its period and the trend its months, grouped by month
    alone: for a month's page that is cheaper than one fine-grained scan of the twelve months.
    """
    if not months or (start, end) != (months[0].start, months[-1].end):
        trend = monthly_timely_rates(months=months, today=today, unit=unit) if months else []
        return timeliness_report(start=start, end=end, today=today), trend
    groups = _groups(start, end, today=today)
    unit_ids = None if unit is None else set(unit_and_predecessors(unit))
    return (
        _report(groups, _transfers_by_unit(start, end), roll_up=True),
        _trend(groups, months, unit_ids),
    )


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
                events__action=AuditAction.TRANSFERRED, events__data__from_unit__in=codes
            ).distinct()
        questions = questions.filter(unit_id__in=ids)
    if measure == "transferred":
        return questions.filter(events__action=AuditAction.TRANSFERRED).distinct()
    return questions.filter(MEASURES[measure])
