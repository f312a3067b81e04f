"""Questions a staff member enters for a citizen: received at the counter, by phone, by post.

Decision 31/2021/QĐ-TTg (art. 43.2) wants feedback received by phone, by e-mail or on paper
entered into the system. The intake desk types it in here, and from then on it is a question
like any other: it goes through the same :func:`questions.receipt.question_submit` as the web
form (routing, deadlines, receipt, audit), with three differences recorded on it:

- its channel (:data:`~questions.models.STAFF_ENTERED_CHANNELS`) and who entered it, the actor
  of its ``question.received`` event;
- the moment it actually reached us, which is day zero of its deadlines (a letter opened on
  Monday and typed in on Wednesday is due as from Monday). It may be earlier than now, never
  later, and not older than :data:`MAX_RECEIVED_AGE` (a typo in the year would otherwise
  create a question overdue for months);
- the consent to publication as the citizen gave it (said at the counter, ticked on a paper
  form), recorded with the same wording the web form shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from routing.models import Category, Unit

from . import receipt
from .access import staff_profile
from .models import STAFF_ENTERED_CHANNELS, Question, Role
from .uploads import CheckedFile

# Who may enter a question for a citizen. The intake desk receives the province's mail and
# calls; the question then waits in its queue to be routed, which is also its job. A unit's
# head who receives a letter forwards it to the desk, as on paper today.
ENTERING_ROLES = frozenset({Role.INTAKE, Role.ADMIN})

# How far back the moment of receipt may go: a letter can take weeks to be forwarded, a date
# older than this is almost certainly a typo.
MAX_RECEIVED_AGE = timedelta(days=90)


def can_enter(user: AbstractBaseUser) -> bool:
    profile = staff_profile(user)
    return profile is not None and profile.role in ENTERING_ROLES


def check_received_at(received_at: datetime, *, now: datetime) -> datetime:
    """The moment of receipt as given, or a translated ``ValidationError``."""
    if timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at)
    if received_at > now:
        raise ValidationError(
            _("The question cannot have been received in the future."), code="future"
        )
    if received_at < now - MAX_RECEIVED_AGE:
        raise ValidationError(
            _("The date of receipt is more than %(days)d days ago: check the year.")
            % {"days": MAX_RECEIVED_AGE.days},
            code="too_old",
        )
    return received_at


def question_enter_for_citizen(
    *,
    entered_by: AbstractBaseUser,
    channel: str,
    received_at: datetime,
    title: str,
    body: str,
    name: str,
    email: str = "",
    phone: str = "",
    category: Category | None = None,
    commune: Unit | None = None,
    publish_consent: bool = False,
    files: Sequence[tuple[UploadedFile, CheckedFile]] = (),
    idempotency_key: str | None = None,
    language: str = "vi",
    notify_by: str | None = None,
    at: datetime,
) -> tuple[Question, bool]:
    """Store a question received by ``channel``, entered by ``entered_by``; ``(question, created)``.

    The input is validated by the form or the serializer; the rules that must hold whoever calls
    (the role, the channel, the moment of receipt) are checked again here.
    """
    if not can_enter(entered_by):
        raise PermissionDenied(_("Only the intake desk may enter a question for a citizen."))
    if channel not in STAFF_ENTERED_CHANNELS:
        raise ValidationError(_("Choose how the question was received."), code="channel")
    received_at = check_received_at(received_at, now=at)
    if not (email or phone):
        raise ValidationError(
            _("Give an e-mail address or a phone number so that we can reach the citizen."),
            code="contact",
        )
    return receipt.question_submit(
        title=title,
        body=body,
        name=name,
        email=email,
        phone=phone,
        category=category,
        commune=commune,
        publish_consent=publish_consent,
        files=files,
        source=channel,
        # Namespaced: a staff form's key can never return a citizen's receipt, or the reverse.
        idempotency_key=f"staff:{idempotency_key}" if idempotency_key else None,
        language=language,
        at=at,
        received_at=received_at,
        entered_by=entered_by,
        # The channel the citizen chose to be told on (e-mail, SMS, Zalo), when offered.
        **({"notify_by": notify_by} if notify_by else {}),
    )
