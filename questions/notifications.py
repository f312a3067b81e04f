"""Side effects of question changes, run after the transaction commits.

Services register these with ``transaction.on_commit``; they re-read the question, so they
only ever announce what is durably stored. A failing mail server must not turn a committed
change into an error page, so failures are logged, not raised.

Mails are plain text: each template under ``questions/mail/`` turns autoescaping off itself, so
the citizen reads ``"Tôi & bạn"`` and not ``&quot;Tôi &amp; bạn&quot;``, whoever renders it
(here, or the deadline sweep). Should an HTML part ever be added, it gets its own template with
autoescaping on.
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
    # Deadlines (docs/decisions/0005): the citizen is told of an extension and its reason.
    "question.extended": "extended",
}
STAFF_MAIL_EVENTS = frozenset({"question.extension_requested", "question.extension_refused"})


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
    if event.action in STAFF_MAIL_EVENTS:
        extension_changed(event)


def staff_question_url(question: Question) -> str:
    return f"{settings.SITE_URL}{reverse('workspace:question', args=[question.tracking_code])}"


def _mail_staff(users, template: str, **context) -> None:
    addresses = sorted({u.email for u in users if u is not None and u.email})
    if not addresses:
        return
    try:
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string(f"questions/mail/{template}_subject.txt", context)
            body = render_to_string(f"questions/mail/{template}.txt", context)
        send_mail(" ".join(subject.split()), body, None, addresses)
    except Exception:
        log.exception("Could not e-mail staff about %s", template)


def extension_changed(event: Event) -> None:
    """Staff side of extensions: supervisors hear of a request, the head of a refusal."""
    from django.contrib.auth import get_user_model

    from routing.models import Role

    from .models import ExtensionRequest

    extension = ExtensionRequest.objects.select_related("requested_by").get(
        pk=event.data["extension"]
    )
    context = {
        "question": event.question,
        "extension": extension,
        "url": staff_question_url(event.question),
    }
    if event.action == "question.extension_requested":
        supervisors = get_user_model().objects.filter(staff__role=Role.SUPERVISOR, is_active=True)
        _mail_staff(supervisors, "extension_requested", **context)
    elif event.action == "question.extension_refused":
        _mail_staff([extension.requested_by], "extension_refused", **context)
