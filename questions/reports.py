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

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from routing.deadlines import working_calendar
from routing.models import Unit

from .models import OPEN_STATUSES, Event, Question, Status
from .timeliness import EARLY, LATE, ON_TIME, OVERDUE, annotate_timeliness

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
    aggregates = {
        name: Count("pk", filter=condition) if name != "received" else Count("pk")
        for name, condition in MEASURES.items()
    }
    rows: dict[int | None, UnitFigures] = {}
    for values in questions.values("unit_id").annotate(
        **aggregates, rating_sum=Sum("satisfaction")
    ):
        unit_id = values.pop("unit_id")
        values["rating_sum"] = values["rating_sum"] or 0
        rows[unit_id] = UnitFigures(unit=None, **values)

    # Working days to answer: a histogram per unit from distinct (received, answered) dates.
    calendar = working_calendar()
    tz = timezone.get_current_timezone()
    pairs = (
        questions.filter(MEASURES["answered"])
        .annotate(received_on=TruncDate("received_at", tzinfo=tz))
        .values("unit_id", "received_on", "answered_on")
        .annotate(n=Count("pk"))
    )
    for pair in pairs:
        days = calendar.count_working_days(pair["received_on"], pair["answered_on"])
        rows[pair["unit_id"]].histogram[max(days, 0)] += pair["n"]

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
    """For a trend chart: (period, timely, decided) per month, one SQL query per month."""
    points = []
    for period in months:
        questions = annotate_timeliness(received_between(period.start, period.end), today=today)
        if unit is not None:
            questions = questions.filter(unit_id__in=unit_and_predecessors(unit))
        counts = questions.aggregate(
            timely=Count("pk", filter=Q(timeliness__in=[EARLY, ON_TIME])),
            decided=Count("pk", filter=Q(timeliness__in=[EARLY, ON_TIME, LATE, OVERDUE])),
        )
        points.append((period, counts["timely"], counts["decided"]))
    return points


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
