"""A new question's receipt: its first messages and its automatic routing, in one task.

The receipt's use case for every way a question comes in (the web form and the API through
questions/submission.py, the desk's entries, e-mail, the national system's import): the
question is stored by ``services.question_store`` and, in the same transaction, ONE task is
enqueued for its receipt message(s) and its automatic routing (docs/decisions/0016, "Worker
cost"): the task's row commits with the question or vanishes with it.

Automatic routing is called here, by the receipt, not by the generic effects dispatcher
(questions/effects.py): the dispatcher sits below the services, and routing writes through
them (questions/autoroute.py calls ``services.question_route``), so the task that routes lives
above both. The import order is one way: receipt → autoroute → services → effects → tasks.
"""

from __future__ import annotations

import logging
from typing import Any

from django_tasks import task

from helpdesk import clock

from . import autoroute, compiled, services, tasks
from .models import Question

log = logging.getLogger(__name__)


def question_submit(**fields: Any) -> tuple[Question, bool]:
    """Store a new question and enqueue its receipt; return ``(question, created)``.

    Takes the arguments of ``services.question_store`` (the question's fields, its channel,
    its idempotency key, "now"). A replayed key stores and enqueues nothing.
    """
    return services.question_store(on_received=_enqueue_receipt, **fields)


def _enqueue_receipt(question: Question, deliveries: list[int]) -> None:
    receive_question.enqueue(question.pk, deliveries)


@task()
def route_new_question(question_id: int, attempt: int = 1) -> None:
    """The receipt's routing: rules, then the learned model (questions/autoroute.py)."""
    tasks.retry_later(
        route_new_question, autoroute.route_new_question, question_id, attempt=attempt
    )


_read_question = compiled.ReadByKey(Question)


@task()
def receive_question(question_id: int, delivery_ids: list[int]) -> None:
    """A new question's first attempts, in one task: its receipt message(s), then its routing.

    Each keeps its own retries: a message that fails is retried as ``tasks.send_delivery``,
    routing as :func:`route_new_question`, so one failing does not hold back or repeat the other.
    """
    # Read once for both; each still checks what it acts on. Neither needs the category's or
    # the commune's row (routing takes their ids). Its SQL is compiled once per process.
    question = _read_question.get(question_id)
    for delivery_id in delivery_ids:
        try:
            tasks.send_now(delivery_id, question=question)
        except Exception:
            # Not the mail server (send_delivery handles that) but the database, say: the
            # delivery is still owed, so it gets a task of its own, and routing goes on.
            log.warning("Receipt delivery %s failed", delivery_id, exc_info=True)
            tasks.send_delivery.using(run_after=clock.now() + tasks.FIRST_RETRY_AFTER).enqueue(
                delivery_id
            )
    if question is not None:  # else erased since: nothing to route

        def route(question_id: int) -> None:
            autoroute.route_new_question(question_id, question=question)

        tasks.retry_later(route_new_question, route, question_id, attempt=1)
