"""Every change to a question, one function per transition (docs/lifecycle.md).

Each function: locks the question row, checks that the actor may act and that the move is
allowed from the current status, changes the row, appends an :class:`Event`, and defers side
effects (e-mail, and later search indexing and live updates) until the transaction commits, so
nothing is announced that could still roll back. Status is assigned nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from helpdesk import clock
from routing import deadlines
from routing.models import Category, Unit

from . import compiled, effects, publication, redaction, timeliness, transitions
from .audit import AuditAction
from .models import (
    OPEN_STATUSES,
    Answer,
    Attachment,
    Event,
    ExtensionRequest,
    Question,
    Role,
    Source,
    StaffProfile,
    Status,
    new_tracking_code,
)
from .transitions import authorize
from .uploads import CheckedFile

CONSENT_WORDING = gettext_lazy(
    "I agree that my question and its answer may be published in the public archive, "
    "with my name, contact details and other personal data removed."
)


MOVED_MEANWHILE = gettext_noop(
    "Someone else has just sent this question to another unit. Reload it to see where it is now."
)


# Who decided where a question goes (recorded on every routing event).
ROUTING_SOURCES = frozenset({"person", "rule", "model"})


class TransitionError(Exception):
    """A move that the question's current state does not allow. Its message is for users."""


class PersonalDataInPublicText(TransitionError):
    """Publishing refused: the public text still holds personal data (``findings`` list it)."""

    def __init__(self, findings: Sequence[publication.PublicFinding]):
        self.findings = tuple(findings)
        listed = "; ".join(
            _("%(field)s: %(kind)s “%(text)s”")
            % {
                "field": publication.PUBLIC_FIELD_LABELS[f.field],
                "kind": publication.kind_label(f.kind),
                "text": f.text,
            }
            for f in self.findings
        )
        super().__init__(
            _(
                "The public text still contains personal data: %(findings)s. Remove it, or "
                "mark an item as not personal if it is public information (an agency's "
                "address or switchboard, for example)."
            )
            % {"findings": listed}
        )

    def as_data(self) -> dict:
        return {"findings": [f.as_dict() for f in self.findings]}


# ``select_for_update().get(pk=…)`` compiled by the ORM once per process and database, then run
# as plain SQL: every transition runs it, and so does automatic routing in the task worker for a
# third of new questions, where building it was ~15 % of the worker's CPU (decision 0019).
_locked_read = compiled.ReadByKey(Question, for_update=True)


def _lock(question: Question) -> Question:
    # Re-read under a row lock (PostgreSQL) / the write lock taken at BEGIN (SQLite, see
    # settings): two people acting on one question at once are serialised, and the second one
    # sees the first one's result and is refused instead of overwriting it.
    locked = _locked_read.get(question.pk)
    if locked is None:
        raise Question.DoesNotExist("Question matching query does not exist.")
    return locked


def _check_allowed(question: Question, action: str, *, at: datetime) -> None:
    # Checked first (right after the lock and the permission check), so that a refused move is
    # explained by the state rather than by whatever input check would have come before it.
    # The pages and the API offer a move by the same catalogue row (questions/transitions.py).
    refused = transitions.refusal(action, question, at=at)
    if refused is not None:
        raise TransitionError(refused)


def _transition(
    question: Question,
    action: str,
    *,
    actor: AbstractBaseUser | None,
    at: datetime,
    note: str = "",
    internal: bool = False,
    data: dict | None = None,
    event_action: AuditAction | None = None,
    actor_kind: str | None = None,
) -> Event:
    move = transitions.CATALOGUE[action]
    # The service has checked the whole row under its lock; the status again here, so that no
    # service can write a move its row does not allow.
    refused = transitions.status_refusal(action, question)
    if refused is not None:
        raise TransitionError(refused)
    from_status = question.status
    if move.target is not None:
        question.status = move.target
    event = Event.objects.create(
        question=question,
        action=event_action or move.events[0],
        actor=actor,
        actor_kind=actor_kind or ("staff" if actor is not None else "citizen"),
        from_status=from_status,
        to_status=question.status,
        note=note,
        data=data or {},
        is_internal=internal,
        created_at=at,
    )
    effects.question_changed(question=question, event=event)  # tasks enqueued in this transaction
    return event


def _required(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise TransitionError(message)
    return text


# --- Citizen: ask -------------------------------------------------------------------------------


def question_store(
    *,
    on_received: Callable[[Question, list[int]], None],
    title: str,
    body: str,
    name: str,
    email: str = "",
    phone: str = "",
    category: Category | None = None,
    commune: Unit | None = None,
    publish_consent: bool = False,
    files: Sequence[tuple[UploadedFile, CheckedFile]] = (),
    source: str = Source.WEB,
    idempotency_key: str | None = None,
    language: str = "vi",
    notify_by: str = "email",
    at: datetime | None = None,
    received_at: datetime | None = None,
    entered_by: AbstractBaseUser | None = None,
    external_id: str | None = None,
) -> tuple[Question, bool]:
    """Store a new question and return ``(question, created)``: the receipt's write.

    Called by the receipt's use case, ``receipt.question_submit``, which passes
    ``on_received``: called in this transaction with the new question and the ids of the
    messages its receipt owes, it enqueues their sending and the automatic routing (the task
    that routes lives above this module, so it is handed down rather than imported).

    Input is validated by the form or serializer before this is called. A repeated
    ``idempotency_key`` returns the question stored the first time (``created`` False): a
    citizen who double-clicks, or an integration that retries after a timeout, gets the same
    receipt rather than a second question.

    ``received_at``: when the question actually reached us, if earlier than ``at`` (a letter,
    a call typed in later: questions/intake.py); day zero of its deadlines. ``entered_by``: the
    staff member who typed it in, the actor of its ``question.received`` event.
    """
    at = at or clock.now()
    received_at = received_at or at
    # A repeated key is found by the unique index, not looked up first: the callers have just
    # looked (to answer a replay before counting it against the rate limit), so a second
    # lookup here would cost every submission a query that only a race can answer differently.
    received_on = timezone.localdate(received_at)
    policy = deadlines.policy_for(category)
    calendar = deadlines.working_calendar()
    question = Question(
        title=title.strip(),
        body=body.strip(),
        asker_name=name.strip(),
        asker_email=email.strip().lower(),
        asker_phone=phone.strip(),
        category=category,
        commune=commune,
        publish_consent=publish_consent,
        consent_recorded_at=at if publish_consent else None,
        consent_wording=str(CONSENT_WORDING) if publish_consent else "",
        source=source,
        entered_by=entered_by,
        external_id=external_id or None,
        idempotency_key=idempotency_key or None,
        language=language[:5],
        notify_by=notify_by,
        received_at=received_at,
        # Day zero is the day of receipt (docs/design.md#legal-facts); the policy is copied so that
        # a later edit of the category does not move a deadline already promised.
        deadline_start=received_on,
        route_within_days=policy.route_within,
        answer_within_days=policy.answer_within,
        route_by=calendar.add_working_days(received_on, policy.route_within),
        answer_due=calendar.add_working_days(received_on, policy.answer_within),
    )
    question.progress_notice_on = timeliness.computed_progress_notice_on(question, calendar)
    # The transaction begins here, not above: on SQLite it holds the database's one write lock
    # from BEGIN (IMMEDIATE, see settings), and reading the calendar and building the question
    # under it made every other writer — the other requests, the task worker sending receipts
    # — wait that much longer (decision 0019, session 5).
    with transaction.atomic():
        try:
            _save_with_unique_code(question, year=received_on.year)
        except IntegrityError:
            # The key was used before (a double click, a client retrying after a timeout), or
            # at the same moment by another request that stored it first: return its receipt.
            existing = (
                Question.objects.filter(idempotency_key=idempotency_key).first()
                if idempotency_key
                else None
            )
            if existing is None:
                raise
            return existing, False
        for upload, checked in files:
            _attach(question, upload, checked, at=at)
        event = Event.objects.create(
            question=question,
            action=AuditAction.RECEIVED,
            actor=entered_by,
            actor_kind="staff" if entered_by is not None else "citizen",
            to_status=Status.RECEIVED,
            data={"source": source, "attachments": len(files)}
            | ({"received_at": received_at.isoformat()} if received_at != at else {}),
            created_at=at,
        )
        # The receipt's messages, and its routing: one task written in this transaction
        # (decision 0016), enqueued by the receipt's use case.
        on_received(question, effects.question_received(question=question, event=event))
    return question, True


def _save_with_unique_code(question: Question, *, year: int) -> None:
    # 29^5 ≈ 20 million codes a year: a collision is rare, but retrying is cheaper than a
    # failed submission.
    for _attempt in range(10):
        question.tracking_code = new_tracking_code(year)
        try:
            with transaction.atomic():
                question.save()
            return
        except IntegrityError:
            if Question.objects.filter(tracking_code=question.tracking_code).exists():
                continue
            raise
    raise RuntimeError("Could not allocate a unique tracking code.")


def _attach(question: Question, upload: UploadedFile, checked: CheckedFile, *, at: datetime):
    attachment = Attachment(
        question=question,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_at=at,
    )
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    return attachment


# --- Intake desk ------------------------------------------------------------------------------


@transaction.atomic
def question_route(
    *,
    question: Question,
    unit: Unit,
    actor: AbstractBaseUser | None,
    at: datetime,
    note: str = "",
    source: str = "person",
    data: dict | None = None,
) -> Question:
    """Send the question to the unit that will answer it.

    ``source`` says who decided (docs/design.md#routing): "person" (an intake officer, ``actor``),
    or "rule" / "model" when routing ran automatically, with ``actor`` None and ``data`` holding
    what decided it (the rule, the model's confidence).
    """
    if source not in ROUTING_SOURCES:
        raise ValueError(f"source must be one of {sorted(ROUTING_SOURCES)}, not {source!r}")
    # The unit the person routing saw. Routing is allowed from "routed" too (re-routing a
    # mistake), so without this, two intake users routing a new question at once would both
    # succeed and the second would silently overwrite the first one's choice.
    seen_unit_id = question.unit_id
    question = _lock(question)
    if source == "person" or actor is not None:
        authorize(actor, "route", question)
    _check_allowed(question, "route", at=at)
    if question.unit_id != seen_unit_id:
        raise TransitionError(_(MOVED_MEANWHILE))
    if question.status == Status.ROUTED and question.unit_id == unit.pk:
        raise TransitionError(_("The question is already with this unit."))
    previous = question.unit
    _transition(
        question,
        "route",
        actor=actor,
        at=at,
        note=note,
        data={
            "unit": unit.code,
            "previous_unit": previous.code if previous else None,
            "source": source,
            **(data or {}),
        },
        event_action=AuditAction.REROUTED if previous else AuditAction.ROUTED,
        actor_kind="system" if actor is None else None,
    )
    question.unit = unit
    question.routed_at = at
    question.assignee = None
    question.save(update_fields=["status", "unit", "routed_at", "assignee"])
    return question


@transaction.atomic
def question_reject(
    *,
    question: Question,
    reason: str,
    next_step: str = "",
    next_step_url: str = "",
    actor: AbstractBaseUser,
    at: datetime,
) -> Question:
    """Refuse an item that is not a question for us, with a reason the citizen sees.

    Complaints and denunciations (khiếu nại, tố cáo) land here with a pointer to the right
    procedure: they are never dropped silently (docs/design.md#legal-facts).
    """
    question = _lock(question)
    authorize(actor, "reject", question)
    _check_allowed(question, "reject", at=at)
    reason = _required(reason, _("Give the citizen a reason for the rejection."))
    # Where to go instead (the procedure or body, and a link): shown on the tracking page and
    # in the message, so a rejection is never a dead end.
    onward = {"next_step": next_step.strip(), "next_step_url": next_step_url.strip()}
    _transition(
        question,
        "reject",
        actor=actor,
        at=at,
        note=reason,
        event_action=AuditAction.REJECTED,
        data={k: v for k, v in onward.items() if v},
    )
    question.save(update_fields=["status"])
    return question


@transaction.atomic
def question_merge(
    *, question: Question, into: Question, actor: AbstractBaseUser, at: datetime
) -> Question:
    """Close ``question`` as a duplicate of ``into``; the answer to ``into`` serves both."""
    if into.pk == question.pk:
        raise TransitionError(_("A question cannot be merged into itself."))
    # Both rows are locked, in pk order so that two opposite merges (A into B, B into A) queue
    # up instead of deadlocking, and the second sees the first and is refused: without this
    # both could succeed and leave two questions merged into each other.
    locked = {
        q.pk: q
        for q in Question.objects.select_for_update()
        .filter(pk__in=[question.pk, into.pk])
        .order_by("pk")
    }
    question, into = locked[question.pk], locked[into.pk]
    authorize(actor, "merge", question)
    _check_allowed(question, "merge", at=at)
    if into.status in (Status.MERGED, Status.REJECTED, Status.WITHDRAWN):
        raise TransitionError(_("Merge into a question that is still being handled or answered."))
    _transition(
        question,
        "merge",
        actor=actor,
        at=at,
        event_action=AuditAction.MERGED,
        data={"into": into.tracking_code},
    )
    question.merged_into = into
    question.save(update_fields=["status", "merged_into"])
    return question


# --- Unit work ----------------------------------------------------------------------------------


@transaction.atomic
def question_assign(
    *, question: Question, officer: AbstractBaseUser, actor: AbstractBaseUser, at: datetime
) -> Question:
    question = _lock(question)
    authorize(actor, "assign", question)
    _check_allowed(question, "assign", at=at)
    is_member = StaffProfile.objects.filter(
        user=officer,
        user__is_active=True,
        unit_id=question.unit_id,
        role__in=[Role.OFFICER, Role.HEAD],
    ).exists()
    if not is_member:
        raise TransitionError(_("Assign the question to an officer of the responsible unit."))
    _transition(
        question,
        "assign",
        actor=actor,
        at=at,
        internal=True,
        event_action=AuditAction.ASSIGNED,
        data={"assignee": officer.get_username()},
    )
    question.assignee = officer
    question.save(update_fields=["status", "assignee"])
    return question


@transaction.atomic
def question_transfer(
    *, question: Question, to_unit: Unit, reason: str, actor: AbstractBaseUser, at: datetime
) -> Question:
    """Send a question outside the unit's competence to the unit that can answer it.

    ND 20/2008 Art. 9: such items are forwarded within 5 working days, with a reason.
    """
    seen_unit_id = question.unit_id  # as for routing: two transfers at once, one wins
    question = _lock(question)
    authorize(actor, "transfer", question)
    _check_allowed(question, "transfer", at=at)
    if question.unit_id != seen_unit_id:
        raise TransitionError(_(MOVED_MEANWHILE))
    reason = _required(reason, _("Say why the question goes to another unit."))
    if to_unit.pk == question.unit_id:
        raise TransitionError(_("The question is already with this unit."))
    _transition(
        question,
        "transfer",
        actor=actor,
        at=at,
        note=reason,
        event_action=AuditAction.TRANSFERRED,
        data={"from_unit": question.unit.code if question.unit else None, "to_unit": to_unit.code},
    )
    question.unit = to_unit
    question.assignee = None
    question.routed_at = at
    question.save(update_fields=["status", "unit", "assignee", "routed_at"])
    return question


@transaction.atomic
def question_request_clarification(
    *, question: Question, message: str, actor: AbstractBaseUser, at: datetime
) -> Question:
    question = _lock(question)
    authorize(actor, "request_clarification", question)
    _check_allowed(question, "request_clarification", at=at)
    message = _required(message, _("Write what the citizen should clarify."))
    _transition(
        question,
        "request_clarification",
        actor=actor,
        at=at,
        note=message,
        event_action=AuditAction.CLARIFICATION_REQUESTED,
        data={"paused_on": timezone.localdate(at).isoformat()},
    )
    # The clock stops (docs/lifecycle.md); the citizen's reply restarts it and moves the deadline.
    question.paused_on = timezone.localdate(at)
    question.save(update_fields=["status", "paused_on"])
    return question


@transaction.atomic
def answer_save_draft(
    *,
    question: Question,
    body: str,
    legal_references: str = "",
    based_on: Question | None = None,
    actor: AbstractBaseUser,
    at: datetime,
) -> Answer:
    """Save the unit's draft. ``based_on``: the published answer (questions/desk.py) the officer
    started from, recorded as the event's source so a reviewer can see where the text came from."""
    question = _lock(question)
    authorize(actor, "draft", question)
    _check_allowed(question, "draft", at=at)
    body = _required(body, _("The answer cannot be empty."))
    draft = question.current_draft
    if draft is None:
        draft = Answer(question=question, author=actor, created_at=at)
    elif draft.state != Answer.State.DRAFT:
        raise TransitionError(_("This answer is awaiting approval and cannot be edited."))
    draft.body = body
    draft.legal_references = legal_references.strip()
    draft.updated_at = at
    draft.save()
    _transition(
        question,
        "draft",
        actor=actor,
        at=at,
        internal=True,
        event_action=(
            AuditAction.ANSWER_BASED_ON_ARCHIVE if based_on else AuditAction.ANSWER_DRAFTED
        ),
        data={"source": based_on.pk} if based_on else None,
    )
    return draft


@transaction.atomic
def question_submit_draft(*, question: Question, actor: AbstractBaseUser, at: datetime) -> Question:
    question = _lock(question)
    authorize(actor, "submit", question)
    _check_allowed(question, "submit", at=at)  # with a saved draft (transitions.draft_refusal)
    draft = question.current_draft
    _transition(
        question,
        "submit",
        actor=actor,
        at=at,
        internal=True,
        event_action=AuditAction.ANSWER_SUBMITTED,
    )
    draft.state = Answer.State.SUBMITTED
    draft.updated_at = at
    draft.save(update_fields=["state", "updated_at"])
    question.save(update_fields=["status"])
    return question


@transaction.atomic
def question_approve(*, question: Question, approver: AbstractBaseUser, at: datetime) -> Question:
    question = _lock(question)
    authorize(approver, "approve", question)
    _check_allowed(question, "approve", at=at)  # with an answer submitted
    draft = question.current_draft
    _transition(question, "approve", actor=approver, at=at, event_action=AuditAction.ANSWERED)
    draft.state = Answer.State.APPROVED
    draft.decided_by = approver
    draft.decided_at = at
    draft.save(update_fields=["state", "decided_by", "decided_at"])
    question.answered_at = at
    question.save(update_fields=["status", "answered_at"])
    return question


@transaction.atomic
def question_return_draft(
    *, question: Question, reason: str, approver: AbstractBaseUser, at: datetime
) -> Question:
    question = _lock(question)
    authorize(approver, "return", question)
    _check_allowed(question, "return", at=at)
    reason = _required(reason, _("Say what should change in the answer."))
    submitted = question.current_draft  # submitted: transitions.submitted_refusal
    _transition(
        question,
        "return",
        actor=approver,
        at=at,
        note=reason,
        internal=True,
        event_action=AuditAction.ANSWER_RETURNED,
    )
    submitted.state = Answer.State.RETURNED
    submitted.decided_by = approver
    submitted.decided_at = at
    submitted.save(update_fields=["state", "decided_by", "decided_at"])
    # The officer goes on from the returned text; the returned round stays in the history.
    Answer.objects.create(
        question=question,
        body=submitted.body,
        legal_references=submitted.legal_references,
        author=submitted.author,
        created_at=at,
        updated_at=at,
    )
    question.save(update_fields=["status"])
    return question


# --- Access to the asker's contact data ----------------------------------------------------------

# One reading of a question's contact data is one line in the log, not one per page refresh.
CONTACT_VIEW_LOGGED_FOR = timedelta(hours=1)


def question_contact_viewed(
    *, question: Question, viewer: AbstractBaseUser, at: datetime, via: str
):
    """Log that ``viewer`` saw the asker's name, e-mail and phone (ND 356/2025: who accessed).

    Not a transition: the status does not change and no lock is taken. Two simultaneous
    views may both be logged, which errs on the side of the log.
    """
    recent = Event.objects.filter(
        question=question,
        action=AuditAction.CONTACT_VIEWED,
        actor=viewer,
        created_at__gt=at - CONTACT_VIEW_LOGGED_FOR,
    )
    if recent.exists():
        return
    Event.objects.create(
        question=question,
        action=AuditAction.CONTACT_VIEWED,
        actor=viewer,
        actor_kind="staff",
        from_status=question.status,
        to_status=question.status,
        data={"via": via},
        is_internal=True,
        created_at=at,
    )


# --- Publication -------------------------------------------------------------------------------


def personal_data_of(question: Question) -> list[str]:
    """The asker's own identifying values, which must never appear in published text."""
    return [v for v in (question.asker_name, question.asker_email, question.asker_phone) if v]


def proposed_public_version(question: Question) -> dict[str, str]:
    """A de-identified draft of the public version, for the editor to check and correct."""
    known = personal_data_of(question)
    answer = question.approved_answer
    return {
        "public_title": redaction.redact(question.title, known=known).text,
        "public_body": redaction.redact(question.body, known=known).text,
        "public_answer": redaction.redact(answer.body if answer else "", known=known).text,
    }


def _approved_legal_references(question: Question) -> str:
    answer = question.approved_answer
    return answer.legal_references.strip() if answer else ""


@transaction.atomic
def question_publish(
    *,
    question: Question,
    public_title: str,
    public_body: str,
    public_answer: str,
    not_personal: Sequence[str] = (),
    actor: AbstractBaseUser,
    at: datetime,
) -> Question:
    """Publish the de-identified version; ``not_personal`` waives findings (see publication)."""
    question = _lock(question)
    authorize(actor, "publish", question)
    _check_allowed(question, "publish", at=at)  # with the citizen's consent
    texts = {
        "public_title": _required(public_title, _("The public title cannot be empty.")),
        "public_body": _required(public_body, _("The public question cannot be empty.")),
        "public_answer": _required(public_answer, _("The public answer cannot be empty.")),
        # Published as approved (the legal basis is the unit's, not the editor's, to word), and
        # guarded like the rest: nothing personal reaches the archive through a citation.
        "public_legal_references": _approved_legal_references(question),
    }
    title_max = Question._meta.get_field("public_title").max_length
    if len(texts["public_title"]) > title_max:
        raise TransitionError(
            _("The public title can have at most %(max)d characters.") % {"max": title_max}
        )
    # The guard (docs/design.md#trust): whatever the editor typed, the engine that proposed the
    # redacted version checks the final text; a finding is published only when declared not
    # personal.
    check = publication.check_public_texts(
        texts, known=personal_data_of(question), not_personal=not_personal
    )
    if check.blocking:
        raise PersonalDataInPublicText(check.blocking)
    _transition(
        question,
        "publish",
        actor=actor,
        at=at,
        event_action=AuditAction.PUBLISHED,
        data={"not_personal": [f.as_dict() for f in check.waived]} if check.waived else None,
    )
    for field, text in texts.items():
        setattr(question, field, text)
    question.published_at = at
    question.save(update_fields=["status", "published_at", *texts])
    return question


@transaction.atomic
def question_unpublish(
    *, question: Question, reason: str, actor: AbstractBaseUser | None, at: datetime
) -> Question:
    question = _lock(question)
    if actor is not None:
        authorize(actor, "unpublish", question)
    _check_allowed(question, "unpublish", at=at)
    reason = _required(reason, _("Say why the question is taken out of the archive."))
    _unpublish(question, reason=reason, actor=actor, at=at, actor_kind=None if actor else "system")
    return question


def _unpublish(
    question: Question, *, reason: str, actor, at: datetime, actor_kind: str | None = None
) -> None:
    _transition(
        question,
        "unpublish",
        actor=actor,
        at=at,
        note=reason,
        event_action=AuditAction.UNPUBLISHED,
        actor_kind=actor_kind,
    )
    question.published_at = None
    question.save(update_fields=["status", "published_at"])


# --- Citizen actions on their own question ------------------------------------------------------
# The citizen is identified by the private link (tracking code + token), checked by the view
# with access_question_as_citizen; these services therefore take no actor.


@transaction.atomic
def question_citizen_reply(
    *,
    question: Question,
    message: str,
    files: Iterable[tuple[UploadedFile, CheckedFile]] = (),
    at: datetime,
) -> Question:
    question = _lock(question)
    _check_allowed(question, "citizen_reply", at=at)
    message = _required(message, _("Write your reply."))
    files = list(files)
    old_due = question.answer_due
    paused = _end_pause(question, at=at)
    _transition(
        question,
        "citizen_reply",
        actor=None,
        at=at,
        note=message,
        event_action=AuditAction.CITIZEN_REPLIED,
        data={
            "attachments": len(files),
            "paused_working_days": paused,
            "old_due": _iso(old_due),
            "new_due": _iso(question.answer_due),
        },
    )
    for upload, checked in files:
        _attach(question, upload, checked, at=at)
    question.save(update_fields=["status", *DEADLINE_FIELDS])
    return question


# Fields a change of the deadline facts rewrites.
DEADLINE_FIELDS = (
    "paused_on",
    "paused_working_days",
    "extended_working_days",
    "deadline_start",
    "answer_due",
    "progress_notice_on",
)


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _end_pause(question: Question, *, at: datetime) -> int:
    """Restart the clock stopped by a clarification request; return the working days paused.

    The days paused are the working days in (paused_on, reply day]: asked on Monday, answered
    on Wednesday, the clock stood still on Tuesday and Wednesday, so the deadline moves by 2.
    A reply on the day of the request moves nothing.
    """
    if question.paused_on is None:
        return 0
    calendar = deadlines.working_calendar()
    paused = max(0, calendar.count_working_days(question.paused_on, timezone.localdate(at)))
    question.paused_on = None
    question.paused_working_days += paused
    _apply_deadlines(question, calendar)
    return paused


def _apply_deadlines(question: Question, calendar) -> None:
    question.answer_due = timeliness.computed_answer_due(question, calendar)
    question.progress_notice_on = timeliness.computed_progress_notice_on(question, calendar)


@transaction.atomic
def question_withdraw(*, question: Question, at: datetime, reason: str = "") -> Question:
    question = _lock(question)
    _check_allowed(question, "withdraw", at=at)
    _transition(
        question,
        "withdraw",
        actor=None,
        at=at,
        note=reason.strip(),
        event_action=AuditAction.WITHDRAWN,
    )
    question.save(update_fields=["status"])
    return question


@transaction.atomic
def question_reopen(*, question: Question, reason: str, at: datetime) -> Question:
    """The citizen says the answer did not resolve their question (within the reopen window)."""
    question = _lock(question)
    # Within the reopen window, counted in local dates (transitions.reopen_refusal).
    _check_allowed(question, "reopen", at=at)
    reason = _required(reason, _("Tell us what the answer did not resolve."))
    was_published = question.status == Status.PUBLISHED
    # A reopened question is answered anew within a new answer period, counted from the day
    # it was reopened (docs/decisions/0005): the first answer's timeliness stays as it was.
    old_due = question.answer_due
    question.deadline_start = timezone.localdate(at)
    question.paused_on = None
    question.paused_working_days = 0
    question.extended_working_days = 0
    if question.answer_within_days is None:
        question.answer_within_days = deadlines.policy_for(question.category).answer_within
    _apply_deadlines(question, deadlines.working_calendar())
    _transition(
        question,
        "reopen",
        actor=None,
        at=at,
        note=reason,
        event_action=AuditAction.REOPENED,
        data={"old_due": _iso(old_due), "new_due": _iso(question.answer_due)},
    )
    if was_published:
        # The public answer did not satisfy its asker: take it down until it is answered anew.
        question.published_at = None
    # The next answer is a new answer and can be rated on its own; the earlier rating stays in
    # the event log ("question.rated").
    question.satisfaction = None
    question.satisfaction_comment = ""
    question.rated_at = None
    question.save(
        update_fields=[
            "status",
            "published_at",
            "satisfaction",
            "satisfaction_comment",
            "rated_at",
            "answer_within_days",
            *DEADLINE_FIELDS,
        ]
    )
    return question


@transaction.atomic
def question_rate(*, question: Question, score: int, comment: str = "", at: datetime) -> Question:
    question = _lock(question)
    _check_allowed(question, "rate", at=at)  # once per answer
    if not 1 <= score <= 5:
        raise TransitionError(_("Choose a rating from 1 to 5."))
    _transition(
        question,
        "rate",
        actor=None,
        at=at,
        note=comment.strip(),
        internal=True,
        event_action=AuditAction.RATED,
        data={"score": score},
    )
    question.satisfaction = score
    question.satisfaction_comment = comment.strip()
    question.rated_at = at
    question.save(update_fields=["satisfaction", "satisfaction_comment", "rated_at"])
    return question


@transaction.atomic
def question_withdraw_consent(*, question: Question, at: datetime) -> Question:
    """Withdrawal of consent to publication unpublishes at once (PDP Law 91/2025)."""
    question = _lock(question)
    _check_allowed(question, "withdraw_consent", at=at)
    question.publish_consent = False
    question.save(update_fields=["publish_consent"])
    if question.status == Status.PUBLISHED:
        _unpublish(
            question, reason=_("The citizen withdrew consent to publication."), actor=None, at=at
        )
    else:
        Event.objects.create(
            question=question,
            action=AuditAction.CONSENT_WITHDRAWN,
            actor_kind="citizen",
            from_status=question.status,
            to_status=question.status,
            created_at=at,
        )
    return question


# --- Deadlines: extensions and calendar changes -------------------------------------------------


@transaction.atomic
def extension_request(
    *,
    question: Question,
    working_days: int,
    reason: str,
    requested_by: AbstractBaseUser,
    at: datetime,
) -> ExtensionRequest:
    """The unit head asks for ``working_days`` more to answer, with a reason (docs/lifecycle.md).

    The citizen sees the reason only if a supervisor approves it.
    """
    question = _lock(question)
    authorize(requested_by, "request_extension", question)
    # A unit at work, the category's limit for this answer period, none awaiting a decision.
    _check_allowed(question, "request_extension", at=at)
    policy = deadlines.policy_for(question.category)
    reason = _required(reason, _("Say why more time is needed; the citizen will read it."))
    if not 1 <= working_days <= policy.max_extension_days:
        raise TransitionError(
            _("An extension is from 1 to %(max)d working days.")
            % {"max": policy.max_extension_days}
        )
    extension = ExtensionRequest.objects.create(
        question=question,
        requested_by=requested_by,
        requested_at=at,
        working_days=working_days,
        reason=reason,
        due_before=question.answer_due,
    )
    _deadline_event(
        question,
        AuditAction.EXTENSION_REQUESTED,
        actor=requested_by,
        at=at,
        note=reason,
        internal=True,
        data={"extension": extension.pk, "working_days": working_days},
    )
    return extension


@transaction.atomic
def extension_decide(
    *,
    extension: ExtensionRequest,
    approve: bool,
    decided_by: AbstractBaseUser,
    at: datetime,
    note: str = "",
) -> ExtensionRequest:
    """A supervisor approves (the deadline moves, the citizen is told why) or refuses it."""
    question = _lock(extension.question)
    authorize(decided_by, "decide_extension", question)
    extension = ExtensionRequest.objects.select_for_update().get(pk=extension.pk)
    if extension.state != ExtensionRequest.State.PENDING:
        raise TransitionError(_("This extension request has already been decided."))
    _check_allowed(question, "decide_extension", at=at)
    note = note.strip()
    old_due = question.answer_due
    if approve:
        refused = transitions.extension_limit_refusal(question, at)
        if refused is not None:
            raise TransitionError(refused)
        question.extended_working_days += extension.working_days
        _apply_deadlines(question, deadlines.working_calendar())
        question.save(update_fields=list(DEADLINE_FIELDS))
        extension.state = ExtensionRequest.State.APPROVED
        # The citizen reads the head's reason (and the supervisor's note, if any).
        _deadline_event(
            question,
            AuditAction.EXTENDED,
            actor=decided_by,
            at=at,
            note=extension.reason,
            data={
                "extension": extension.pk,
                "working_days": extension.working_days,
                "old_due": _iso(old_due),
                "new_due": _iso(question.answer_due),
                "decision_note": note,
            },
        )
    else:
        if not note:
            raise TransitionError(_("Say why the extension is refused; the head will read it."))
        extension.state = ExtensionRequest.State.REFUSED
        _deadline_event(
            question,
            AuditAction.EXTENSION_REFUSED,
            actor=decided_by,
            at=at,
            note=note,
            internal=True,
            data={"extension": extension.pk, "working_days": extension.working_days},
        )
    extension.decided_by = decided_by
    extension.decided_at = at
    extension.note = note
    extension.due_after = question.answer_due
    extension.save(update_fields=["state", "decided_by", "decided_at", "note", "due_after"])
    return extension


def _deadline_event(
    question: Question,
    action: str,
    *,
    actor: AbstractBaseUser | None,
    at: datetime,
    note: str = "",
    internal: bool = False,
    data: dict | None = None,
) -> Event:
    event = Event.objects.create(
        question=question,
        action=action,
        actor=actor,
        actor_kind="staff" if actor is not None else "system",
        from_status=question.status,
        to_status=question.status,
        note=note,
        data=data or {},
        is_internal=internal,
        created_at=at,
    )
    effects.question_changed(question=question, event=event)  # tasks enqueued in this transaction
    return event


@transaction.atomic
def question_deadlines_recompute(
    *, reason: str, at: datetime, actor: AbstractBaseUser | None = None
) -> int:
    """After a calendar change, move open questions' deadlines; return how many moved.

    Only open questions (a closed one keeps the deadline it was judged against) and only those
    whose date changes get an update and a public AuditAction.DEADLINE_RECOMPUTED event with the
    old and new dates and ``reason``. Set-based: the open questions are grouped by their
    deadline facts (day zero, working days), so the work is one query per distinct group whose
    due date moved, not one per question.
    """
    calendar = deadlines.working_calendar()
    open_questions = Question.objects.filter(status__in=OPEN_STATUSES).exclude(deadline_start=None)
    period = F("answer_within_days") + F("paused_working_days") + F("extended_working_days")
    moved: dict[int, dict] = {}
    statuses: dict[int, str] = {}

    groups = (
        open_questions.exclude(answer_within_days=None)
        .annotate(period=period)
        .values_list("deadline_start", "period")
        .distinct()
    )
    for start, days in list(groups):
        due = calendar.add_working_days(start, days)
        changed = (
            open_questions.annotate(period=period)
            .filter(deadline_start=start, period=days)
            .exclude(answer_due=due)
        )
        for pk, old, status in changed.values_list("pk", "answer_due", "status"):
            moved.setdefault(pk, {})["answer_due"] = (old, due)
            statuses[pk] = status
        changed.update(answer_due=due)

    # Route-by dates of questions still waiting to be routed (day zero: the day of receipt).
    waiting = Question.objects.filter(status=Status.RECEIVED).exclude(route_within_days=None)
    route_groups = waiting.values_list("deadline_start", "route_within_days").distinct()
    for start, days in list(route_groups):
        if start is None:
            continue
        route_by = calendar.add_working_days(start, days)
        changed = waiting.filter(deadline_start=start, route_within_days=days).exclude(
            route_by=route_by
        )
        for pk, old in changed.values_list("pk", "route_by"):
            moved.setdefault(pk, {})["route_by"] = (old, route_by)
            statuses[pk] = Status.RECEIVED
        changed.update(route_by=route_by)

    # Progress notices follow (few distinct groups as well); no event: the citizen is told
    # about the due date, the notice date is the sweep's business.
    notice_groups = (
        open_questions.exclude(answer_within_days=None)
        .values_list("deadline_start", "answer_within_days", "paused_working_days", "category")
        .distinct()
    )
    categories = Category.objects.in_bulk()
    for start, days, paused, category_id in list(notice_groups):
        probe = Question(
            deadline_start=start,
            answer_within_days=days,
            paused_working_days=paused,
            category=categories.get(category_id),
        )
        notice_on = timeliness.computed_progress_notice_on(probe, calendar)
        open_questions.filter(
            deadline_start=start,
            answer_within_days=days,
            paused_working_days=paused,
            category_id=category_id,
        ).exclude(progress_notice_on=notice_on).update(progress_notice_on=notice_on)

    Event.objects.bulk_create(
        [
            Event(
                question_id=pk,
                action=AuditAction.DEADLINE_RECOMPUTED,
                actor=actor,
                actor_kind="staff" if actor is not None else "system",
                from_status=statuses.get(pk, ""),
                to_status=statuses.get(pk, ""),
                note=reason,
                # Same keys as the other deadline events: old_due/new_due (the answer),
                # old_route_by/new_route_by.
                data={
                    f"{which}_{'due' if key == 'answer_due' else key}": _iso(value)
                    for key, (old, new) in changes.items()
                    for which, value in (("old", old), ("new", new))
                },
                created_at=at,
            )
            for pk, changes in moved.items()
        ],
        batch_size=1000,
    )
    return len(moved)


# --- Every move by its catalogue name -----------------------------------------------------------
# One dispatcher for the staff workspace, the API, the demo data and the test factories: each
# hands over the validated input of its form or serializer under the same keys, and the move
# is made by its one service. Input keys a move does not take (a form's helper fields) are
# ignored.

_PERFORM: dict[str, Callable[[Question, Any, datetime, Mapping[str, Any]], object]] = {
    "route": lambda q, actor, at, d: question_route(
        question=q, unit=d["unit"], note=d.get("note", ""), actor=actor, at=at
    ),
    "reject": lambda q, actor, at, d: question_reject(
        question=q,
        reason=d["reason"],
        next_step=d.get("next_step", ""),
        next_step_url=d.get("next_step_url", ""),
        actor=actor,
        at=at,
    ),
    "merge": lambda q, actor, at, d: question_merge(question=q, into=d["into"], actor=actor, at=at),
    "assign": lambda q, actor, at, d: question_assign(
        question=q, officer=d["officer"], actor=actor, at=at
    ),
    "transfer": lambda q, actor, at, d: question_transfer(
        question=q, to_unit=d["to_unit"], reason=d["reason"], actor=actor, at=at
    ),
    "request_clarification": lambda q, actor, at, d: question_request_clarification(
        question=q, message=d["message"], actor=actor, at=at
    ),
    "draft": lambda q, actor, at, d: answer_save_draft(
        question=q,
        body=d["body"],
        legal_references=d.get("legal_references", ""),
        based_on=d.get("based_on"),
        actor=actor,
        at=at,
    ),
    "submit": lambda q, actor, at, d: question_submit_draft(question=q, actor=actor, at=at),
    "approve": lambda q, actor, at, d: question_approve(question=q, approver=actor, at=at),
    "return": lambda q, actor, at, d: question_return_draft(
        question=q, reason=d["reason"], approver=actor, at=at
    ),
    "request_extension": lambda q, actor, at, d: extension_request(
        question=q,
        working_days=d["working_days"],
        reason=d["reason"],
        requested_by=actor,
        at=at,
    ),
    "decide_extension": lambda q, actor, at, d: extension_decide(
        extension=d["extension"],
        approve=d["approve"],
        note=d.get("note", ""),
        decided_by=actor,
        at=at,
    ),
    "publish": lambda q, actor, at, d: question_publish(
        question=q,
        public_title=d["public_title"],
        public_body=d["public_body"],
        public_answer=d["public_answer"],
        not_personal=d.get("not_personal", ()),
        actor=actor,
        at=at,
    ),
    "unpublish": lambda q, actor, at, d: question_unpublish(
        question=q, reason=d["reason"], actor=actor, at=at
    ),
    "citizen_reply": lambda q, actor, at, d: question_citizen_reply(
        question=q, message=d["message"], files=d.get("attachments", ()), at=at
    ),
    "withdraw": lambda q, actor, at, d: question_withdraw(
        question=q, reason=d.get("reason", ""), at=at
    ),
    "reopen": lambda q, actor, at, d: question_reopen(question=q, reason=d["reason"], at=at),
    "rate": lambda q, actor, at, d: question_rate(
        question=q, score=d["score"], comment=d.get("comment", ""), at=at
    ),
    "withdraw_consent": lambda q, actor, at, d: question_withdraw_consent(question=q, at=at),
}


def perform(
    action: str,
    *,
    question: Question,
    actor: AbstractBaseUser | None,
    at: datetime,
    data: Mapping[str, Any] | None = None,
) -> object:
    """Make the catalogue's move ``action`` with ``data`` (a form's or serializer's output).

    ``actor`` is the staff member, or None for the citizen's moves (the private link is
    checked by the caller). Raises what the service raises: ``TransitionError`` (refused now),
    ``PermissionDenied`` (not this user's move).
    """
    if action not in transitions.CATALOGUE:
        raise ValueError(f"No move is called {action!r}.")
    return _PERFORM[action](question, actor, at, data or {})
