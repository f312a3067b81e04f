"""Routing quality for supervisors, per period, straight from the event log
(docs/design.md#routing).

- :func:`routing_sources`: how new questions were routed — by a rule, the model or a person
  (the ``source`` of each question's first "question.routed" event) and the automatic share.
- :func:`first_unit_answered`: of the questions answered in a period, the share answered by the
  unit they were first routed to (no transfer or re-route that stuck).
- :func:`routing_quality`: both, summed over a dashboard's period of local dates.

Every figure is one aggregate SQL query (GROUP BY period), never a loop over questions, so a
dashboard over years of history stays fast. Periods are calendar days, ISO weeks or months in
the project's time zone; ``start`` is inclusive and ``end`` exclusive (datetimes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek
from django.utils import timezone

from .audit import AuditAction
from .models import Event, Question

PERIODS = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth}


def _trunc(period: str, field: str):
    try:
        return PERIODS[period](field)
    except KeyError:
        raise ValueError(f"period must be one of {sorted(PERIODS)}, not {period!r}") from None


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class SourceShare:
    period: date
    total: int
    rule: int
    model: int
    person: int

    @property
    def automatic(self) -> int:
        return self.rule + self.model

    @property
    def automatic_share(self) -> float:
        return self.automatic / self.total if self.total else 0.0


def routing_sources(*, start: datetime, end: datetime, period: str = "month") -> list[SourceShare]:
    """First routings per period, by who decided them.

    "question.routed" is written once per question (later changes are "question.rerouted" or
    "question.transferred"), so each question counts once, in the period it was first routed.
    Events from before sources were recorded have none and count as "person".
    """
    rows = (
        Event.objects.filter(action=AuditAction.ROUTED, created_at__gte=start, created_at__lt=end)
        .annotate(period=_trunc(period, "created_at"))
        .values("period")
        .annotate(
            total=Count("pk"),
            rule=Count("pk", filter=Q(data__source="rule")),
            model=Count("pk", filter=Q(data__source="model")),
        )
        .order_by("period")
    )
    return [
        SourceShare(
            period=_day(row["period"]),
            total=row["total"],
            rule=row["rule"],
            model=row["model"],
            person=row["total"] - row["rule"] - row["model"],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class FirstUnitShare:
    period: date
    answered: int
    by_first_unit: int

    @property
    def share(self) -> float:
        return self.by_first_unit / self.answered if self.answered else 0.0


def first_unit_answered(
    *, start: datetime, end: datetime, period: str = "month"
) -> list[FirstUnitShare]:
    """Questions answered in each period, and how many by the unit first routed to.

    "Answered" is the "question.answered" event (the head's approval), counted in the period
    of the question's first answer; the answering unit is the question's unit now (a
    reopened-and-transferred question counts for the unit that holds it).
    """
    first_answer = (
        Event.objects.filter(question=OuterRef("pk"), action=AuditAction.ANSWERED)
        .order_by("created_at", "pk")
        .values("created_at")[:1]
    )
    first_unit = (
        Event.objects.filter(question=OuterRef("pk"), action=AuditAction.ROUTED)
        .order_by("created_at", "pk")
        .annotate(first_unit=KeyTextTransform("unit", "data"))
        .values("first_unit")[:1]
    )
    rows = (
        Question.objects.annotate(answered_on=Subquery(first_answer))
        .filter(answered_on__gte=start, answered_on__lt=end, unit__isnull=False)
        .annotate(period=_trunc(period, "answered_on"), first_unit=Subquery(first_unit))
        .values("period")
        .annotate(
            answered=Count("pk"),
            by_first_unit=Count("pk", filter=Q(first_unit=F("unit__code"))),
        )
        .order_by("period")
    )
    return [
        FirstUnitShare(
            period=_day(row["period"]),
            answered=row["answered"],
            by_first_unit=row["by_first_unit"],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class RoutingQuality:
    """A period's routing figures: who routed, and how often the first unit was the right one."""

    routed: int
    automatic: int  # by a routing rule or the model, without a person
    answered: int
    by_first_unit: int

    @property
    def automatic_share(self) -> float | None:
        return self.automatic / self.routed if self.routed else None

    @property
    def first_unit_share(self) -> float | None:
        return self.by_first_unit / self.answered if self.answered else None


def routing_quality(*, start: date, end: date) -> RoutingQuality:
    """The routing figures of local dates ``start``..``end`` (both included): questions first
    routed in the period and by whom, questions first answered in it and by which unit."""
    tz = timezone.get_current_timezone()
    lower = datetime.combine(start, time.min, tzinfo=tz)
    upper = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    sources = routing_sources(start=lower, end=upper)
    answers = first_unit_answered(start=lower, end=upper)
    return RoutingQuality(
        routed=sum(r.total for r in sources),
        automatic=sum(r.automatic for r in sources),
        answered=sum(r.answered for r in answers),
        by_first_unit=sum(r.by_first_unit for r in answers),
    )
