"""The database task backend, with one switch: run a task in this process once it commits.

``django_tasks_db.DatabaseBackend`` writes the task's row with a plain ``INSERT`` on the current
connection, with no ``on_commit``: inside ``transaction.atomic()`` the row is part of the change
(it commits with it, or rolls back with it). That is the outbox the product relies on
(docs/decisions/0016); this subclass keeps it as is.

``OPTIONS["RUN_ON_COMMIT"]`` (off by default, and in production) also runs each task in this
process right after its transaction commits, through the worker's own code, so the row is
claimed and marked exactly as ``db_worker`` would. The tests use it for everything that is not
about the queue itself (a change's mail arrives when the change commits, as before), and
``seed_demo`` to walk its questions with the effects it chose. A task deferred with
``run_after`` (a retry) is left to the worker.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django_tasks_db import DatabaseBackend as _DatabaseBackend
from django_tasks_db.compat import DEFAULT_TASK_QUEUE_NAME


class DatabaseBackend(_DatabaseBackend):
    def enqueue(self, task, args, kwargs):
        result = super().enqueue(task, args, kwargs)
        if self.options.get("RUN_ON_COMMIT") and task.run_after is None:
            transaction.on_commit(partial(run_task_now, result.id))
        return result


def run_task_now(result_id: str, *, worker_id: str = "in-process") -> bool:
    """Claim and run one ready task as ``db_worker`` does; False if it is not ready (gone,
    deferred, or claimed by a worker first)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    with exclusive_transaction():
        row = DBTaskResult.objects.ready().filter(pk=result_id).get_locked()
        if row is None:
            return False
        row.claim(worker_id)
    worker = Worker(
        queue_names=[DEFAULT_TASK_QUEUE_NAME],
        interval=0,
        batch=True,
        backend_name=row.backend_name,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.run_task(row)
    return True
