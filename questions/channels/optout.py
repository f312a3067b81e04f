"""Per-citizen opt-out: a link in every message stops messages to that address or number.

Stored as a keyed hash of the normalised contact (``ContactOptOut``), so the table holds no
address or number in clear and survives the question's erasure: an address opted out stays
opted out, for this question and any later one. The link names the question and the channel,
signed with the site's secret (no token of the private link in it, so it can be shared with a
gateway's logs without opening the question).
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.urls import NoReverseMatch, reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from helpdesk import clock

from ..audit import AuditAction
from .base import Channel
from .models import ContactOptOut
from .phone import e164

_SALT = "questions.channels.optout"


def contact_hash(contact: str) -> str:
    """The key of an e-mail address (lower case) or a phone number (E.164)."""
    contact = contact.strip()
    contact = contact.lower() if "@" in contact else e164(contact)
    return salted_hmac(_SALT, contact, algorithm="sha256").hexdigest()


def contact_of(question, channel: str) -> str:
    """The address or number ``channel`` reaches the asker at ("" if none, e.g. erased)."""
    return question.asker_email if channel == Channel.EMAIL else question.asker_phone


# ``ContactOptOut.objects.filter(contact_hash=…).exists()`` written once: the task worker asks it
# for a message the delivery's claim did not ask about (questions/tasks.py), and the ORM built
# the same statement each time for several times what running it cost. tests/tasks runs it
# against the model on SQLite and PostgreSQL, so a renamed table or column fails there.
_OPTED_OUT_SQL = 'SELECT 1 FROM "questions_contactoptout" WHERE "contact_hash" = %s LIMIT 1'


def is_opted_out(contact: str) -> bool:
    """Whether ``contact`` (an e-mail address or a phone number) opted out; False for ""."""
    if not contact:
        return False
    with connections[ContactOptOut.objects.db].cursor() as cursor:
        cursor.execute(_OPTED_OUT_SQL, [contact_hash(contact)])
        return cursor.fetchone() is not None


def token(question_id: int, channel: str) -> str:
    signature = salted_hmac(_SALT, f"{question_id}.{channel}", algorithm="sha256").hexdigest()
    return f"{question_id}.{channel}.{signature[:20]}"


def read_token(value: str) -> tuple[int, str] | None:
    """``(question_id, channel)`` of a genuine token, None otherwise."""
    pk, _, rest = value.partition(".")
    channel, _, _signature = rest.partition(".")
    if not pk.isdigit() or channel not in Channel.values:
        return None
    if not constant_time_compare(token(int(pk), channel), value):
        return None
    return int(pk), channel


def stop_url(question_id: int, channel: str) -> str:
    """The opt-out link; "" where the site has no opt-out page (a URLconf without it)."""
    try:
        path = reverse("channels:stop", args=[token(question_id, channel)])
    except NoReverseMatch:
        return ""
    return f"{settings.SITE_URL}{path}"


def contact_opt_out(*, question, channel: str) -> bool:
    """Stop messages to the asker's contact on ``channel``; False if there is no contact left."""
    from questions.models import Event

    contact = contact_of(question, channel)
    if not contact:
        return False
    at = clock.now()
    try:
        with transaction.atomic():
            ContactOptOut.objects.create(
                contact_hash=contact_hash(contact), channel=channel, created_at=at
            )
    except IntegrityError:  # opted out already (a second click): nothing more to record
        return True
    Event.objects.create(
        question=question,
        action=AuditAction.NOTIFICATIONS_STOPPED,
        actor_kind="citizen",
        data={"channel": channel},
        is_internal=True,
        created_at=at,
    )
    return True
