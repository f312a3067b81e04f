"""Which messages a change to a question owes, to whom, on which channel, and what they say.

:func:`record` runs in the transaction of the change: it writes one
:class:`~questions.models.Delivery` per (event, template, recipient), and the services' effects
enqueue a task to send each (questions/tasks.py, docs/decisions/0016). The citizen's goes out on
the channel they chose — e-mail, SMS or Zalo — or on the one their contact details allow
(:func:`citizen_channel`; docs/decisions/0022). :func:`compose_message` is called by the task
when it sends, and re-reads everything, so a message says what is stored then; an SMS or a Zalo
message carries no personal data, only the tracking code, the status and the links.

Mails are plain text: each template under ``questions/mail/`` turns autoescaping off itself, so
the citizen reads ``"Tôi & bạn"`` and not ``&quot;Tôi &amp; bạn&quot;``, whoever renders it
(here, or the deadline sweep). Should an HTML part ever be added, it gets its own template with
autoescaping on.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from .audit import AuditAction
from .channels import Channel, Message, optout
from .channels.phone import e164
from .channels.text import ascii_text
from .mail_headers import outgoing_headers
from .models import Delivery, Event, Question
from .timeline import citizen_label

log = logging.getLogger(__name__)

# Events the citizen is told about by e-mail, with the template that tells them.
CITIZEN_MAIL = {
    AuditAction.RECEIVED: "received",
    AuditAction.REJECTED: "rejected",
    AuditAction.MERGED: "merged",
    AuditAction.CLARIFICATION_REQUESTED: "clarification",
    AuditAction.ANSWERED: "answered",
    AuditAction.PUBLISHED: "published",
    # Deadlines (docs/decisions/0005): the citizen is told of an extension and its reason.
    AuditAction.EXTENDED: "extended",
    # A lost private link, asked for again (questions/lost_link.py).
    AuditAction.PRIVATE_LINK_RESENT: "link_resent",
}
# Staff side of extensions: supervisors hear of a request, the requesting head of a refusal.
STAFF_MAIL = {
    AuditAction.EXTENSION_REQUESTED: "extension_requested",
    AuditAction.EXTENSION_REFUSED: "extension_refused",
}


def private_url(question: Question) -> str:
    path = reverse("questions:track", args=[question.tracking_code])
    return f"{settings.SITE_URL}{path}?token={question.access_token}"


def staff_question_url(question: Question) -> str:
    return f"{settings.SITE_URL}{reverse('workspace:question', args=[question.tracking_code])}"


def record(*, event: Event) -> list[Delivery]:
    """The deliveries ``event`` owes, stored (inside the caller's transaction)."""
    question = event.question
    rows = []
    if (template := CITIZEN_MAIL.get(event.action)) and (channel := citizen_channel(question)):
        rows.append((template, Delivery.CITIZEN, channel))
    if template := STAFF_MAIL.get(event.action):
        rows.extend((template, user, Channel.EMAIL) for user in _staff_recipients(event))
    return [
        Delivery.objects.create(
            question=question, event=event, template=template, recipient=recipient, channel=channel
        )
        for template, recipient, channel in rows
    ]


def citizen_channel(question: Question) -> str | None:
    """The channel the citizen chose if their contact details allow it, else the one they do:
    e-mail first, then SMS (a citizen who left only a phone number hears by SMS); None if they
    left no contact, or it was erased."""
    if question.notify_by in (Channel.SMS, Channel.ZALO) and question.asker_phone:
        return question.notify_by
    if question.asker_email:
        return Channel.EMAIL
    if question.asker_phone:
        return Channel.SMS
    return None


def _staff_recipients(event: Event) -> list[str]:
    from django.contrib.auth import get_user_model

    from .models import Role

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if event.action == AuditAction.EXTENSION_REQUESTED:
        users = users.filter(staff__role=Role.SUPERVISOR)
    else:
        users = users.filter(extensions_requested__pk=event.data["extension"])
    return sorted(set(users.values_list("username", flat=True)))


def compose_message(delivery: Delivery) -> Message | None:
    """The message ``delivery`` owes, on its channel, as things stand now; None if there is no
    address or number for it any more (erased)."""
    reference = f"delivery-{delivery.pk}"
    if delivery.channel == Channel.EMAIL:
        mail = compose(delivery)
        if mail is None:
            return None
        return Message(
            channel=Channel.EMAIL,
            to=mail.to[0],
            subject=mail.subject,
            text=mail.body,
            template=delivery.template,
            reference=reference,
            headers=mail.extra_headers,
        )
    question = delivery.question
    if not question.asker_phone:
        return None
    language = question.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "code": question.tracking_code,
            "url": private_url(question),
            "stop_url": optout.stop_url(question.pk, delivery.channel),
        }
        text = " ".join(render_to_string(f"questions/sms/{delivery.template}.txt", context).split())
        data = {
            "code": question.tracking_code,
            "status": citizen_label(delivery.event.action),
            "url": context["url"],
        }
    if delivery.channel == Channel.SMS and settings.HELPDESK_SMS["ASCII"]:
        text = ascii_text(text)
    return Message(
        channel=delivery.channel,
        to=e164(question.asker_phone),
        text=text,
        template=delivery.template,
        data=data,
        reference=reference,
    )


def compose(delivery: Delivery) -> EmailMessage | None:
    """The message for ``delivery`` as things stand now; None if there is no address for it."""
    question = delivery.question
    if delivery.recipient == Delivery.CITIZEN:
        address = question.asker_email
        language = question.language or settings.LANGUAGE_CODE
        # The event is read only if the template uses it (a receipt's does not, and the
        # receipt's task leaves it unread: questions/tasks.py).
        event = SimpleLazyObject(lambda: delivery.event)
        context = {"question": question, "url": private_url(question), "event": event}
    else:
        from django.contrib.auth import get_user_model

        from .models import ExtensionRequest

        user = get_user_model().objects.filter(username=delivery.recipient).first()
        address = user.email if user is not None and user.is_active else ""
        language = settings.LANGUAGE_CODE
        context = {
            "question": question,
            "url": staff_question_url(question),
            "extension": ExtensionRequest.objects.select_related("requested_by").get(
                pk=delivery.event.data["extension"]
            ),
        }
    if not address:
        return None
    with translation.override(language):
        subject = render_to_string(f"questions/mail/{delivery.template}_subject.txt", context)
        body = render_to_string(f"questions/mail/{delivery.template}.txt", context)
        stop = delivery.recipient == Delivery.CITIZEN and optout.stop_url(question.pk, "email")
        if stop:
            body += render_to_string("questions/mail/_stop.txt", {"stop_url": stop})
    # A citizen's reply comes back to the intake mailbox with its token (questions/mail_intake.py).
    headers = outgoing_headers(question) if delivery.recipient == Delivery.CITIZEN else {}
    return EmailMessage(" ".join(subject.split()), body, None, [address], headers=headers)
