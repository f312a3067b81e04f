"""Durable work after a change to a question: messages, index updates, routing.

(Webhooks have their task beside their sending, in questions/webhooks.py, with the same retry
rules from here.)

Each is a task of Django's Tasks API (the ``django-tasks`` backport, ``django-tasks-db`` backend),
enqueued by the services *inside* the transaction of the change: the task's row commits with
the change or rolls back with it, so no change is stored without its effects and no effect runs
for a change that was undone (docs/decisions/0016). ``manage.py task_worker`` runs them.

The backport's worker does not retry: a task that raises is marked failed and stays so. So
each task here retries itself, by enqueueing its next attempt with ``run_after`` (exponential
backoff, :data:`MAX_ATTEMPTS` in all). Every task can run twice (a retry, a worker killed after
the work but before marking it done, ``manage.py deliveries --retry``) without doing twice what
was done: an e-mail is a :class:`~questions.models.Delivery` row that is sent only while it is
not marked sent; routing skips a question already routed; an index update is an upsert.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.db.models import F
from django_tasks import task

from helpdesk import clock
from helpdesk.logging import mask
from search import services as search

from . import channels, notifications
from .channels import optout
from .channels.phone import e164
from .models import Delivery, Question

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY_AFTER = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
# How long a send under way holds its delivery: past it, a worker is presumed dead mid-send and
# the delivery is due again.
SEND_LEASE = timedelta(minutes=10)


def retry_delay(attempts: int) -> timedelta:
    """30 s after the first failure, then twice as long each time, at most an hour: the eight
    attempts span about an hour, longer than a mail server's usual maintenance window."""
    return min(FIRST_RETRY_AFTER * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


# --- E-mail -------------------------------------------------------------------------------------


@task()
def send_delivery(delivery_id: int) -> str:
    """Send one recorded e-mail unless it was already sent; returns the delivery's status."""
    return _send(delivery_id)


def _send(delivery_id: int, *, question: Question | None = None) -> str:
    """:func:`send_delivery`; ``question``: its question, already read by the caller."""
    at = clock.now()
    contacts = _citizen_contacts(question) if question is not None else ("", "")
    delivery, opted_out = _claim(delivery_id, at=at, contacts=contacts)
    if delivery is None:
        return Delivery.objects.filter(pk=delivery_id).values_list("status", flat=True).first()
    if question is not None and delivery.question_id == question.pk:
        # The receipt's case: the question the caller read, and the event left to be read if
        # a message uses it (a receipt's e-mail does not).
        delivery.question = question
    else:
        delivery = Delivery.objects.select_related("question", "event").get(pk=delivery_id)
    try:
        message = notifications.compose_message(delivery)
        if message is None:
            _give_up(delivery, error="no address or phone number on file")
            return Delivery.Status.FAILED
        if delivery.recipient == Delivery.CITIZEN and (
            opted_out[message.to] if message.to in opted_out else optout.is_opted_out(message.to)
        ):
            _give_up(delivery, error="", status=Delivery.Status.SKIPPED)
            return Delivery.Status.SKIPPED
        message_id = channels.provider_for(delivery.channel).send(message)
    except channels.PermanentError as error:
        log.warning(
            "Delivery %s (%s) refused: %s", delivery_id, delivery.template, mask(f"{error}")
        )
        _give_up(delivery, error=str(error))
        return Delivery.Status.FAILED
    except Exception as error:
        log.warning("Delivery %s (%s) failed", delivery_id, delivery.template, exc_info=True)
        return _failed_attempt(delivery, error=error, at=at)
    _mark_sent(delivery_id, message_id=message_id or "")
    return Delivery.Status.SENT


# --- The statements sent for every message, written once -----------------------------------------
# Each runs once or twice per citizen submission in the task worker, where the ORM building them
# again every time cost several times what running them did (docs/decisions/0016, "Worker
# cost"). Plain SQL in the tables' own names: tests/tasks run each against the models on SQLite
# and PostgreSQL, so a renamed column fails there.

# The columns of a claimed delivery that sending reads (the others stay deferred), in the
# model's order, as ``Model.from_db`` takes them.
_CLAIMED = (
    "id",
    "question_id",
    "event_id",
    "template",
    "recipient",
    "channel",
    "status",
    "attempts",
)
_CLAIM_SQL = (
    'UPDATE "questions_delivery" SET "next_attempt_at" = %s '
    'WHERE "id" = %s AND "status" IN (%s, %s) '
    'AND ("next_attempt_at" IS NULL OR "next_attempt_at" <= %s)'
)
# ... and whether the asker's e-mail address and phone number opted out, asked in the same
# statement (a NULL key matches nothing).
_CLAIM_RETURNING_SQL = (
    _CLAIM_SQL
    + " RETURNING "
    + ", ".join(f'"{name}"' for name in _CLAIMED)
    + ', EXISTS (SELECT 1 FROM "questions_contactoptout" WHERE "contact_hash" = %s)' * 2
)
_SENT_SQL = (
    'UPDATE "questions_delivery" SET "status" = %s, "sent_at" = %s, '
    '"attempts" = "attempts" + 1, "next_attempt_at" = NULL, "last_error" = \'\', '
    '"provider_message_id" = %s WHERE "id" = %s'
)
_DATETIME = Delivery._meta.get_field("next_attempt_at")


def _citizen_contacts(question: Question) -> tuple[str, str]:
    """The asker's e-mail address and phone number as a message's ``to`` gives them ("" if
    none, or if the number is not one a message could go to)."""
    try:
        phone = e164(question.asker_phone) if question.asker_phone else ""
    except ValidationError:
        phone = ""
    return question.asker_email, phone


def _claim(
    delivery_id: int, *, at: datetime, contacts: tuple[str, str] = ("", "")
) -> tuple[Delivery | None, dict[str, bool]]:
    """Claim a delivery still owed whose turn has come and that no other runner is sending right
    now (its next attempt moves to the lease's end while this one sends). Returns the claimed
    row's columns that sending reads (None if it was not claimed) and, for ``contacts`` (an
    e-mail address and a phone number, "" for none), whether each opted out, as far as the
    claim could tell.

    One ``UPDATE … RETURNING`` (SQLite ≥ 3.35, PostgreSQL): the claim and the read of what it
    claimed cannot fall apart, and the claim still commits on its own before the send, so a
    requeued task or ``deliveries --retry`` running the same delivery sees it taken. The
    opt-out check the send would make next rides along: one statement fewer per receipt."""
    connection = connections[Delivery.objects.db]
    lease = _DATETIME.get_db_prep_value(at + SEND_LEASE, connection)
    due = _DATETIME.get_db_prep_value(at, connection)
    pending, retrying = Delivery.Status.PENDING, Delivery.Status.RETRYING
    params = [lease, delivery_id, str(pending), str(retrying), due]
    keys = [optout.contact_hash(contact) if contact else None for contact in contacts]
    returning = connection.features.can_return_columns_from_insert
    with connection.cursor() as cursor:
        if returning:
            cursor.execute(_CLAIM_RETURNING_SQL, [*params, *keys])
            row = cursor.fetchone()
        else:  # an SQLite older than RETURNING: the claim, then its read
            cursor.execute(_CLAIM_SQL, params)
            row = None
            if cursor.rowcount:
                row = Delivery.objects.filter(pk=delivery_id).values_list(*_CLAIMED).get()
    if row is None:
        return None, {}
    delivery = Delivery.from_db(connection.alias, _CLAIMED, row[: len(_CLAIMED)])
    delivery.next_attempt_at = at + SEND_LEASE
    if not returning:
        return delivery, {}
    flags = row[len(_CLAIMED) :]
    return delivery, {
        contact: bool(flag) for contact, flag in zip(contacts, flags, strict=True) if contact
    }


def _mark_sent(delivery_id: int, *, message_id: str) -> None:
    connection = connections[Delivery.objects.db]
    sent_at = _DATETIME.get_db_prep_value(clock.now(), connection)
    with connection.cursor() as cursor:
        cursor.execute(_SENT_SQL, [str(Delivery.Status.SENT), sent_at, message_id, delivery_id])


@transaction.atomic
def _failed_attempt(delivery: Delivery, *, error: Exception, at: datetime) -> str:
    attempts = delivery.attempts + 1
    if attempts >= MAX_ATTEMPTS:
        _give_up(delivery, error=str(error), attempts=attempts)
        return Delivery.Status.FAILED
    retry_at = at + retry_delay(attempts)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.RETRYING,
        attempts=attempts,
        next_attempt_at=retry_at,
        # An SMTP error often quotes the recipient's address: the row outlives an erasure and
        # staff read it on the question page, so it keeps the error with identifiers masked.
        last_error=mask(str(error))[:2000],
    )
    send_delivery.using(run_after=retry_at).enqueue(delivery.pk)
    return Delivery.Status.RETRYING


def _give_up(
    delivery: Delivery,
    *,
    error: str,
    attempts: int | None = None,
    status: str = Delivery.Status.FAILED,
) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status,
        attempts=attempts if attempts is not None else F("attempts") + 1,
        next_attempt_at=None,
        last_error=mask(error)[:2000],
    )


def delivery_retry(*, deliveries) -> int:
    """Send these deliveries again (failed ones, or stuck ones), now; returns how many."""
    at = clock.now()
    count = 0
    done = [Delivery.Status.SENT, Delivery.Status.SKIPPED]
    for pk in deliveries.exclude(status__in=done).values_list("pk", flat=True):
        with transaction.atomic():
            Delivery.objects.filter(pk=pk).exclude(status__in=done).update(
                status=Delivery.Status.RETRYING, next_attempt_at=at
            )
            send_delivery.enqueue(pk)
        count += 1
    return count


# --- Routing and search -------------------------------------------------------------------------


def _attempt(this: object, work: Callable[[int], None], question_id: int, *, attempt: int) -> None:
    """Run ``work``; on failure enqueue attempt + 1 later, or raise on the last one (the task is
    then marked failed, in the admin's task results and ``manage.py deliveries --failed``)."""
    try:
        work(question_id)
    except Exception:
        if attempt >= MAX_ATTEMPTS:
            raise
        log.warning("%s for question %s failed", this.name, question_id, exc_info=True)
        this.using(run_after=clock.now() + retry_delay(attempt)).enqueue(
            question_id, attempt=attempt + 1
        )


@task()
def sync_search_index(question_id: int, attempt: int = 1) -> None:
    """Make the archive's index agree with the database about one question."""
    _attempt(sync_search_index, search.sync_document, question_id, attempt=attempt)


# --- A new question ----------------------------------------------------------------------------
# Its receipt and its automatic routing are one task of questions/receipt.py: routing writes
# through the services, which import this module, so that task lives above them. It sends its
# messages and retries its routing with these.

send_now = _send
retry_later = _attempt


# --- Recovery -----------------------------------------------------------------------------------

# A task still marked running this long after it started was left by a worker that died (the
# backport's worker has no heartbeat): ours take seconds.
STALLED_AFTER = timedelta(minutes=15)


def failed_tasks():
    """Routing and index tasks that gave up (their last attempt raised)."""
    from django_tasks_db.models import DBTaskResult

    # This module's and the receipt's (questions/receipt.py).
    return DBTaskResult.objects.failed().filter(task_path__startswith="questions.")


def task_retry(*, results) -> int:
    """Enqueue failed tasks again from their first attempt; returns how many."""
    count = 0
    for result in results:
        kwargs = {k: v for k, v in result.args_kwargs["kwargs"].items() if k != "attempt"}
        with transaction.atomic():
            result.task.using(run_after=None).enqueue(*result.args_kwargs["args"], **kwargs)
            # Marked as handed over, so the same failure is not retried twice.
            type(result).objects.filter(pk=result.pk).update(
                exception_class_path=f"{result.exception_class_path} (retried)"
            )
        count += 1
    return count


def requeue_stalled(*, at: datetime | None = None) -> int:
    """Make tasks left running by a dead worker ready again; returns how many.

    Safe even if the worker is in fact alive and slow: every task here is idempotent."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    at = at or clock.now()
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=at - STALLED_AFTER
    ).update(status=TaskResultStatus.READY)
