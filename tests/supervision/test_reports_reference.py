"""The dashboard's figures against a reference computed question by question in Python.

The report sums grouped SQL rows (questions/reports.py); here every question is classified
one at a time by questions.timeliness (the deadline engine's own rules) and summed by hand.
Random questions in every status, unrouted or in merged units (a two-step chain), answered or
not, reopened, without a due date, at 23:30 / 00:30 / 06:59 / 07:00 local time.
"""

import random
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from helpdesk import periods
from questions import reports
from questions.models import OPEN_STATUSES, Question, Status
from questions.timeliness import EARLY, LATE, ON_TIME, OVERDUE, timeliness
from routing.deadlines import working_calendar
from tests.factories import make_question, make_unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 3, 20)
FIELDS = (
    "received",
    "answered",
    "early",
    "on_time",
    "late",
    "open",
    "overdue_open",
    "published",
    "rated",
    "rating_sum",
)


def edge_time(rng, day):
    h, m = rng.choice([(23, 30), (0, 30), (6, 59), (7, 0), (7, 30), (12, 0), (23, 59)])
    return datetime(day.year, day.month, day.day, h, m, tzinfo=VN)


@pytest.fixture
def data(land_category, land, tax):
    rng = random.Random(7)
    old = make_unit("old", successor=land)
    older = make_unit("older", successor=old)
    units = [land, tax, old, older, None]
    statuses = list(Status)
    base = make_question(at=datetime(2026, 1, 1, 9, tzinfo=VN), category=land_category)
    qs = [base]
    for _ in range(150):
        day = date(2025, 12, 25) + timedelta(days=rng.randrange(0, 100))
        qs.append(make_question(at=edge_time(rng, day), category=land_category))
    for q in qs:
        status = rng.choice(statuses)
        unit = rng.choice(units)
        rec = timezone.localtime(q.received_at).date()
        answered_at = None
        if rng.random() < 0.6:
            answered_at = edge_time(rng, rec + timedelta(days=rng.randrange(0, 40)))
        due = rec + timedelta(days=rng.randrange(5, 30)) if rng.random() < 0.9 else None
        Question.objects.filter(pk=q.pk).update(
            unit=unit,
            status=status,
            answered_at=answered_at,
            answer_due=due,
            satisfaction=rng.choice([None, None, 1, 3, 5]),
        )
    return {"land": land, "tax": tax, "old": old, "older": older}


def reference(start, end, today, months, head):
    cal = working_calendar()
    lower, upper = reports._local_bounds(start, end)
    _, rolls = reports._successors()
    rows = defaultdict(lambda: {**{f: 0 for f in FIELDS}, "histogram": Counter()})
    trend = {m.start: [0, 0] for m in months}
    tl, tu = reports._local_bounds(months[0].start, months[-1].end)
    for q in Question.objects.all():
        t = timeliness(q, today=today, calendar=cal)
        state = t.state if t else None
        target = rolls.get(q.unit_id) if q.unit_id else None
        if tl <= q.received_at < tu and (head is None or target == head.pk):
            m = timezone.localtime(q.received_at).date().replace(day=1)
            if state in (EARLY, ON_TIME, LATE, OVERDUE):
                trend[m][1] += 1
                trend[m][0] += state in (EARLY, ON_TIME)
        if not (lower <= q.received_at < upper):
            continue
        r = rows[target]
        r["received"] += 1
        ans = q.answered_at is not None and q.status not in OPEN_STATUSES
        if ans:
            r["answered"] += 1
            d = cal.count_working_days(
                timezone.localtime(q.received_at).date(), timezone.localtime(q.answered_at).date()
            )
            r["histogram"][max(d, 0)] += 1
        for s, f in (
            (EARLY, "early"),
            (ON_TIME, "on_time"),
            (LATE, "late"),
            (OVERDUE, "overdue_open"),
        ):
            r[f] += state == s
        r["open"] += q.status in OPEN_STATUSES
        r["published"] += q.status == Status.PUBLISHED
        r["rated"] += q.satisfaction is not None
        r["rating_sum"] += q.satisfaction or 0
    return dict(rows), [(m, *trend[m.start]) for m in months]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "period",
    [
        periods.year(2026),
        periods.month(2026, 1),
        periods.month(2026, 2),
        periods.quarter(2026, 1),
        periods.date_range(date(2025, 12, 31), date(2026, 1, 1)),
    ],
    ids=["year", "january", "february", "quarter", "new-year-range"],
)
@pytest.mark.parametrize("head", [None, "land", "old"], ids=["province", "head", "merged-head"])
def test_every_figure_and_the_trend_match_the_question_by_question_reference(data, period, head):
    unit = data[head] if head else None
    months = periods.months_before(period, 12)
    rows, trend = reports.dashboard_figures(
        start=period.start, end=period.end, months=months, today=TODAY, unit=unit
    )
    ref_rows, ref_trend = reference(period.start, period.end, TODAY, months, unit)
    got = {
        (r.unit.pk if r.unit else None): {
            **{f: getattr(r, f) for f in FIELDS},
            "histogram": +r.histogram,
        }
        for r in rows
    }
    ref = {k: {**v, "histogram": +v["histogram"]} for k, v in ref_rows.items()}
    assert got == ref
    assert trend == ref_trend
