"""What the worker spends per submission stays small (docs/decisions/0016, "Worker cost")."""

from __future__ import annotations

from django.db import connection

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
