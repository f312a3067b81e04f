"""One deadline sweep over 100,000 open questions (target < 10 s), query count independent of
the number of questions, on SQLite and, when DATABASE_URL points at it, on PostgreSQL.

    .venv/bin/python -m pytest tests/benchmarks/bench_deadlines.py -s
    DATABASE_URL=postgres://… .venv/bin/python -m pytest tests/benchmarks/bench_deadlines.py -s

Prints figures; asserts only that the sweep did its job (every due notification recorded and
sent once) and that the query counts at two sizes are equal. Also prints the calendar's due
dates per second (tests/benchmarks/bench_calendar.py).
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from helpdesk import clock
from questions.models import Notification, Question, Role, Status
from questions.sweep import (
    CHUNK,
    SweepReport,
    record_due_notifications,
    remind_before_working_days,
    run_sweep,
)
from questions.timeliness import computed_progress_notice_on
from routing.deadlines import working_calendar
from routing.models import Category, Unit
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

# A Wednesday after a working Tuesday, in an ordinary month (on a weekend or after a holiday
# nothing becomes due; just after Tết a third of all open questions fall due on one day).
TODAY = "2026-06-10 10:00 +0700"


@pytest.fixture(autouse=True)
def _a_working_wednesday():
    with time_machine.travel(TODAY, tick=True):
        yield


SIZES = (10_000, 100_000)
TARGET_SECONDS = 10.0
UNITS = 20


@pytest.fixture
def organisation():
    units, officers = [], {}
    for i in range(UNITS):
        unit = Unit.objects.create(code=f"u{i}", name=f"Đơn vị {i}", kind=Unit.Kind.DEPARTMENT)
        units.append(unit)
        make_staff(f"head{i}", Role.HEAD, unit).__class__.objects.filter(
            username=f"head{i}"
        ).update(email=f"head{i}@example.vn")
        officers[unit.pk] = [make_staff(f"officer{i}-{j}", Role.OFFICER, unit) for j in range(3)]
    make_staff("supervisor", Role.SUPERVISOR, units[0])
    category = Category.objects.create(code="chung", name="Chung", default_unit=units[0])
    return units, officers, category


def bulk_open_questions(n: int, organisation, *, start_serial: int = 0) -> None:
    """``n`` open, assigned questions received over the last 30 days (so some are half-way,
    some due within 2 working days, some overdue), inserted in batches without services."""
    units, officers, category = organisation
    calendar = working_calendar()
    today = clock.today()
    rng = random.Random(n)
    batch = []
    for i in range(start_serial, start_serial + n):
        start = today - timedelta(days=rng.randint(0, 30))
        unit = units[i % UNITS]
        question = Question(
            tracking_code=f"HD-BENCH-{i:07d}",
            title="Câu hỏi mẫu",
            body="Nội dung",
            category=category,
            asker_name="Người hỏi",
            asker_email=f"citizen{i}@example.vn",
            status=Status.IN_PROGRESS,
            unit=unit,
            assignee=officers[unit.pk][i % 3],
            received_at=clock.now() - (today - start),
            routed_at=clock.now() - (today - start),
            deadline_start=start,
            route_within_days=2,
            answer_within_days=15,
            route_by=calendar.add_working_days(start, 2),
            answer_due=calendar.add_working_days(start, 15),
        )
        question.progress_notice_on = computed_progress_notice_on(question, calendar)
        batch.append(question)
        if len(batch) == 5000:
            Question.objects.bulk_create(batch)
            batch = []
    if batch:
        Question.objects.bulk_create(batch)


def sweep_figures(label: str) -> tuple[float, int, SweepReport]:
    mail.outbox = []
    with CaptureQueriesContext(connection) as captured:
        report = run_sweep()
    print(f"  {label}: {report.summary()} | {len(captured)} queries")
    return report.seconds, len(captured), report


def sweeps_of_the_days_before() -> None:
    """As if the sweep had run every day until yesterday: what was due then is recorded and
    sent, so today's sweep meets what became due today (the daily steady state)."""
    yesterday = clock.now() - timedelta(days=1)
    day = timezone.localdate(yesterday)
    remind_until = working_calendar().add_working_days(day, remind_before_working_days())
    record_due_notifications(today=day, remind_until=remind_until, at=yesterday)
    Notification.objects.update(sent_at=yesterday, attempts=1)


def test_one_sweep_over_100000_open_questions(organisation):
    print(f"\nDeadline sweep benchmark on {connection.vendor}")
    figures: dict = {}
    created = 0
    for size in SIZES:
        Notification.objects.all().delete()
        began = time.perf_counter()
        bulk_open_questions(size - created, organisation, start_serial=created)
        created = size
        print(f"  {size:,} open questions ({time.perf_counter() - began:.1f} s to bulk-create)")
        if size == SIZES[0]:
            # The very first sweep over a backlog: everything ever due is sent at once.
            seconds, _queries, report = sweep_figures(f"backlog sweep, {size:,}")
            print(f"     backlog throughput: {report.mails / seconds:,.0f} mails/s")
            Notification.objects.all().delete()
        sweeps_of_the_days_before()
        seconds, queries, report = sweep_figures(f"daily sweep, {size:,}")
        assert report.failed == 0
        assert Notification.objects.filter(sent_at=None).count() == 0
        again_seconds, again_queries, again = sweep_figures(f"next sweep, {size:,}")
        assert sum(again.sent.values()) == 0
        figures[size] = (seconds, queries, again_seconds, again_queries)
    small, large = SIZES
    verdict = "meets" if figures[large][0] < TARGET_SECONDS else "MISSES"
    print(
        f"  => {large:,} open questions: daily sweep {figures[large][0]:.2f} s ({verdict} the "
        f"{TARGET_SECONDS:.0f} s target); a sweep with nothing new {figures[large][2]:.2f} s\n"
        f"  => queries at {small:,} vs {large:,} questions: daily sweep {figures[small][1]} vs "
        f"{figures[large][1]} (+1 per {CHUNK:,} notifications sent); nothing new "
        f"{figures[small][3]} vs {figures[large][3]}"
    )
    from tests.benchmarks.bench_calendar import run_benchmark

    run_benchmark()
    assert figures[small][3] == figures[large][3]
