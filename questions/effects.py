"""What happens after a change to a question is committed.

Services register these with ``transaction.on_commit``, so nothing is announced, indexed or
routed for a change that could still roll back. Each effect re-reads what it needs and runs on
its own: a failure in one (a mail server down, a locked index) is logged and does not stop the
others, nor turn a stored change into an error page. Everything an effect does can be redone:
the search index by ``rebuild_index``, routing by the intake desk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from search import services as search

from . import autoroute, live, notifications
from .models import Event

log = logging.getLogger(__name__)

# Events after which the public archive may have changed.
ARCHIVE_EVENTS = frozenset(
    {"question.published", "question.unpublished", "question.reopened", "question.imported"}
)


def _run(effect: Callable[..., object], *args: object) -> None:
    try:
        effect(*args)
    except Exception:
        log.exception("After-commit effect %s%r failed", effect.__qualname__, args)


def question_received(question_id: int) -> None:
    _run(notifications.question_received, question_id)
    _run(live.broadcast, question_id)
    # Routing may move it on at once; that move is a change of its own, broadcast in turn.
    _run(autoroute.route_new_question, question_id)


def question_changed(question_id: int, event_id: int) -> None:
    event = Event.objects.only("action").get(pk=event_id)
    _run(notifications.question_changed, question_id, event_id)
    if event.action in ARCHIVE_EVENTS:
        _run(search.sync_question, question_id)
    _run(live.broadcast, question_id, event_id)
