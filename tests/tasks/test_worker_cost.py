"""What the worker spends per submission stays small (docs/decisions/0016, "Worker cost")."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from questions import receipt
from questions.models import Delivery
from tests.factories import make_question


def test_the_worker_keeps_its_database_connection_between_tasks(
    transactional_db, run_worker, monkeypatch
):
    # Reconnecting per task (db_worker with CONN_MAX_AGE = 0) cost a connect, the pragmas and,
    # on SQLite, a WAL checkpoint per task: more than half of the worker's CPU.
    for _ in range(3):
        make_question()
    closes = []
    monkeypatch.setattr(connection, "close", lambda: closes.append(1))

    run_worker()

    assert closes == []


@pytest.mark.django_db
def test_the_receipt_task_reads_the_question_once_for_its_mail_and_its_routing():
    question = make_question()
    delivery = Delivery.objects.get()

    with CaptureQueriesContext(connection) as captured:
        receipt.receive_question.call(question.pk, [delivery.pk])

    reads = [q["sql"] for q in captured if '"questions_question"' in q["sql"].split("WHERE")[0]]
    assert len(reads) == 1, reads
    assert Delivery.objects.get().status == Delivery.Status.SENT


@pytest.mark.django_db
def test_the_receipt_task_reads_no_rule_unit_or_category_row_while_nothing_changed():
    # Routing takes the question's category and commune by id, and reuses the rules and units
    # it read while their stamp is unchanged (routing/services.py): one small query instead.
    first = make_question()
    receipt.receive_question.call(first.pk, list(Delivery.objects.values_list("pk", flat=True)))
    question = make_question()
    delivery = Delivery.objects.get(question=question)

    with CaptureQueriesContext(connection) as captured:
        receipt.receive_question.call(question.pk, [delivery.pk])

    tables = ('"routing_category"', '"routing_unit"', '"routing_routingrule"')
    assert [q["sql"] for q in captured if any(t in q["sql"] for t in tables)] == []
    assert any("routing_organisationversion" in q["sql"] for q in captured)
