"""``manage.py task_worker``: django-tasks-db's ``db_worker``, holding its database connection
and claiming a few ready tasks per transaction.

The connection. The backport's loop calls ``close_old_connections()`` around every task, as a
request does. With ``CONN_MAX_AGE = 0`` (the embedded SQLite default) that closes the connection
after each task and opens a new one for the next: a connect plus the ``init_command`` pragmas
every time, and on SQLite, when the worker's connection is the last one open, a WAL checkpoint
on each close. That was more than half of the worker's CPU per submission (docs/decisions/0016,
"Worker cost"). A worker is one long-lived process running short transactions, so this one keeps
its connection for as long as it is usable: Django still replaces it after an error that left it
unusable, and with ``CONN_HEALTH_CHECKS`` before reuse. PostgreSQL (``DATABASE_URL``) already
keeps connections for 60 s; there this changes nothing that matters.

The claim. The backport claims one row per exclusive transaction (``BEGIN EXCLUSIVE`` on SQLite,
``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, an ``UPDATE``, a commit): 3 of the 12 SQL
statements and a sixth of the worker's profile per submission. :class:`BatchWorker` claims up
to ``--claim`` ready rows (default :data:`CLAIM_BATCH`) in one such transaction, in the queue's
order, and runs them one by one (the backport's ``run_task``, same signals; results below).
The claim's statements are the backport's, compiled by the ORM once per process and run as
plain SQL afterwards. What claiming a batch costs, and how that is kept small:

- A worker killed outright (SIGKILL, out of memory, power) leaves its claimed but unstarted rows
  ``RUNNING`` until ``requeue_stalled`` makes them ready again (15 minutes), as it already left
  the one it was running. Hence a small batch. A worker stopped properly (SIGTERM, Ctrl+C,
  ``--max-tasks``) first hands its unstarted rows back as they were (ready, their previous
  ``started_at`` and worker ids), so nothing waits on it. Under ``--reload`` (DEBUG's default)
  it claims one at a time: the autoreloader ends the process without notice.
- A burst is shared less evenly between workers. A batch still running :data:`HOLD_SECONDS`
  after its claim (a slow mail server, say) hands back its unstarted rows, so another worker
  takes them instead of waiting behind it.

The results. The backport marks each success with its own ``UPDATE`` (a ``save()``); here the
successes of a batch are marked together when it ends (one statement per distinct return value,
each row keeping its own ``finished_at``), then announced to ``task_finished`` as the backport
does. A failure is still marked at once. A worker killed outright leaves the successes of its
current batch running too, so they run again after ``requeue_stalled``: harmless, every task of
ours being idempotent, and bounded by the batch.

The threads. A task spends most of its time waiting on someone else's server: the mail
server's answers, an SMS gateway's HTTP call. Run one after another, a slow server sets the pace
of every receipt behind it (a mail server taking 100 ms a message: ten receipts a second, however
many questions arrive). ``--threads N`` runs up to N tasks at once in threads of this process:
whenever half of them are free, the main thread claims that many ready rows (one transaction, as
a batch) and starts each at once, so no claimed row waits behind a slow send, and it marks the
successes a few at a time as they come. Each thread has its own database connections (Django's
are per thread), closed when the worker stops. The claims, the marks and the signals stay in the
main thread: a stop lets the tasks in hand finish. Nothing else changes for a task: each is
idempotent and claims what it sends (a delivery is claimed before it is sent, so two threads
never send the same one). CPU-bound work gains nothing (one interpreter lock); more processes
(``hoidap-worker@2``…) are for that. ``--threads 1`` (the default) runs the tasks one after
another in the main thread, as ``db_worker`` does.

``--claim 1`` is the backport's behaviour. Otherwise the same options as ``db_worker``
(``--batch``, ``--interval``, ``--max-tasks``, ...).
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import json
import logging
import os
import queue
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from datetime import UTC, datetime

from django.core.exceptions import SuspiciousOperation
from django.core.management.base import CommandError
from django.db import close_old_connections, connections, router
from django.db.models import Q
from django.db.utils import OperationalError
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks import BaseTaskBackend, TaskResult
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker, valid_max_tasks
from django_tasks_db.models import DBTaskResult, get_date_max
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception, retry

from questions.channels import email
from questions.compiled import CompiledQuery

logger = logging.getLogger("django_tasks_db")

# Rows claimed per transaction. The claim costs 3 statements whatever its size, so 8 leaves
# under half a statement per task; more would gain little and leave more rows to a killed worker.
CLAIM_BATCH = 8
# A batch still running this long after its claim hands its unstarted rows back.
HOLD_SECONDS = 2.0
# With threads, successes are marked together, at least this often (run_in_threads).
MARK_EVERY_SECONDS = 1.0
_RETURN_VALUE = DBTaskResult._meta.get_field("return_value")
_ID = DBTaskResult._meta.get_field("id")
_FINISHED_AT = DBTaskResult._meta.get_field("finished_at")
_STARTED_AT = DBTaskResult._meta.get_field("started_at")
_RUN_AFTER = DBTaskResult._meta.get_field("run_after")
_WORKER_IDS = DBTaskResult._meta.get_field("worker_ids")
# A time no task is due at, standing for "now" while the ready rows' query is compiled.
_MARK_TIME = datetime(2000, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
# The backport's claim (``DBTaskResult.claim``), for several rows.
_CLAIM_SQL = (
    'UPDATE "django_tasks_database_dbtaskresult" SET "status" = %s, "started_at" = %s, '
    '"worker_ids" = %s WHERE "id" IN ({ids})'
)
# The backport's set_successful, for several rows (tests/tasks/test_batch_claim.py runs it).
_MARK_SQL = (
    'UPDATE "django_tasks_database_dbtaskresult" SET "status" = %s, '
    '"finished_at" = CASE "id" {ends} END, "return_value" = %s, '
    '"exception_class_path" = \'\', "traceback" = \'\' WHERE "id" IN ({ids})'
)


# glibc's mallopt() parameter for the number of malloc arenas.
M_ARENA_MAX = -8


def few_malloc_arenas(arenas: int = 1) -> None:
    """Let the threads share ``arenas`` malloc arenas, as ``MALLOC_ARENA_MAX`` would.

    glibc gives a thread that allocates while another holds the arena one of its own (up to 8
    per core), and each keeps what was freed in it. Measured on the worker after 400 receipts
    (peak RSS over one thread): 4 threads +2.6 MB, 8 threads +5.0 MB with glibc's default,
    +1.2 / +2.2 MB with two arenas, +0.1 / +0.4 MB with one — and the worker was already near
    its 100 MB (DESIGN §10, docs/decisions/0016). Threads that mostly wait on sockets lose
    nothing by sharing one. Set in the process, so that it holds however the worker is started;
    an operator's own ``MALLOC_ARENA_MAX`` wins. Not glibc (no ``mallopt``): nothing to do."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).mallopt(M_ARENA_MAX, arenas)


class Threads:
    """``size`` threads running what they are handed, each closing its database connections when
    it stops (Django opens them per thread). A ``concurrent.futures`` executor cannot do that
    last part: it has no hook for a thread's end."""

    def __init__(self, size: int) -> None:
        few_malloc_arenas()  # before the threads allocate anything
        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        # Daemon threads: a forced stop (a second signal) ends the process without waiting for
        # the tasks in hand, as db_worker's does; a normal stop joins them (:meth:`stop`).
        self.threads = [
            threading.Thread(target=self._serve, name=f"task-worker-{n}", daemon=True)
            for n in range(1, size + 1)
        ]
        for thread in self.threads:
            thread.start()

    def submit(self, function: Callable, *args) -> Future:
        future: Future = Future()
        self.jobs.put((future, function, args))
        return future

    def _serve(self) -> None:
        try:
            while True:
                try:
                    job = self.jobs.get(timeout=email.SESSION_IDLE_SECONDS)
                except queue.Empty:
                    # Nothing to do for a while: the mail server need not keep our session.
                    email.close_session()
                    continue
                if job is None:
                    break
                future, function, args = job
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(function(*args))
                    except BaseException as error:  # handed to the main thread, raised there
                        future.set_exception(error)
                # As the backport's loop does around every task: a connection an error left
                # unusable is replaced before the next one.
                close_old_connections()
        finally:
            try:
                email.close_session()
            finally:
                connections.close_all()

    def stop(self) -> None:
        for _thread in self.threads:
            self.jobs.put(None)
        for thread in self.threads:
            thread.join()


class BatchWorker(Worker):
    """The backport's worker with its loop claiming up to ``claim_batch`` rows at a time and
    running up to ``threads`` of them at once."""

    def __init__(self, *, claim_batch: int = CLAIM_BATCH, threads: int = 1, **options) -> None:
        super().__init__(**options)
        self.claim_batch = claim_batch
        self.threads = threads
        self.pool: Threads | None = None
        self.forced = False
        # Claimed by this worker and not started yet, with each row's state before the claim.
        self.claimed: list[tuple[DBTaskResult, object, list]] = []
        # Run successfully and not yet marked so, with their result as started and their
        # backend: marked together (:meth:`mark_succeeded`).
        self.succeeded: list[tuple[DBTaskResult, TaskResult, BaseTaskBackend]] = []
        self.succeeded_lock = threading.Lock()
        self.alias = router.db_for_write(DBTaskResult)
        self._ready_queries: dict[int, CompiledQuery[DBTaskResult]] = {}

    def ready_tasks(self, now: datetime):
        """The rows this worker may run at ``now``: the backport's ``ready()`` and its loop's
        filters."""
        tasks = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
            Q(run_after=get_date_max()) | Q(run_after__lte=now)
        )
        tasks = tasks.filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        return tasks

    def next_ready(self, limit: int) -> list[DBTaskResult]:
        """Up to ``limit`` ready rows in the queue's order, locked (``FOR UPDATE SKIP LOCKED``
        on PostgreSQL; SQLite's exclusive transaction locks the whole database). Compiled once
        per size of claim, the time its one changing parameter."""
        query = self._ready_queries.get(limit)
        if query is None:
            query = self._ready_queries[limit] = CompiledQuery(
                lambda now: self.ready_tasks(now).select_for_update(skip_locked=True)[:limit],
                mark=_MARK_TIME,
                prepare=_RUN_AFTER.get_db_prep_value,
            )
        return query.run(timezone.now(), using=self.alias)

    def claim(self, limit: int | None = None, *, mark: bool = False) -> bool:
        """Claim the next ready rows (at most ``limit``, by default :attr:`claim_batch`) into
        :attr:`claimed`; False if the database was locked. ``mark``: record the successes not
        yet recorded in the same transaction (one write instead of two; the threads' loop)."""
        limit = limit or self.claim_batch
        if self.max_tasks is not None:
            limit = min(limit, self.max_tasks - self._run_tasks)
        marking: list[tuple[DBTaskResult, TaskResult, BaseTaskBackend]] = []
        if mark:
            with self.succeeded_lock:
                marking, self.succeeded = self.succeeded, []
        try:
            with exclusive_transaction(self.alias):
                if marking:
                    self._write_marks([row for row, _result, _backend in marking])
                retrieved = self._claim_in_transaction(limit)
        except BaseException:
            with self.succeeded_lock:  # rolled back: recorded with the next ones
                self.succeeded[:0] = marking
            raise
        self.announce(marking)
        return retrieved

    def _claim_in_transaction(self, limit: int) -> bool:
        try:
            rows = self.next_ready(limit)
        except OperationalError as error:
            # As the backport: a locked database unlocks eventually; try again later.
            if is_locked_database_exception(error):
                return False
            raise
        if not rows:
            return True
        connection = connections[self.alias]
        at = timezone.now()
        started_at = _STARTED_AT.get_db_prep_value(at, connection)
        # One UPDATE per distinct list of earlier workers (nearly always one: []).
        groups: dict[tuple, list[DBTaskResult]] = {}
        for row in rows:
            groups.setdefault(tuple(row.worker_ids), []).append(row)
        for earlier, group in groups.items():
            worker_ids = [*earlier, self.worker_id]
            ids = [_ID.get_db_prep_value(row.pk, connection) for row in group]
            with connection.cursor() as cursor:
                cursor.execute(
                    _CLAIM_SQL.format(ids=", ".join(["%s"] * len(ids))),
                    [
                        str(TaskResultStatus.RUNNING),
                        started_at,
                        _WORKER_IDS.get_db_prep_save(worker_ids, connection),
                        *ids,
                    ],
                )
            for row in group:
                self.claimed.append((row, row.started_at, row.worker_ids))
                row.status, row.started_at, row.worker_ids = (
                    TaskResultStatus.RUNNING,
                    at,
                    worker_ids,
                )
        return True

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """The backport's ``Worker.run_task``, but a success is recorded by
        :meth:`mark_succeeded` with the batch's others, in one statement instead of one each;
        a failure is marked at once, as before."""
        try:
            self.running_task = True
            self.execute(db_task_result)
        finally:
            self.running_task = False
            self._run_tasks += 1

    def execute(self, db_task_result: DBTaskResult) -> None:
        """Run one task and record how it went (:meth:`run_task` without the worker's own
        bookkeeping, which only the main thread does; the threads run this)."""
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend = task.get_backend()
            task_started.send(sender=backend, task_result=task_result)
            if task.takes_context:
                return_value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                return_value = task.call(*task_result.args, **task_result.kwargs)
            # Encoded now, as the backport's save did, so a value that cannot be stored fails
            # this task (below) rather than the batch's mark.
            json.dumps(return_value, cls=_RETURN_VALUE.encoder)
            db_task_result.status = TaskResultStatus.SUCCESSFUL
            db_task_result.finished_at = timezone.now()
            db_task_result.return_value = return_value
            db_task_result.exception_class_path = db_task_result.traceback = ""
            with self.succeeded_lock:  # the threads append, the main thread takes
                self.succeeded.append((db_task_result, task_result, backend))
        except BaseException as error:
            db_task_result.set_failed(error)
            try:
                sender = type(db_task_result.task.get_backend())
                task_result = db_task_result.task_result
            except (ImportError, SuspiciousOperation):
                logger.exception("Task id=%s failed unexpectedly", db_task_result.id)
            else:
                task_finished.send(sender=sender, task_result=task_result)

    def run_claimed(self, claimed_at: float) -> None:
        """Run the claimed rows one after another until :data:`HOLD_SECONDS` have passed since
        the claim (at least one), or the worker is told to stop."""
        while self.claimed and self.running:
            # Marked as running before it leaves the claimed list, so a stop signal in
            # between waits for it rather than leaving it claimed and unrun.
            self.running_task = True
            row = self.claimed.pop(0)[0]
            self.run_task(row)
            if time.monotonic() - claimed_at > HOLD_SECONDS:
                break  # at least one per claim, so the loop always moves on

    def run_in_threads(self) -> None:
        """The loop with threads: whenever at least half of them are free (or none is busy),
        claim that many ready rows and start each at once, so no claimed row waits behind a
        slow one (:data:`HOLD_SECONDS` has nothing to hand back); mark the successes as they
        come, several at a time. A stop signal lets the tasks in hand finish."""
        self.pool = Threads(self.threads)
        in_flight: set[Future] = set()
        refill = max(1, self.threads // 2)
        marked_at = time.monotonic()
        while True:
            free = self.threads - len(in_flight)
            if self.max_tasks is not None:
                free = min(free, self.max_tasks - self._run_tasks - len(in_flight))
            retrieved, started = True, False
            if self.running and free > 0 and (free >= refill or not in_flight):
                # Set before the claim: a stop signal from here on waits for the rows claimed
                # to start and finish (or :meth:`release` hands them back) instead of exiting.
                self.running_task = True
                close_old_connections()
                # The successes since the last claim are recorded in its transaction.
                retrieved = self.claim(limit=free, mark=True)
                marked_at = time.monotonic()
                started = bool(self.claimed)
                while self.claimed:
                    row = self.claimed.pop(0)[0]
                    in_flight.add(self.pool.submit(self.execute, row))
            # A stop signal while tasks are in hand lets them finish (the backport's flag).
            self.running_task = bool(in_flight)
            if not in_flight:
                if not self.running or free <= 0:  # stopping, or --max-tasks reached
                    return
                if self.batch and retrieved and not started:
                    logger.info(
                        "No more tasks to run for worker_id=%s - exiting gracefully.",
                        self.worker_id,
                    )
                    return
                time.sleep(self.interval)
                continue
            # Woken now and then so that a signal is handled while waiting.
            done, in_flight = wait(in_flight, timeout=1.0, return_when=FIRST_COMPLETED)
            for future in done:
                self._run_tasks += 1
                future.result()  # execute() records a task's failure; anything else is ours
            self.running_task = bool(in_flight)
            # Several at a time, as the one-thread loop marks a claim's batch: with the next
            # claim (above), and here when nothing is left running, on a stop, and at least
            # once a second.
            if (
                not in_flight
                or not self.running
                or time.monotonic() - marked_at >= MARK_EVERY_SECONDS
            ):
                self.mark_succeeded()
                marked_at = time.monotonic()

    def shutdown(self, signum, frame) -> None:
        # The second signal ends the process without waiting (the backport's "terminating").
        self.forced = not self.running
        super().shutdown(signum, frame)

    @retry()
    def _mark(self, rows: list[DBTaskResult]) -> None:
        self._write_marks(rows)

    def _write_marks(self, rows: list[DBTaskResult]) -> None:
        # One UPDATE per distinct return value (receipts return None: nearly always one), each
        # row keeping the moment it finished. Plain SQL: the ORM compiling a CASE of eight
        # branches cost more than the eight saves it replaces.
        connection = connections[DBTaskResult.objects.db]
        groups: dict[str, list[DBTaskResult]] = {}
        for row in rows:
            key = json.dumps(row.return_value, cls=_RETURN_VALUE.encoder)
            groups.setdefault(key, []).append(row)
        for group in groups.values():
            ids = [_ID.get_db_prep_value(row.pk, connection) for row in group]
            ends = [_FINISHED_AT.get_db_prep_value(row.finished_at, connection) for row in group]
            value = _RETURN_VALUE.get_db_prep_save(group[0].return_value, connection)
            sql = _MARK_SQL.format(
                ends=" ".join(["WHEN %s THEN %s"] * len(group)),
                ids=", ".join(["%s"] * len(group)),
            )
            with connection.cursor() as cursor:
                cursor.execute(
                    sql,
                    [
                        str(TaskResultStatus.SUCCESSFUL),
                        *(param for pair in zip(ids, ends, strict=True) for param in pair),
                        value,
                        *ids,
                    ],
                )

    def mark_succeeded(self) -> None:
        """Record the successes run since the last call, then tell the ``task_finished``
        listeners (the backport's order: stored, then announced).

        A worker killed before this leaves those tasks running, like the unstarted ones, until
        ``requeue_stalled`` makes them ready again; they run again, and as every task of ours
        is idempotent (a delivery marked sent is not sent again, a routed question is not
        routed again), that repeats reads, not effects."""
        with self.succeeded_lock:
            succeeded, self.succeeded = self.succeeded, []
        if not succeeded:
            return
        self._mark([row for row, _result, _backend in succeeded])
        self.announce(succeeded)

    def announce(self, succeeded: list[tuple[DBTaskResult, TaskResult, BaseTaskBackend]]) -> None:
        """Send ``task_finished`` for successes now stored."""
        for row, started, backend in succeeded:
            # What the backport's ``row.task_result`` would now say, without importing the task
            # and building it all again.
            finished = dataclasses.replace(
                started, status=TaskResultStatus.SUCCESSFUL, finished_at=row.finished_at
            )
            object.__setattr__(finished, "_return_value", row.return_value)
            task_finished.send(sender=backend, task_result=finished)

    def release(self) -> None:
        """Hand the claimed, unstarted rows back: ready, as they were before the claim."""
        claimed, self.claimed = self.claimed, []
        for row, started_at, worker_ids in claimed:
            DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY, started_at=started_at, worker_ids=worker_ids
            )
        if claimed:
            logger.info(
                "Handed back %d claimed tasks on worker_id=%s", len(claimed), self.worker_id
            )

    def run(self) -> None:
        """The backport's loop (``Worker.run``), a batch per claim."""
        logger.info(
            "Starting worker worker_id=%s queues=%s claim=%d threads=%d",
            self.worker_id,
            ",".join(self.queue_names),
            self.claim_batch,
            self.threads,
        )
        if self.startup_delay and self.interval:
            # Add a random small delay before starting to avoid a thundering herd
            time.sleep(random.random())  # noqa: S311
        try:
            if self.threads > 1:
                self.run_in_threads()
                return
            while self.running:
                close_old_connections()
                retrieved = self.claim()
                ran = bool(self.claimed)
                self.run_claimed(claimed_at=time.monotonic())
                self.mark_succeeded()
                # Stopping, or held too long: what has not started goes back to the queue.
                self.release()
                if self.batch and retrieved and not ran:
                    logger.info(
                        "No more tasks to run for worker_id=%s - exiting gracefully.",
                        self.worker_id,
                    )
                    return
                if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                    logger.info(
                        "Run maximum tasks (%d) on worker=%s - exiting gracefully.",
                        self._run_tasks,
                        self.worker_id,
                    )
                    return
                close_old_connections()
                if self.running and not ran:
                    email.close_session()  # the queue is empty: no next message to send yet
                    time.sleep(self.interval)
        finally:
            # The shutdown handler exits between tasks (SystemExit): record what ran, hand
            # back the rest.
            try:
                self.mark_succeeded()
            finally:
                self.release()
                email.close_session()
                if self.pool is not None and not self.forced:
                    self.pool.stop()


class Command(DBWorkerCommand):
    help = (
        "Run the task worker (django-tasks-db's db_worker, keeping its database connection "
        "and claiming a few tasks at a time)"
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--claim",
            default=CLAIM_BATCH,
            type=valid_max_tasks,
            dest="claim_batch",
            help="Ready tasks claimed per transaction (1: one at a time, as db_worker) "
            "(default: %(default)r)",
        )
        parser.add_argument(
            "--threads",
            default=1,
            type=valid_max_tasks,
            help="Tasks run at once, in threads of this process: for mail servers and SMS "
            "gateways that are slow to answer (default: %(default)r, one after another)",
        )

    def handle(self, *args, **options):
        saved = {}
        for connection in connections.all(initialized_only=False):
            saved[connection.alias] = connection.settings_dict["CONN_MAX_AGE"]
            # Read when a connection opens (its close_at); None: reuse it while it is usable.
            connection.settings_dict["CONN_MAX_AGE"] = None
            connection.close_at = None
        try:
            return self.run_worker(**options)
        finally:
            # Only matters when called in-process (tests, call_command): leave settings as found.
            for alias, max_age in saved.items():
                connections[alias].settings_dict["CONN_MAX_AGE"] = max_age

    def run_worker(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        claim_batch: int = CLAIM_BATCH,
        threads: int = 1,
        **_options,
    ) -> None:
        """``db_worker``'s ``handle``, building a :class:`BatchWorker` (the backport's names
        its ``Worker`` class directly)."""
        self.configure_logging(verbosity)
        if reload and batch:
            logger.warning(
                "Warning: --reload and --batch cannot be specified together. Disabling autoreload."
            )
            reload = False
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        if reload:
            # The autoreloader ends this process without notice on every code change: at most
            # the one task in hand is then left running, as with db_worker.
            claim_batch = threads = 1
        worker = BatchWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
            claim_batch=claim_batch,
            threads=threads,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                # Only the child process should configure its signals
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
