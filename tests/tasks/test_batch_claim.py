"""The task worker claims a few ready tasks per transaction (helpdesk/management/commands/
task_worker.py, docs/decisions/0016): none is lost when the worker dies or stops with some of
them claimed and not started."""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks import task
from django_tasks_db.compat import task_finished
from django_tasks_db.models import DBTaskResult

from helpdesk import clock
from helpdesk.management.commands import task_worker
from questions import tasks
from questions.models import Delivery
from tests.factories import make_question


def batch_worker(**options) -> task_worker.BatchWorker:
    defaults = dict(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="worker-1",
        excluded_queue_names=[],
    )
    return task_worker.BatchWorker(**{**defaults, **options})


def claims(captured) -> list[str]:
    """The statements that mark tasks running."""
    return [
        q["sql"]
        for q in captured
        if q["sql"].startswith('UPDATE "django_tasks_database_dbtaskresult"')
        and "SET \"status\" = 'RUNNING'" in q["sql"]
    ]


def test_the_worker_claims_the_ready_tasks_in_one_statement_and_runs_them_all(
    transactional_db, run_worker, monkeypatch
):
    # A first task slower than the hold (imports, a loaded machine) would hand the rest back.
    monkeypatch.setattr(task_worker, "HOLD_SECONDS", 60.0)
    for _ in range(3):
        make_question()

    with CaptureQueriesContext(connection) as captured:
        run_worker()

    assert len(claims(captured)) == 1
    assert len(mail.outbox) == 3
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_a_batch_claimed_by_a_worker_that_was_killed_is_run_by_the_next_one_after_requeue(
    transactional_db, run_worker
):
    for _ in range(3):
        make_question()
    batch_worker().claim()  # ... and the process is killed before starting any of them

    run_worker()
    assert mail.outbox == []  # still claimed: no other worker runs them twice meanwhile

    assert tasks.requeue_stalled(at=clock.now() + tasks.STALLED_AFTER + timedelta(seconds=1)) == 3
    run_worker()

    assert len(mail.outbox) == 3
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_a_worker_told_to_stop_hands_back_the_tasks_it_has_not_started(transactional_db):
    for _ in range(3):
        make_question()
    worker = batch_worker()
    run_task = worker.run_task

    def run_then_stop(row):
        run_task(row)
        worker.running = False  # SIGTERM during the first task

    worker.run_task = run_then_stop
    worker.run()

    assert len(mail.outbox) == 1
    statuses = sorted(DBTaskResult.objects.values_list("status", "started_at", "worker_ids"))
    assert statuses[:2] == [("READY", None, []), ("READY", None, [])]
    assert statuses[2][0] == "SUCCESSFUL"


def test_a_worker_that_exits_between_tasks_hands_back_the_rest(transactional_db, run_worker):
    # The shutdown handler calls sys.exit() at once when no task is running.
    for _ in range(3):
        make_question()
    worker = batch_worker()
    run_task = worker.run_task

    def run_then_exit(row):
        run_task(row)
        raise SystemExit(0)

    worker.run_task = run_then_exit
    with contextlib.suppress(SystemExit):
        worker.run()

    assert DBTaskResult.objects.filter(status="READY").count() == 2
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1  # the one it ran
    run_worker()
    assert len(mail.outbox) == 3


def test_a_worker_with_a_task_limit_claims_no_more_than_it_may_run(transactional_db):
    for _ in range(3):
        make_question()

    batch_worker(max_tasks=2, batch=False).run()

    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2
    assert list(
        DBTaskResult.objects.filter(status="READY").values_list("worker_ids", flat=True)
    ) == [[]]


def test_a_batch_held_too_long_hands_back_its_unstarted_tasks_to_any_worker(
    transactional_db, run_worker, monkeypatch
):
    # A slow task (a mail server taking seconds) must not keep the rest waiting behind it.
    monkeypatch.setattr(task_worker, "HOLD_SECONDS", 0.0)
    for _ in range(3):
        make_question()

    with CaptureQueriesContext(connection) as captured:
        run_worker()

    assert len(claims(captured)) == 3  # each claim handed back all but its first task
    assert len(mail.outbox) == 3
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


# --- Results marked per batch ------------------------------------------------------------------


def marks(captured) -> list[str]:
    """The statements that mark tasks successful."""
    return [
        q["sql"]
        for q in captured
        if q["sql"].startswith('UPDATE "django_tasks_database_dbtaskresult"')
        and "SUCCESSFUL" in q["sql"]
    ]


def test_a_batch_is_marked_successful_in_one_statement_each_task_with_its_own_end(
    transactional_db, run_worker, monkeypatch
):
    monkeypatch.setattr(task_worker, "HOLD_SECONDS", 60.0)  # one batch, however slow
    for _ in range(3):
        make_question()

    with CaptureQueriesContext(connection) as captured:
        run_worker()

    assert len(marks(captured)) == 1
    rows = DBTaskResult.objects.order_by("finished_at")
    assert [row.status for row in rows] == ["SUCCESSFUL"] * 3
    assert all(row.finished_at >= row.started_at for row in rows)
    assert len({row.finished_at for row in rows}) == 3


def test_a_task_is_announced_finished_only_once_its_success_is_stored(transactional_db, run_worker):
    make_question()
    seen = []

    def receiver(sender, task_result, **kwargs):
        stored = DBTaskResult.objects.get(pk=task_result.id)
        seen.append((stored.status, stored.finished_at == task_result.finished_at))
        seen.append((task_result.status, task_result.return_value))

    task_finished.connect(receiver)
    try:
        run_worker()
    finally:
        task_finished.disconnect(receiver)

    assert seen == [("SUCCESSFUL", True), ("SUCCESSFUL", None)]


@task()
def returns_what_json_cannot_store() -> set:
    return {1, 2}


@task()
def returns_a_word() -> str:
    return "done"


def test_a_return_value_that_cannot_be_stored_fails_its_task_alone(transactional_db, run_worker):
    make_question()
    returns_what_json_cannot_store.enqueue()
    returns_a_word.enqueue()

    run_worker()

    rows = {row.task_path.rsplit(".", 1)[1]: row for row in DBTaskResult.objects.all()}
    assert rows["returns_what_json_cannot_store"].status == "FAILED"
    assert rows["returns_what_json_cannot_store"].exception_class_path == "builtins.TypeError"
    assert rows["returns_a_word"].status == "SUCCESSFUL"
    assert rows["returns_a_word"].return_value == "done"
    assert rows["receive_question"].status == "SUCCESSFUL"
    assert rows["receive_question"].return_value is None


# --- The claim's statements, compiled once ------------------------------------------------------


def test_a_deferred_task_is_claimed_only_once_it_is_due(transactional_db):
    at = clock.now()
    tasks.send_delivery.using(run_after=at + timedelta(hours=1)).enqueue(1)
    worker = batch_worker()

    worker.claim()  # compiles the query with this moment as its parameter
    assert worker.claimed == []

    with time_machine.travel(at + timedelta(hours=1, seconds=1)):
        worker.claim()  # the same statement, at a later moment
    assert [row.task_path for row, *_ in worker.claimed] == ["questions.tasks.send_delivery"]
    assert DBTaskResult.objects.get().status == "RUNNING"


def test_the_claim_takes_only_this_worker_s_queues(transactional_db, settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "helpdesk.task_backend.DatabaseBackend",
            "QUEUES": ["default", "other"],
        }
    }
    tasks.send_delivery.using(queue_name="other").enqueue(1)
    tasks.send_delivery.enqueue(2)
    worker = batch_worker()

    worker.claim()

    assert [row.args_kwargs["args"] for row, *_ in worker.claimed] == [[2]]
    assert DBTaskResult.objects.get(queue_name="other").status == "READY"


def test_the_claim_keeps_each_row_s_earlier_workers(transactional_db):
    make_question()
    DBTaskResult.objects.update(worker_ids=["worker-0"])

    batch_worker().claim()

    row = DBTaskResult.objects.get()
    assert row.worker_ids == ["worker-0", "worker-1"]
    assert row.started_at is not None


def test_on_postgresql_the_claim_skips_rows_another_worker_has_locked(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's exclusive transaction locks the whole database instead")
    make_question()

    with CaptureQueriesContext(connection) as captured:
        batch_worker().claim()

    selects = [q["sql"] for q in captured if q["sql"].startswith("SELECT")]
    assert len(selects) == 1
    assert selects[0].endswith("FOR UPDATE SKIP LOCKED")


# --- With threads: the successes recorded in the next claim's transaction ----------------------


def test_a_claim_records_the_successes_not_yet_recorded_in_its_own_transaction(transactional_db):
    first = [make_question() for _ in range(2)]
    worker = batch_worker()
    worker.claim()
    for row, *_ in list(worker.claimed):
        worker.execute(row)
    worker.claimed.clear()
    assert len(worker.succeeded) == 2
    second = make_question()
    announced = []

    def receiver(sender, task_result, **kwargs):
        announced.append(DBTaskResult.objects.get(pk=task_result.id).status)

    task_finished.connect(receiver)
    try:
        with CaptureQueriesContext(connection) as captured:
            assert worker.claim(mark=True)
    finally:
        task_finished.disconnect(receiver)

    statements = [q["sql"] for q in captured]
    assert statements[0].startswith(("BEGIN", "SELECT"))  # one transaction, the marks first
    assert len(marks(captured)) == 1 and len(claims(captured)) == 1
    assert announced == ["SUCCESSFUL", "SUCCESSFUL"]  # announced once stored
    assert worker.succeeded == []
    ran = DBTaskResult.objects.filter(status="SUCCESSFUL").values_list("args_kwargs", flat=True)
    assert sorted(call["args"][0] for call in ran) == sorted(q.pk for q in first)
    (claimed,) = worker.claimed
    assert claimed[0].args_kwargs["args"][0] == second.pk


def test_a_claim_that_fails_leaves_its_successes_to_be_recorded_later(
    transactional_db, monkeypatch
):
    make_question()
    worker = batch_worker()
    worker.claim()
    ((row, *_),) = worker.claimed
    worker.execute(row)
    worker.claimed.clear()

    def broken(limit):
        raise RuntimeError("the claim's statement failed")

    monkeypatch.setattr(worker, "_claim_in_transaction", broken)
    with pytest.raises(RuntimeError):
        worker.claim(mark=True)

    # Rolled back with the claim: still running in the table, still owed by the worker.
    assert DBTaskResult.objects.get(pk=row.pk).status == "RUNNING"
    assert [success[0].pk for success in worker.succeeded] == [row.pk]
    worker.mark_succeeded()
    assert DBTaskResult.objects.get(pk=row.pk).status == "SUCCESSFUL"
