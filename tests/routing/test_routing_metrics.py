"""Routing metrics from hand-built event logs: sources, first-unit answers, their sums."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from questions import routing_metrics
from questions.models import Event, Question
from tests.factories import make_question

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
START, END = datetime(2026, 1, 1, tzinfo=TZ), datetime(2026, 4, 1, tzinfo=TZ)


def at(month, day, hour=9):
    return datetime(2026, month, day, hour, tzinfo=TZ)


def event(question, action, when, **data):
    return Event.objects.create(question=question, action=action, created_at=when, data=data)


def question_in(unit=None):
    question = make_question()
    if unit is not None:
        Question.objects.filter(pk=question.pk).update(unit=unit)
    return question


@pytest.mark.django_db
def test_routing_sources_count_first_routings_per_month_by_who_decided():
    for source, when in [
        ("rule", at(1, 5)),
        ("model", at(1, 6)),
        ("model", at(1, 7)),
        ("person", at(1, 8)),
        ("person", at(2, 3)),
    ]:
        event(question_in(), "question.routed", when, source=source, unit="land")
    # A re-route is not a first routing, and March has nothing.
    event(question_in(), "question.rerouted", at(2, 4), source="person", unit="tax")
    rows = routing_metrics.routing_sources(start=START, end=END)
    assert [(r.period, r.total, r.rule, r.model, r.person) for r in rows] == [
        (date(2026, 1, 1), 4, 1, 2, 1),
        (date(2026, 2, 1), 1, 0, 0, 1),
    ]
    assert rows[0].automatic_share == 0.75
    assert rows[1].automatic_share == 0.0


@pytest.mark.django_db
def test_routings_recorded_before_sources_existed_count_as_by_a_person():
    event(question_in(), "question.routed", at(1, 5), unit="land")
    (row,) = routing_metrics.routing_sources(start=START, end=END)
    assert (row.total, row.person) == (1, 1)


@pytest.mark.django_db
def test_periods_follow_the_local_time_zone():
    # 23:30 on 31 January in Hanoi is still January, although it is 16:30 UTC.
    event(
        question_in(), "question.routed", datetime(2026, 1, 31, 23, 30, tzinfo=TZ), source="model"
    )
    (row,) = routing_metrics.routing_sources(start=START, end=END)
    assert row.period == date(2026, 1, 1)


@pytest.mark.django_db
def test_only_events_inside_the_period_count():
    event(question_in(), "question.routed", at(4, 1, 0), source="rule")
    event(question_in(), "question.routed", datetime(2025, 12, 31, 23, tzinfo=TZ), source="rule")
    assert routing_metrics.routing_sources(start=START, end=END) == []


@pytest.mark.django_db
def test_routing_sources_by_week():
    event(question_in(), "question.routed", at(1, 5), source="rule")  # a Monday
    event(question_in(), "question.routed", at(1, 12), source="rule")
    rows = routing_metrics.routing_sources(start=START, end=END, period="week")
    assert [r.period for r in rows] == [date(2026, 1, 5), date(2026, 1, 12)]


@pytest.mark.django_db
def test_first_unit_answered_compares_the_first_routing_with_the_answering_unit(land, tax):
    kept = question_in(land)
    event(kept, "question.routed", at(1, 5), source="model", unit="land")
    event(kept, "question.answered", at(1, 20))

    transferred = question_in(tax)
    event(transferred, "question.routed", at(1, 5), source="person", unit="land")
    event(transferred, "question.transferred", at(1, 8), from_unit="land", to_unit="tax")
    event(transferred, "question.answered", at(2, 2))

    back = question_in(land)  # transferred away and back: still the first unit
    event(back, "question.routed", at(1, 5), source="rule", unit="land")
    event(back, "question.transferred", at(1, 6), from_unit="land", to_unit="tax")
    event(back, "question.transferred", at(1, 7), from_unit="tax", to_unit="land")
    event(back, "question.answered", at(2, 9))

    unanswered = question_in(land)
    event(unanswered, "question.routed", at(1, 5), unit="land")

    rows = routing_metrics.first_unit_answered(start=START, end=END)
    assert [(r.period, r.answered, r.by_first_unit) for r in rows] == [
        (date(2026, 1, 1), 1, 1),
        (date(2026, 2, 1), 2, 1),
    ]
    assert rows[1].share == 0.5


@pytest.mark.django_db
def test_a_reopened_question_counts_in_the_period_of_its_first_answer(land):
    question = question_in(land)
    event(question, "question.routed", at(1, 5), unit="land")
    event(question, "question.answered", at(1, 20))
    event(question, "question.answered", at(3, 2))
    rows = routing_metrics.first_unit_answered(start=START, end=END)
    assert [(r.period, r.answered) for r in rows] == [(date(2026, 1, 1), 1)]


@pytest.mark.django_db
def test_each_metric_is_one_query(django_assert_num_queries):
    event(question_in(), "question.routed", at(1, 5), source="rule", unit="land")
    for metric in (
        routing_metrics.routing_sources,
        routing_metrics.first_unit_answered,
    ):
        with django_assert_num_queries(1):
            metric(start=START, end=END)


@pytest.mark.django_db
def test_routing_quality_sums_a_period_of_local_dates_both_ends_included(land, tax):
    kept = question_in(land)
    event(
        kept, "question.routed", datetime(2026, 1, 1, 0, 10, tzinfo=TZ), source="rule", unit="land"
    )
    event(kept, "question.answered", at(2, 27))
    moved = question_in(tax)
    event(moved, "question.routed", datetime(2026, 2, 28, 23, 50, tzinfo=TZ), unit="land")
    event(moved, "question.answered", datetime(2026, 2, 28, 23, 55, tzinfo=TZ))
    for outside in (
        datetime(2025, 12, 31, 23, 50, tzinfo=TZ),
        datetime(2026, 3, 1, 0, 5, tzinfo=TZ),
    ):
        event(question_in(), "question.routed", outside, source="rule", unit="land")

    quality = routing_metrics.routing_quality(start=date(2026, 1, 1), end=date(2026, 2, 28))

    assert (quality.routed, quality.automatic) == (2, 1)
    assert (quality.answered, quality.by_first_unit) == (2, 1)
    assert quality.automatic_share == quality.first_unit_share == 0.5


@pytest.mark.django_db
def test_routing_quality_of_an_empty_period_has_no_shares():
    quality = routing_metrics.routing_quality(start=date(2026, 1, 1), end=date(2026, 1, 31))

    assert quality.automatic_share is None and quality.first_unit_share is None
