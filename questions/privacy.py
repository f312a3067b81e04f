"""The citizen's rights over their personal data, and how long we keep it (ND 356/2025).

Handling a question is a state function; the personal data it needed is kept only as long as
the question needs it. Three ways out (docs/decisions/0015):

- **Access**: a copy of everything we hold about the asker for one question
  (:func:`personal_data_export`), given at once to the holder of the private link.
- **Erasure** from the private link: the question leaves the public archive and the asker's
  data is anonymised. While the question is still open the state still has to answer it, so
  the request is recorded (with its 2-working-day answer date) and carried out when the
  question closes, by the daily ``apply_retention``.
- **Retention**: ``apply_retention`` anonymises the askers of questions closed more than
  ``HELPDESK_RETENTION_YEARS`` years ago, keeping the published (already de-identified) text
  and every figure the reports count.

Anonymising (:func:`_anonymise`) empties the asker's name, e-mail and phone, deletes the
attachments (rows now, files after commit), and passes the private texts — the question, the
answers, the notes of the audit trail, the rating comment — through the de-identification
engine with the asker's own values as known data. The audit trail keeps every row (who, when,
which status); only its free text loses the personal data. Every anonymisation writes one
``question.personal_data_erased`` event, which is also what makes the work idempotent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial

from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from helpdesk import clock
from routing import deadlines

from . import redaction
from .audit import AuditAction
from .models import (
    OPEN_STATUSES,
    Answer,
    AnswerVersion,
    Attachment,
    DataSubjectRequest,
    Event,
    ExtensionRequest,
    Notification,
    Question,
    Status,
)
from .services import TransitionError, personal_data_of, question_unpublish

# ND 356/2025 as docs/design.md#trust reads it: a data-subject request is answered within 2 working
# days.
ANSWER_WITHIN_WORKING_DAYS = 2

ERASED = AuditAction.PERSONAL_DATA_ERASED
ERASURE_REQUESTED = AuditAction.ERASURE_REQUESTED
ACCESS_GIVEN = AuditAction.PERSONAL_DATA_EXPORTED

EXPORT_FORMAT = 1


def request_due_on(received_on: date) -> date:
    """The day a request received on ``received_on`` must be answered by.

    Day zero is the day of receipt and the next working day is the first counted, as for every
    deadline of the product (docs/decisions/0002): asked on a Friday, answered by Tuesday.
    """
    return deadlines.working_calendar().add_working_days(received_on, ANSWER_WITHIN_WORKING_DAYS)


def is_erased(question: Question) -> bool:
    return question.events.filter(action=ERASED).exists()


# --- Access ------------------------------------------------------------------------------------


def personal_data_export(*, question: Question) -> dict:
    """Everything we hold about the asker for this question, as the citizen may see it.

    The citizen-visible timeline only: internal steps (assignment, drafts) are the
    administration's working papers, not data about the asker.
    """
    answer = question.approved_answer
    return {
        "format": EXPORT_FORMAT,
        "exported_at": clock.now().isoformat(),
        "tracking_code": question.tracking_code,
        "asker": {
            "name": question.asker_name,
            "email": question.asker_email,
            "phone": question.asker_phone,
            "language": question.language,
        },
        "question": {
            "title": question.title,
            "body": question.body,
            "category": question.category.display_name if question.category else None,
            "commune": question.commune.display_name if question.commune else None,
            "status": question.status,
            "status_label": str(question.get_status_display()),
            "received_at": _iso(question.received_at),
            "answer_due": _iso(question.answer_due),
            "answered_at": _iso(question.answered_at),
            "unit": question.unit.display_name if question.unit else None,
        },
        "answer": (
            {
                "body": answer.body,
                "legal_references": answer.legal_references,
                "approved_at": _iso(answer.decided_at),
            }
            if answer
            else None
        ),
        "rating": (
            {
                "score": question.satisfaction,
                "comment": question.satisfaction_comment,
                "rated_at": _iso(question.rated_at),
            }
            if question.rated_at
            else None
        ),
        "attachments": [
            {
                "name": item.original_name,
                "type": item.content_type,
                "size": item.size,
                "uploaded_at": _iso(item.uploaded_at),
            }
            for item in question.attachments.order_by("uploaded_at", "pk")
        ],
        "consent_to_publication": {
            "given": bool(question.consent_recorded_at),
            "in_force": question.publish_consent,
            "recorded_at": _iso(question.consent_recorded_at),
            "wording": question.consent_wording,
            "withdrawn": question.events.filter(
                action__in=[AuditAction.CONSENT_WITHDRAWN, AuditAction.UNPUBLISHED],
                actor_kind="citizen",
            ).exists(),
        },
        "published": (
            {
                "title": question.public_title,
                "question": question.public_body,
                "answer": question.public_answer,
                "published_at": _iso(question.published_at),
            }
            if question.status == Status.PUBLISHED
            else None
        ),
        "timeline": [
            {"at": _iso(event.created_at), "action": event.action, "note": event.note}
            for event in question.events.public().order_by("created_at", "pk")
        ],
        "data_requests": [
            {
                "kind": item.kind,
                "received_at": _iso(item.received_at),
                "due_on": _iso(item.due_on),
                "completed_at": _iso(item.completed_at),
                "outcome": item.outcome,
            }
            for item in question.data_requests.order_by("received_at", "pk")
        ],
    }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


@transaction.atomic
def data_request_access(*, question: Question, at: datetime) -> tuple[DataSubjectRequest, dict]:
    """Record an access request and answer it at once with the export."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    request = DataSubjectRequest.objects.create(
        kind=DataSubjectRequest.Kind.ACCESS,
        question=question,
        received_at=at,
        due_on=request_due_on(timezone.localdate(at)),
        completed_at=at,
        outcome=DataSubjectRequest.Outcome.EXPORTED,
    )
    # Internal: the citizen knows they downloaded it; staff see that a copy left the system.
    Event.objects.create(
        question=question,
        action=ACCESS_GIVEN,
        actor_kind="citizen",
        from_status=question.status,
        to_status=question.status,
        data={"request": request.pk},
        is_internal=True,
        created_at=at,
    )
    return request, personal_data_export(question=question)


# --- Erasure -----------------------------------------------------------------------------------


@transaction.atomic
def data_request_erase(*, question: Question, at: datetime) -> DataSubjectRequest:
    """The citizen asks for their personal data to be erased.

    A closed question is anonymised now. An open one still has to be answered (a state
    function): the request is recorded as deferred and carried out when it closes. Asking
    again joins the request already waiting; asking after the erasure changes nothing.
    """
    # Locked so that two clicks (or a click and the daily run) cannot both act.
    question = Question.objects.select_for_update().get(pk=question.pk)
    if is_erased(question):
        raise TransitionError(_("Your personal data for this question has already been erased."))
    request = question.data_requests.filter(
        kind=DataSubjectRequest.Kind.ERASURE, completed_at__isnull=True
    ).first()
    if request is None:
        request = DataSubjectRequest.objects.create(
            kind=DataSubjectRequest.Kind.ERASURE,
            question=question,
            received_at=at,
            due_on=request_due_on(timezone.localdate(at)),
        )
        Event.objects.create(
            question=question,
            action=ERASURE_REQUESTED,
            actor_kind="citizen",
            from_status=question.status,
            to_status=question.status,
            data={"request": request.pk, "due_on": request.due_on.isoformat()},
            created_at=at,
        )
    if question.status in OPEN_STATUSES:
        request.outcome = DataSubjectRequest.Outcome.DEFERRED
        request.save(update_fields=["outcome"])
        return request
    _anonymise(question, at=at, reason="request", unpublish=True)
    request.completed_at = at
    request.outcome = DataSubjectRequest.Outcome.ERASED
    request.save(update_fields=["completed_at", "outcome"])
    return request


@transaction.atomic
def erasure_carry_out(*, request: DataSubjectRequest, at: datetime) -> bool:
    """Carry out a deferred erasure if its question has closed; False if it must wait."""
    request = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    question = Question.objects.select_for_update().get(pk=request.question_id)
    if request.completed_at is not None or question.status in OPEN_STATUSES:
        return False
    if not is_erased(question):
        _anonymise(question, at=at, reason="request", unpublish=True)
    request.completed_at = at
    request.outcome = DataSubjectRequest.Outcome.ERASED
    request.save(update_fields=["completed_at", "outcome"])
    return True


def erasures_waiting() -> list[DataSubjectRequest]:
    """Deferred erasures whose question has closed since, oldest first."""
    return list(
        DataSubjectRequest.objects.filter(
            kind=DataSubjectRequest.Kind.ERASURE, completed_at__isnull=True
        )
        .exclude(question__status__in=OPEN_STATUSES)
        .select_related("question")
        .order_by("received_at", "pk")
    )


# --- Retention ---------------------------------------------------------------------------------


def years_before(at: datetime, years: int) -> datetime:
    """The same moment ``years`` earlier (29 February becomes 28 February)."""
    try:
        return at.replace(year=at.year - years)
    except ValueError:
        return at.replace(year=at.year - years, day=28)


def retention_due(*, cutoff: datetime):
    """Closed questions, not yet anonymised, whose last event is older than ``cutoff``.

    The last event, not the closing one: a question rated or reopened later was in use later.
    """
    return (
        Question.objects.exclude(status__in=OPEN_STATUSES)
        .annotate(last_activity=Max("events__created_at"))
        .filter(last_activity__lt=cutoff)
        .exclude(Exists(Event.objects.filter(question=OuterRef("pk"), action=ERASED)))
        .order_by("last_activity", "pk")
    )


@transaction.atomic
def question_retention_anonymise(*, question: Question, at: datetime) -> bool:
    """Anonymise one question's asker at the end of retention; False if already done."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status in OPEN_STATUSES or is_erased(question):
        return False
    # Published stays published: its public texts were de-identified at publication, and the
    # archive is the point of having asked in public.
    _anonymise(question, at=at, reason="retention", unpublish=False)
    return True


@dataclass
class RetentionReport:
    years: int
    cutoff: datetime | None
    dry_run: bool
    erasures: list[str] = field(default_factory=list)
    anonymised: list[tuple[str, str, date]] = field(default_factory=list)
    kept_published: int = 0


def apply_retention(*, years: int, at: datetime, dry_run: bool = False) -> RetentionReport:
    """Carry out the deferred erasures, then anonymise the askers past retention.

    One transaction per question: an interrupted run leaves every question either done or
    untouched, and the next run finishes the rest.
    """
    cutoff = years_before(at, years) if years > 0 else None
    report = RetentionReport(years=years, cutoff=cutoff, dry_run=dry_run)
    for request in erasures_waiting():
        if dry_run or erasure_carry_out(request=request, at=at):
            report.erasures.append(request.question.tracking_code)
    if cutoff is None:
        return report
    for question in retention_due(cutoff=cutoff):
        if dry_run or question_retention_anonymise(question=question, at=at):
            report.anonymised.append(
                (
                    question.tracking_code,
                    question.status,
                    timezone.localdate(question.last_activity),
                )
            )
            report.kept_published += question.status == Status.PUBLISHED
    return report


# --- Anonymising -------------------------------------------------------------------------------


def _anonymise(question: Question, *, at: datetime, reason: str, unpublish: bool) -> None:
    """Remove the asker's personal data from ``question`` (locked by the caller)."""
    if unpublish and question.status == Status.PUBLISHED:
        # Through the one unpublish service: its event, its archive update after commit.
        question = question_unpublish(
            question=question,
            reason=_("The citizen asked for their personal data to be erased."),
            actor=None,
            at=at,
        )
    known = personal_data_of(question)

    def clean(text: str) -> str:
        return redaction.redact(text, known=known).text if text else text

    files = list(question.attachments.values_list("file", flat=True))
    Attachment.objects.filter(question=question).delete()
    # After commit: a rollback must not leave rows pointing at deleted files.
    for name in files:
        transaction.on_commit(partial(_delete_file, name))

    for answer in Answer.objects.filter(question=question).only("pk", "body"):
        Answer.objects.filter(pk=answer.pk).update(body=clean(answer.body))
    # The draft history's texts too (decision 0028): a draft may greet the asker by name.
    for version in AnswerVersion.objects.filter(answer__question=question).only("pk", "body"):
        AnswerVersion.objects.filter(pk=version.pk).update(body=clean(version.body))
    for extension in ExtensionRequest.objects.filter(question=question):
        ExtensionRequest.objects.filter(pk=extension.pk).update(
            reason=clean(extension.reason), note=clean(extension.note)
        )
    # The audit trail is append-only (Event.save refuses edits): its rows stay, and the free
    # text is rewritten with a queryset update, the one sanctioned exception, because the law
    # puts the citizen's erasure above the completeness of our notes.
    for event in Event.objects.filter(question=question).exclude(note="").only("pk", "note"):
        Event.objects.filter(pk=event.pk).update(note=clean(event.note))
    # The citizen's progress notices were addressed to them.
    Notification.objects.filter(question=question, kind=Notification.Kind.PROGRESS).update(
        recipients=[]
    )

    question.title = clean(question.title)[: Question._meta.get_field("title").max_length]
    question.body = clean(question.body)
    question.satisfaction_comment = clean(question.satisfaction_comment)
    question.asker_name = ""
    question.asker_email = ""
    question.asker_phone = ""
    if unpublish:
        # Without consent it can never be published again; the record that consent was once
        # given (time and wording) stays, it holds nothing personal.
        question.publish_consent = False
    question.save(
        update_fields=[
            "title",
            "body",
            "satisfaction_comment",
            "asker_name",
            "asker_email",
            "asker_phone",
            "publish_consent",
        ]
    )
    Event.objects.create(
        question=question,
        action=ERASED,
        actor_kind="system" if reason == "retention" else "citizen",
        from_status=question.status,
        to_status=question.status,
        data={"reason": reason, "attachments_deleted": len(files)},
        created_at=at,
    )


def _delete_file(name: str) -> None:
    try:
        Attachment._meta.get_field("file").storage.delete(name)
    except Exception:
        # The erasure is committed and the citizen told; only the file is left, in a store that
        # could not be reached. Logged with its random part (the directory is the tracking code,
        # a personal reference) so that the operator can find and delete it.
        logging.getLogger(__name__).exception(
            "An erased attachment's file could not be deleted from storage: %s",
            name.rsplit("/", 1)[-1],
        )
