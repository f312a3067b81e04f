"""The question table's indexes: none repeats another's key, and the look-ups that matter read one.

Every index is written by every submission and by each routing or transition that changes its
columns, so one that repeats another's key costs writes and serves no read (migration questions
0016 dropped ``received_at``'s own, the key of ``question_report_idx`` too). Plans are asserted
on SQLite's ``EXPLAIN QUERY PLAN``, as in test_archive_index.py (PostgreSQL's planner rightly
scans a test table of a few rows).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from questions.archive import published_public_rows
from questions.models import Question, Status
from tests.factories import make_unit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's indexes and plans"),
]


def _keys() -> dict[str, list[str]]:
    """Each index's key as SQLite walks it: its columns, then the row id every index ends with."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Question._meta.db_table)
    return {
        name: [*info["columns"], "id"]
        for name, info in constraints.items()
        if info["index"] and not info["unique"] and not info["primary_key"]
    }


def test_no_index_repeats_the_leading_columns_of_another():
    keys = _keys()
    repeated = [
        (name, other)
        for name, key in keys.items()
        for other, longer in keys.items()
        if other != name and longer[: len(key)] == key
    ]

    assert "question_report_idx" in keys  # the introspection found the table's indexes
    assert repeated == []


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_a_page_of_search_hits_is_read_by_its_ids():
    # archive.load, archive_search, the index's documents and Open311 ask "published, with
    # one of these ids". Read through question_archive_idx (status=?) it walked every
    # published row: 16 ms at 100,000, against a fraction of a millisecond by the ids.
    plan = _plan(published_public_rows().filter(pk__in=list(range(1, 21))).order_by())
    question_step = next(line for line in plan.splitlines() if "questions_question" in line)

    assert "rowid=?" in question_step, plan


@pytest.mark.parametrize(
    ("queryset", "index", "sorted_by_index"),
    [
        pytest.param(
            lambda: Question.objects.filter(unit=make_unit()), "unit_id", False, id="unit"
        ),
        pytest.param(
            lambda: Question.objects.filter(status=Status.RECEIVED),
            "status",
            False,
            id="intake queue",
        ),
        pytest.param(
            lambda: Question.objects.filter(
                received_at__gte=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                received_at__lt=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
            ),
            "question_report_idx",
            False,
            id="period of receipt",
        ),
        pytest.param(
            lambda: Question.objects.order_by("-received_at")[:20],
            "question_report_idx",
            True,
            id="newest first",
        ),
    ],
)
def test_the_common_lookups_read_an_index(queryset, index, sorted_by_index):
    plan = _plan(queryset())

    assert index in plan, plan
    if sorted_by_index:
        assert "TEMP B-TREE" not in plan, plan
