"""The reply token and the headers of every mail we send a citizen (questions/mail_intake.py).

Kept apart from the intake itself so that ``questions.notifications`` can stamp its mails
without importing the services (which import it).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings

from .models import Question

# Marks every mail we send, so that it is recognised if it ever comes back in.
LOOP_HEADER = "X-Loop"
MESSAGE_ID_PREFIX = "hoidap"
TOKEN_RE = re.compile(r"^(\d+)\.([0-9a-f]{20})$")
# In a Message-ID of ours: <hoidap.<token>.<random>@domain>.
MSGID_TOKEN_RE = re.compile(rf"<{MESSAGE_ID_PREFIX}\.(\d+\.[0-9a-f]{{20}})\.[^@>]*@[^>]+>", re.I)


def loop_value() -> str:
    return settings.HELPDESK_INTAKE_ADDRESS.lower()


def reply_token(question: Question) -> str:
    """``<id>.<mac>``: 80 bits of HMAC over the id and the access token, lower case (some MTAs
    fold the local part's case). A new access token revokes the old replies' tokens."""
    mac = hmac.new(
        settings.SECRET_KEY.encode(),
        f"mail-reply:{question.pk}:{question.access_token}".encode(),
        hashlib.sha256,
    ).hexdigest()[:20]
    return f"{question.pk}.{mac}"


def question_for_token(token: str) -> Question | None:
    match = TOKEN_RE.match((token or "").strip().lower())
    if match is None:
        return None
    question = Question.objects.filter(pk=int(match[1])).first()
    if question is None or not hmac.compare_digest(reply_token(question), match[0]):
        return None
    return question


def reply_address(question: Question) -> str:
    local, _at, domain = settings.HELPDESK_INTAKE_ADDRESS.partition("@")
    return f"{local}+{reply_token(question)}@{domain}"


def outgoing_headers(question: Question) -> dict[str, str]:
    """The headers of a mail to a citizen about ``question`` (questions/notifications.py):
    replies go to the plus-address with its token, and the mail is marked as ours and as
    automatic, so neither we nor the citizen's auto-responder answer it."""
    domain = settings.HELPDESK_INTAKE_ADDRESS.partition("@")[2] or "localhost"
    unique = secrets.token_hex(8)
    return {
        "Reply-To": reply_address(question),
        "Message-ID": f"<{MESSAGE_ID_PREFIX}.{reply_token(question)}.{unique}@{domain}>",
        LOOP_HEADER: loop_value(),
        "Auto-Submitted": "auto-generated",
    }
