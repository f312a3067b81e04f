"""Live updates: which websocket groups hear about a question, and telling them.

Groups follow the access policy (questions/access.py): a unit's staff hear about their unit's
questions, the intake desk about new and province-wide changes, supervisors about everything,
and a citizen only about their own question. Messages carry no personal data — only the
tracking code, status and unit — and pages refetch what they show through the ordinary,
access-checked views, so a websocket can never show more than a page load would.
"""

from __future__ import annotations

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

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
    if event is not None:
        left = [event.data.get(key) for key in ("from_unit", "previous_unit")]
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
    # One trip into the event loop for all the groups: from a sync (WSGI) worker each
    # async_to_sync call starts a loop in a new thread, which cost more than the sends.
    async_to_sync(_send_all)(
        layer, sorted(groups_for(question, event)), message_for(question, event)
    )


async def _send_all(layer, groups: list[str], message: dict) -> None:
    for group in groups:
        await layer.group_send(group, message)
