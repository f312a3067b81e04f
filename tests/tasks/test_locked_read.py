"""The transitions' locked re-read of their question, compiled once (questions/services.py
``_lock``, questions/compiled.py ``ReadByKey(for_update=True)``), does what
``Question.objects.select_for_update().get(pk=…)`` did.

They run on whatever DATABASE_URL names, so CI's PostgreSQL step checks the lock there."""

from __future__ import annotations

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from questions import services
from questions.models import Question
from tests.factories import make_question

locking = pytest.mark.skipif(
    not connection.features.has_select_for_update,
    reason="SQLite takes the database's write lock at BEGIN, not a row's",
)


def field_values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


@pytest.mark.django_db
def test_the_locked_read_builds_the_question_the_orm_builds():
    question = make_question(notify_by="sms")

    with transaction.atomic():
        locked = services._lock(question)
        expected = Question.objects.select_for_update().get(pk=question.pk)

    assert type(locked) is Question
    assert locked is not question
    assert field_values(locked) == field_values(expected)
    assert locked._state.adding is False
    assert locked._state.db == expected._state.db


@pytest.mark.django_db
def test_the_locked_read_sees_a_change_made_since_the_caller_read_the_question():
    question = make_question()
    Question.objects.filter(pk=question.pk).update(title="Changed meanwhile")

    with transaction.atomic():
        assert services._lock(question).title == "Changed meanwhile"


@pytest.mark.django_db
def test_locking_a_question_that_is_gone_raises_does_not_exist():
    question = make_question()
    question.pk = 987_654  # no such row

    with transaction.atomic(), pytest.raises(Question.DoesNotExist):
        services._lock(question)


@pytest.mark.django_db
def test_the_locked_read_is_one_statement_locking_where_the_database_locks_rows():
    question = make_question()

    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        services._lock(question)
        services._lock(question)

    reads = [q["sql"] for q in captured if "questions_question" in q["sql"]]
    assert len(reads) == 2
    assert all(("FOR UPDATE" in sql) == connection.features.has_select_for_update for sql in reads)


@locking
@pytest.mark.django_db(transaction=True)
def test_the_locked_read_is_refused_outside_a_transaction_as_the_orm_refuses_it():
    question = make_question()
    with transaction.atomic():
        services._lock(question)  # compiled inside one

    with pytest.raises(transaction.TransactionManagementError):
        services._lock(question)


@locking
@pytest.mark.django_db(transaction=True)
def test_a_locked_question_cannot_be_locked_by_another_connection_until_commit():
    question = make_question()
    outcome: list[str] = []

    def other_connection() -> None:
        try:
            with transaction.atomic():
                Question.objects.select_for_update(nowait=True).get(pk=question.pk)
            outcome.append("locked")
        except DatabaseError:
            outcome.append("refused")
        finally:
            connections.close_all()

    with transaction.atomic():
        services._lock(question)
        thread = threading.Thread(target=other_connection)
        thread.start()
        thread.join()
    thread = threading.Thread(target=other_connection)
    thread.start()
    thread.join()

    assert outcome == ["refused", "locked"]
