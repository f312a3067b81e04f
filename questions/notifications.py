"""Side effects of question changes, run after the transaction commits.

Services register these with ``transaction.on_commit``; they re-read the question, so they
only ever announce what is durably stored. A failing mail server must not turn a committed
change into an error page, so failures are logged, not raised.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Event, Question

log = logging.getLogger(__name__)

# Events the citizen is told about by e-mail, with the template that tells them.
CITIZEN_MAIL = {
    "question.rejected": "rejected",
    "question.merged": "merged",
    "question.clarification_requested": "clarification",
    "question.answered": "answered",
    "question.published": "published",
}


def private_url(question: Question) -> str:
    path = reverse("questions:track", args=[question.tracking_code])
    return f"{settings.SITE_URL}{path}?token={question.access_token}"


def _mail_citizen(question: Question, template: str, **context) -> None:
    if not question.asker_email:
        return
    # Runs after commit: whatever goes wrong here is logged, never turned into an error page
    # for a change that has already been stored.
    try:
        with translation.override(question.language or settings.LANGUAGE_CODE):
            context = {"question": question, "url": private_url(question), **context}
            subject = render_to_string(f"questions/mail/{template}_subject.txt", context)
            body = render_to_string(f"questions/mail/{template}.txt", context)
        send_mail(" ".join(subject.split()), body, None, [question.asker_email])
    except Exception:
        log.exception("Could not e-mail %s about %s", question.tracking_code, template)


def question_received(question_id: int) -> None:
    question = Question.objects.get(pk=question_id)
    _mail_citizen(question, "received")


def question_changed(question_id: int, event_id: int) -> None:
    event = Event.objects.select_related("question").get(pk=event_id)
    template = CITIZEN_MAIL.get(event.action)
    if template:
        _mail_citizen(event.question, template, event=event)
