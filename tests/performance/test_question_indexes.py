"""The question table carries no index that another one already leads with.

Every index is written by every submission and by each routing or transition that changes its
columns, so one that only repeats the first columns of another costs writes and serves no read
(migration questions 0016 dropped three: status, unit and received_at). The look-ups they
served still read an index: asserted on SQLite's ``EXPLAIN QUERY PLAN``, as in
test_archive_index.py (PostgreSQL's planner rightly scans a test table of a few rows).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from questions.models import Question, Status
from tests.factories import make_unit

pytestmark = pytest.mark.django_db


def _indexes() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Question._meta.db_table)
    return {
        name: info["columns"]
        for name, info in constraints.items()
        if info["index"]
        and not info["unique"]
        and not info["primary_key"]
        # PostgreSQL's LIKE twin of a varchar index has the same column for another operator.
        and not name.endswith("_like")
    }


def test_no_index_repeats_the_leading_columns_of_another():
    indexes = _indexes()
    repeated = [
        (name, other)
        for name, columns in indexes.items()
        for other, longer in indexes.items()
        if other != name and longer[: len(columns)] == columns
    ]

    assert indexes  # the introspection found the table's indexes
    assert repeated == []


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan is asserted")
@pytest.mark.parametrize(
    ("name", "queryset", "index", "sorted_by_index"),
    [
        ("a unit's questions", lambda: Question.objects.filter(unit=make_unit()), "unit_id", False),
        (
            "the intake queue",
            lambda: Question.objects.filter(status=Status.RECEIVED),
            "question_archive_idx",
            False,
        ),
        (
            "a period of receipt",
            lambda: Question.objects.filter(
                received_at__gte=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                received_at__lt=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
            ),
            "question_report_idx",
            False,
        ),
        (
            "the newest first",
            lambda: Question.objects.order_by("-received_at")[:20],
            "question_report_idx",
            True,
        ),
    ],
)
def test_the_lookups_of_the_dropped_indexes_still_read_an_index(
    name, queryset, index, sorted_by_index
):
    plan = _plan(queryset())

    assert index in plan, plan
    if sorted_by_index:
        assert "TEMP B-TREE" not in plan, plan
