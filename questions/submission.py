"""A citizen sends a question, by the web form or through the API: one use case for both.

The two ways in differ only in how they name a submission (the form's one-time nonce, the
API's ``Idempotency-Key``, each stored with its own prefix) and in how they word a refusal. What
a submission goes through is the same, in this order:

1. **A replay** (a double click, a client retrying after a lost response) gets the receipt of
   the question stored the first time, and is not counted against the rate limit: it stores
   nothing. The same key with *other* content is refused (:class:`KeyReused`): answering it with
   the first receipt would hand one asker's tracking code and private link to whoever holds
   the key (questions/idempotency.py).
2. **The rate limit** per IP address and per contact (:class:`TooManySubmissions`).
3. **The receipt's use case**, ``receipt.question_submit``, which stores the question, its
   first event, and the task for its receipt and routing. Two requests with one new key at the
   same moment: the one that stores second gets the first one's question, checked as in 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError

from routing.models import Category, Unit

from . import receipt, selectors
from .idempotency import is_same_submission
from .models import Question
from .ratelimit import allow_submission
from .uploads import CheckedFile


class SubmissionRefused(Exception):
    """A submission that is not stored; each way in words it for its audience."""


class KeyReused(SubmissionRefused):
    """The key (or the form's nonce) already sent a different question."""


class TooManySubmissions(SubmissionRefused):
    """Too many questions from this address or with this contact in the window."""


def question_ask(
    *,
    ip: str,
    idempotency_key: str | None,
    title: str,
    body: str,
    name: str,
    email: str,
    phone: str,
    category: Category | None,
    commune: Unit | None,
    publish_consent: bool,
    source: str,
    language: str,
    at: datetime,
    files: Sequence[tuple[UploadedFile, CheckedFile]] = (),
    **options,
) -> tuple[Question, bool]:
    """Store the question unless it is a replay; return ``(question, created)``.

    ``options`` are handed to ``receipt.question_submit`` as they are (how the asker wants to
    hear from us, for instance). Raises :class:`KeyReused` or :class:`TooManySubmissions`.
    """
    asked = {
        "title": title,
        "body": body,
        "name": name,
        "email": email,
        "phone": phone,
        "category": category,
        "commune": commune,
        "publish_consent": publish_consent,
    }
    if idempotency_key:
        earlier = selectors.question_for_idempotency_key(key=idempotency_key)
        if earlier is not None:
            return _replayed(earlier, asked)
    if not allow_submission(ip=ip, contacts=[email, phone]):
        raise TooManySubmissions()
    try:
        question, created = receipt.question_submit(
            **asked,
            files=files,
            source=source,
            idempotency_key=idempotency_key,
            language=language,
            at=at,
            **options,
        )
    except IntegrityError:
        # Two requests with the same new key at once: the other one stored the question.
        earlier = (
            selectors.question_for_idempotency_key(key=idempotency_key) if idempotency_key else None
        )
        if earlier is None:
            raise
        return _replayed(earlier, asked)
    if not created:
        return _replayed(question, asked)
    return question, True


def _replayed(question: Question, asked: dict) -> tuple[Question, bool]:
    if not is_same_submission(question, **asked):
        raise KeyReused()
    return question, False
