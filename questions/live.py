"""Live updates: which websocket groups hear about a question, and telling them.

Groups follow the access policy (questions/access.py): a unit's staff hear about their unit's
questions, the intake desk about new and province-wide changes, supervisors about everything,
and a citizen only about their own question. Messages carry no personal data — only the
tracking code, status and unit — and pages refetch what they show through the ordinary,
access-checked views, so a websocket can never show more than a page load would.
"""

from __future__ import annotations

import asyncio
import os
import threading

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer

from routing.models import Unit

from .access import PROVINCE_WIDE_ROLES
from .audit import AuditAction
from .models import Event, Question, Role

PROVINCE = "province"


def unit_group(unit_id: int) -> str:
    return f"unit.{unit_id}"


def question_group(question_id: int) -> str:
    return f"question.{question_id}"


def staff_groups(profile) -> list[str]:
    """The group a staff member's workspace joins: exactly one, so no message arrives twice.

    Every message goes to the province group, so the province-wide roles (intake desk,
    supervisors, administrators) need no other; unit staff hear about their unit only.
    """
    if profile.role in PROVINCE_WIDE_ROLES:
        return [PROVINCE]
    if profile.unit_id and profile.role in (Role.HEAD, Role.OFFICER):
        return [unit_group(profile.unit_id)]
    return []


def groups_for(question: Question, event: Event | None) -> set[str]:
    groups = {PROVINCE, question_group(question.pk)}
    if question.unit_id:
        groups.add(unit_group(question.unit_id))
    # A question that left a unit (transfer, re-routing) must also leave that unit's inbox.
    left = [event.data.get(key) for key in ("from_unit", "previous_unit")] if event else []
    if any(left):  # most changes leave no unit: no query to build for them
        for unit_id in Unit.objects.filter(code__in=[c for c in left if c]).values_list(
            "pk", flat=True
        ):
            groups.add(unit_group(unit_id))
    return groups


def message_for(question: Question, event: Event | None) -> dict:
    return {
        "type": "question.changed",
        "code": question.tracking_code,
        "status": question.status,
        "unit": question.unit_id,
        "action": event.action if event else AuditAction.RECEIVED.value,
    }


def broadcast(question_id: int, event_id: int | None = None) -> None:
    """Tell every group concerned that the question changed (called after commit)."""
    if get_channel_layer() is None:
        return
    question = Question.objects.only("pk", "tracking_code", "status", "unit_id").get(pk=question_id)
    event = Event.objects.only("action", "data").get(pk=event_id) if event_id else None
    broadcast_change(question, event)


def broadcast_change(question: Question, event: Event | None) -> None:
    """:func:`broadcast` from the rows the change just committed, as they are in memory."""
    layer = get_channel_layer()
    if layer is None:
        return
    groups = sorted(groups_for(question, event))
    if isinstance(layer, InMemoryChannelLayer):
        # The embedded default: the layer is this process's memory, so only websockets served
        # by this very process can hear it (the ASGI server of ``manage.py serve``). When none
        # of them is in a group concerned, sending would change nothing, and a sync worker
        # (gunicorn beside an ASGI server for /ws/) never has any. Reading the dict from this
        # thread is safe under the GIL; a socket that joins meanwhile refetches on connect.
        if not any(group in layer.groups for group in groups):
            return
        # Its groups live on the server's event loop: send from there (async_to_sync finds it
        # from the view's thread under ASGI).
        async_to_sync(_send_all)(layer, groups, message_for(question, event))
        return
    # A shared layer (Redis): usable from any event loop, so a sync worker sends from one loop
    # kept for the process, instead of async_to_sync starting a loop in a new thread (and a new
    # connection to Redis) per change. Waiting for the result keeps a failure the caller's to log.
    _process_loop().run_until_sent(_send_all(layer, groups, message_for(question, event)))


async def _send_all(layer, groups: list[str], message: dict) -> None:
    for group in groups:
        await layer.group_send(group, message)


# How long a request waits for the broadcast to reach the layer before giving up on it: a nudge
# is worth little (pages refetch on their next load), a request held by a stalled Redis is not.
SEND_TIMEOUT_SECONDS = 5.0


class _LoopThread:
    """An event loop running in a daemon thread, one per process (rebuilt after a fork)."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, name="live-broadcast", daemon=True).start()

    def run_until_sent(self, coroutine) -> None:
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        try:
            future.result(timeout=SEND_TIMEOUT_SECONDS)
        except TimeoutError:
            future.cancel()
            raise


_loop: _LoopThread | None = None
_loop_lock = threading.Lock()


def _process_loop() -> _LoopThread:
    global _loop
    loop = _loop
    if loop is not None and loop.pid == os.getpid():
        return loop
    with _loop_lock:
        # A worker forked from a process that had one inherits the object but not its thread.
        if _loop is None or _loop.pid != os.getpid():
            _loop = _LoopThread()
        return _loop
