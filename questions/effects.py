"""What a change to a question sets in motion, decided inside the change's own transaction.

The services call :func:`question_changed` right after writing an event, *inside*
``transaction.atomic()``. The durable effects (e-mails, the archive's index) are tasks of Django's
Tasks API on the database backend: their rows are written by the same transaction, so they
commit with the change or vanish with its rollback, and a worker runs them afterwards — however
long the mail server is down, or if this process dies right after the commit (questions/tasks.py,
docs/decisions/0016). The request itself only writes rows.

The live broadcast is not durable, on purpose: it is a nudge to open pages to refetch, worth
nothing a minute later and harmless to miss (a page load shows the same). It stays an
``on_commit`` callback in this process, so it is never sent for a change that rolls back.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction

from . import archive, live, notifications, tasks, webhooks
from .audit import AuditAction
from .models import Event, Question

log = logging.getLogger(__name__)

# Events after which the public archive may have changed.
ARCHIVE_EVENTS = frozenset(
    {AuditAction.PUBLISHED, AuditAction.UNPUBLISHED, AuditAction.REOPENED, AuditAction.IMPORTED}
)


def question_changed(*, question: Question, event: Event) -> None:
    """Enqueue the e-mails and index update ``event`` calls for; broadcast it after commit."""
    for delivery in notifications.record(event=event):
        tasks.send_delivery.enqueue(delivery.pk)
    webhooks.record(event=event)
    if event.action in ARCHIVE_EVENTS:
        tasks.sync_search_index.enqueue(question.pk)
        transaction.on_commit(archive.forget_filter_choices)  # the archive filter's choices
    # The rows as this transaction leaves them: no need to read back what was just written.
    transaction.on_commit(partial(_broadcast, question, event))


def question_received(*, question: Question, event: Event) -> list[int]:
    """A new question's effects here: the messages its receipt owes, recorded, and the live
    broadcast after commit; returns the messages' ids.

    Their sending and the automatic routing are ONE task, enqueued by the receipt's use case
    (questions/receipt.py) rather than here: one task row per submission rather than one per
    message plus one for routing (docs/decisions/0016, "Worker cost"), and routing writes
    through the services, which are above this module.
    """
    deliveries = [delivery.pk for delivery in notifications.record(event=event)]
    webhooks.record(event=event)
    transaction.on_commit(partial(_broadcast, question, event))
    return deliveries


def _broadcast(question: Question, event: Event) -> None:
    # After commit: a channel layer that is down must not turn a stored change into an error.
    try:
        live.broadcast_change(question, event)
    except Exception:
        log.exception("Live broadcast of question %s failed", question.pk)
