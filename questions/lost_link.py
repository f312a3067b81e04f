"""A lost private link, sent again to the contact given with the question.

The citizen types the tracking code and the e-mail address or phone number they gave when
asking. When both match a question that still has a contact to write to, the private link goes
out again as a durable :class:`~questions.models.Delivery` on the citizen's channel
(notifications.citizen_channel: the channel they chose, else e-mail, else SMS), recorded as an
internal ``question.private_link_resent`` event. The link goes only to a contact stored with the
question, never to the one typed, so knowing someone's code and e-mail gains nothing but a
message in their own inbox.

The page answers the same whether or not anything matched (``link_resend`` returns nothing), so
it cannot be used to learn which codes exist or which contact asked which question. Attempts are
rate-limited per client address and per tracking code (questions/ratelimit.py), matched or not.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from . import effects
from .audit import AuditAction
from .models import Event, Question
from .notifications import citizen_channel
from .validators import normalize_phone


def _normalized(contact: str) -> str:
    contact = (contact or "").strip()
    if "@" in contact:
        return contact.lower()
    try:
        return normalize_phone(contact)
    except ValidationError:
        return contact


def contact_matches(question: Question, contact: str) -> bool:
    """Whether ``contact`` is the e-mail address or phone number stored with ``question``."""
    given = _normalized(contact).encode()
    if not given:
        return False
    stored = [
        _normalized(value).encode()
        for value in (question.asker_email, question.asker_phone)
        if value
    ]
    # Both compared every time, in constant time: the page's timing says nothing either.
    return any([secrets.compare_digest(given, value) for value in stored])


@transaction.atomic
def link_resend(*, code: str, contact: str, at: datetime) -> None:
    """Send the private link of question ``code`` again if ``contact`` is its asker's.

    Returns nothing on purpose: the caller must answer the same either way.
    """
    question = Question.objects.filter(tracking_code=(code or "").strip().upper()).first()
    if question is None or not contact_matches(question, contact):
        return
    if citizen_channel(question) is None:
        return
    event = Event.objects.create(
        question=question,
        action=AuditAction.PRIVATE_LINK_RESENT,
        actor=None,
        actor_kind="citizen",
        from_status=question.status,
        to_status=question.status,
        is_internal=True,
        created_at=at,
    )
    # The delivery row and its task are written here, in this transaction (decision 0016).
    effects.question_changed(question=question, event=event)
