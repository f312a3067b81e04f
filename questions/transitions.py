"""The transition catalogue: every move on a question, where it may start, who may make it,
and why it is refused now (docs/lifecycle.md).

One row per move. The services raise their ``TransitionError`` from these rows
(:func:`refusal`, :func:`authorize`); the staff workspace, the citizen's tracking page, the
API's ``available_actions`` and its action routes, the demo data and the test factories read
the same rows, so a page can no longer hide a move the service accepts, nor the API offer one
it refuses (pretix's ``Order.user_cancel_allowed``, read by view and service alike, is the
model). Adding a move is its service, one row here, a form and its labels.

A refusal predicate returns ``None`` when the move is possible and otherwise the message to
show, translated in the current language: the same sentence reaches the page, the API's 409
and the service's exception. Predicates only look at the question as it is (the status, its
draft, its extensions, "now"); what depends on the input (a reason left empty, the unit it is
already with) stays with the service and its form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from routing import deadlines

from .access import staff_profile
from .audit import AuditAction
from .models import OPEN_STATUSES, UNIT_STATUSES, Answer, ExtensionRequest, Question, Role, Status

User = AbstractBaseUser | AnonymousUser


class Scope(StrEnum):
    """How far a role's right to a move reaches."""

    ALL = "all"  # every question
    UNIT = "unit"  # the questions held by the member's own unit
    ASSIGNEE = "assignee"  # the questions of the own unit assigned to this member


Refusal = Callable[[Question, datetime], "str | None"]


@dataclass(frozen=True)
class Transition:
    """One move: where it may start, where it leads, what it records, and who may make it.

    ``roles`` empty means the citizen makes the move, through the private link (tracking code
    and token); otherwise the roles that may, each with its :class:`Scope`. Administrators may
    make every staff move. ``check`` is what the question's state must allow beyond its status.
    """

    name: str
    sources: frozenset[str]
    target: str | None  # None: the status does not change
    events: tuple[AuditAction, ...]  # the first is the usual one
    roles: Mapping[str, Scope]
    check: Refusal | None = None
    status_message: str = ""  # lazily translated; better than "cannot be done while …"

    @property
    def by_citizen(self) -> bool:
        return not self.roles

    @property
    def slug(self) -> str:
        """The name in URLs and in the API's ``available_actions``: ``request-clarification``."""
        return self.name.replace("_", "-")


# --- Refusals beyond the status ---------------------------------------------------------------


def draft_refusal(question: Question, at: datetime | None = None) -> str | None:
    """Submitting for approval needs a saved draft."""
    draft = question.current_draft
    if draft is None or draft.state != Answer.State.DRAFT:
        return _("Write and save an answer before submitting it for approval.")
    return None


def submitted_refusal(question: Question, at: datetime | None = None) -> str | None:
    """Approving or returning needs an answer awaiting approval."""
    answer = question.current_draft
    if answer is None or answer.state != Answer.State.SUBMITTED:
        return _("There is no answer awaiting approval.")
    return None


def publish_consent_refusal(question: Question, at: datetime | None = None) -> str | None:
    if not question.publish_consent:
        return _("The citizen has not agreed to publication.")
    return None


def reopen_window_ends(question: Question) -> date | None:
    """The last local date on which the answer may be reopened (None: no answer date)."""
    if question.answered_at is None:
        return None
    days = settings.HELPDESK["REOPEN_WITHIN_DAYS"]
    return timezone.localdate(question.answered_at) + timedelta(days=days)


def reopen_refusal(question: Question, at: datetime) -> str | None:
    """Within ``HELPDESK_REOPEN_WITHIN_DAYS`` of the answer, counted in local dates and including
    the last day: an answer approved on 2 March at 16:00 can be reopened until the end of
    1 April (30 days), not only until 16:00 that day (docs/lifecycle.md, Deadlines)."""
    last_day = reopen_window_ends(question)
    if last_day is not None and timezone.localdate(at) > last_day:
        return _("An answer can be reopened within %(days)d days; this period has passed.") % {
            "days": settings.HELPDESK["REOPEN_WITHIN_DAYS"]
        }
    return None


def rating_refusal(question: Question, at: datetime | None = None) -> str | None:
    if question.rated_at is not None:
        return _("This answer has already been rated.")
    return None


def consent_withdrawal_refusal(question: Question, at: datetime | None = None) -> str | None:
    if not question.publish_consent:
        return _("You have not agreed to publication, so there is nothing to withdraw.")
    return None


def approved_extensions(question: Question) -> int:
    """The extensions approved in the current answer period: a reopened question starts a new
    one (docs/decisions/0005), so those approved before the reopening no longer count."""
    return sum(
        1
        for decided_at in question.extensions.filter(
            state=ExtensionRequest.State.APPROVED
        ).values_list("decided_at", flat=True)
        if decided_at
        and question.deadline_start
        and timezone.localdate(decided_at) >= question.deadline_start
    )


def extension_limit_refusal(question: Question, at: datetime | None = None) -> str | None:
    """An extension needs a unit answering and fewer approved ones than the category allows in
    this answer period (checked again when a supervisor approves one)."""
    refused = status_refusal("request_extension", question)
    if refused is not None:
        return refused
    policy = deadlines.policy_for(question.category)
    if approved_extensions(question) >= policy.max_extensions:
        return _("This question has already had the %(n)d extension(s) its category allows.") % {
            "n": policy.max_extensions
        }
    return None


def extension_refusal(question: Question, at: datetime | None = None) -> str | None:
    """Asking for an extension: the limit, and no other request awaiting a decision."""
    refused = extension_limit_refusal(question, at)
    if (
        refused is None
        and question.extensions.filter(state=ExtensionRequest.State.PENDING).exists()
    ):
        return _("An extension request for this question awaits a decision.")
    return refused


def decision_refusal(question: Question, at: datetime | None = None) -> str | None:
    """Deciding needs a request awaiting a decision."""
    if not question.extensions.filter(state=ExtensionRequest.State.PENDING).exists():
        return _("No extension request for this question awaits a decision.")
    return None


# --- The catalogue ------------------------------------------------------------------------------

UNIT_WORK = frozenset({Status.ROUTED, Status.IN_PROGRESS, Status.REOPENED})
EVERY_STATUS = frozenset(Status.values)

INTAKE_DESK = {Role.INTAKE: Scope.ALL, Role.ADMIN: Scope.ALL}
UNIT_HEAD = {Role.HEAD: Scope.UNIT, Role.ADMIN: Scope.ALL}
UNIT_WORKER = {Role.HEAD: Scope.UNIT, Role.OFFICER: Scope.ASSIGNEE, Role.ADMIN: Scope.ALL}
CITIZEN: Mapping[str, Scope] = {}


def _row(
    name: str,
    sources: Iterable[str],
    target: str | None,
    events: AuditAction | tuple[AuditAction, ...],
    roles: Mapping[str, Scope],
    check: Refusal | None = None,
    status_message=None,
) -> Transition:
    return Transition(
        name=name,
        sources=frozenset(sources),
        target=target,
        events=events if isinstance(events, tuple) else (events,),
        roles=roles,
        check=check,
        status_message=status_message or "",
    )


# In the order a question meets them: the order of the workspace's panel and of the API's
# ``available_actions``.
CATALOGUE: dict[str, Transition] = {
    row.name: row
    for row in (
        # Intake desk (Ban biên tập)
        _row(
            "route",
            {Status.RECEIVED, Status.ROUTED},
            Status.ROUTED,
            (AuditAction.ROUTED, AuditAction.REROUTED),
            INTAKE_DESK,
        ),
        _row(
            "reject",
            {Status.RECEIVED, Status.ROUTED},
            Status.REJECTED,
            AuditAction.REJECTED,
            INTAKE_DESK,
        ),
        _row(
            "merge",
            {Status.RECEIVED, Status.ROUTED},
            Status.MERGED,
            AuditAction.MERGED,
            INTAKE_DESK,
        ),
        # Unit work
        _row("assign", UNIT_WORK, Status.IN_PROGRESS, AuditAction.ASSIGNED, UNIT_HEAD),
        _row(
            "transfer",
            UNIT_WORK,
            Status.ROUTED,
            AuditAction.TRANSFERRED,
            {Role.HEAD: Scope.UNIT, Role.INTAKE: Scope.ALL, Role.ADMIN: Scope.ALL},
        ),
        _row(
            "request_clarification",
            {Status.IN_PROGRESS},
            Status.AWAITING_CITIZEN,
            AuditAction.CLARIFICATION_REQUESTED,
            UNIT_WORKER,
        ),
        _row(
            "draft",
            {Status.IN_PROGRESS},
            None,
            (AuditAction.ANSWER_DRAFTED, AuditAction.ANSWER_BASED_ON_ARCHIVE),
            UNIT_WORKER,
        ),
        _row(
            "submit",
            {Status.IN_PROGRESS},
            Status.AWAITING_APPROVAL,
            AuditAction.ANSWER_SUBMITTED,
            UNIT_WORKER,
            check=draft_refusal,
        ),
        _row(
            "approve",
            {Status.AWAITING_APPROVAL},
            Status.ANSWERED,
            AuditAction.ANSWERED,
            UNIT_HEAD,
            check=submitted_refusal,
        ),
        _row(
            "return",
            {Status.AWAITING_APPROVAL},
            Status.IN_PROGRESS,
            AuditAction.ANSWER_RETURNED,
            UNIT_HEAD,
            check=submitted_refusal,
        ),
        # Deadlines (docs/decisions/0005): the head asks for more time, a supervisor decides.
        _row(
            "request_extension",
            UNIT_STATUSES,
            None,
            AuditAction.EXTENSION_REQUESTED,
            UNIT_HEAD,
            check=extension_refusal,
            status_message=gettext_lazy(
                "An extension can only be asked for while a unit is answering the question."
            ),
        ),
        _row(
            "decide_extension",
            EVERY_STATUS,
            None,
            (AuditAction.EXTENDED, AuditAction.EXTENSION_REFUSED),
            {Role.SUPERVISOR: Scope.ALL, Role.ADMIN: Scope.ALL},
            check=decision_refusal,
        ),
        # Publication (the editors of the intake desk)
        _row(
            "publish",
            {Status.ANSWERED},
            Status.PUBLISHED,
            AuditAction.PUBLISHED,
            INTAKE_DESK,
            check=publish_consent_refusal,
        ),
        _row(
            "unpublish", {Status.PUBLISHED}, Status.ANSWERED, AuditAction.UNPUBLISHED, INTAKE_DESK
        ),
        # The citizen, through the private link
        _row(
            "citizen_reply",
            {Status.AWAITING_CITIZEN},
            Status.IN_PROGRESS,
            AuditAction.CITIZEN_REPLIED,
            CITIZEN,
        ),
        _row("withdraw", OPEN_STATUSES, Status.WITHDRAWN, AuditAction.WITHDRAWN, CITIZEN),
        _row(
            "reopen",
            {Status.ANSWERED, Status.PUBLISHED},
            Status.REOPENED,
            AuditAction.REOPENED,
            CITIZEN,
            check=reopen_refusal,
        ),
        _row(
            "rate",
            {Status.ANSWERED, Status.PUBLISHED},
            None,
            AuditAction.RATED,
            CITIZEN,
            check=rating_refusal,
        ),
        _row(
            "withdraw_consent",
            EVERY_STATUS,
            None,
            (AuditAction.CONSENT_WITHDRAWN, AuditAction.UNPUBLISHED),
            CITIZEN,
            check=consent_withdrawal_refusal,
        ),
    )
}

STAFF_TRANSITIONS = tuple(row for row in CATALOGUE.values() if not row.by_citizen)
CITIZEN_TRANSITIONS = tuple(row for row in CATALOGUE.values() if row.by_citizen)


# --- Questions asked of the catalogue -------------------------------------------------------


def status_refusal(action: str, question: Question) -> str | None:
    """Whether the question's status lets ``action`` start; the message if not."""
    row = CATALOGUE[action]
    if question.status in row.sources:
        return None
    if row.status_message:
        return str(row.status_message)
    return _("This cannot be done while the question is “%(status)s”.") % {
        "status": question.get_status_display()
    }


def refusal(action: str, question: Question, *, at: datetime) -> str | None:
    """Why ``action`` cannot be done on ``question`` now, or None (who acts aside).

    The status first, so that a refused move is explained by the status rather than by a
    detail of the state that follows from it.
    """
    refused = status_refusal(action, question)
    if refused is None and CATALOGUE[action].check is not None:
        refused = CATALOGUE[action].check(question, at)
    return refused


def permitted(user: User | None, action: str, question: Question) -> bool:
    """Whether ``user``'s role and scope allow the staff ``action`` on ``question`` (state aside).

    Citizens' moves are never a staff member's: the private link is their credential.
    """
    profile = staff_profile(user)
    if profile is None:
        return False
    scope = CATALOGUE[action].roles.get(profile.role)
    if scope == Scope.ALL:
        return True
    if scope == Scope.UNIT:
        return question.unit_id is not None and question.unit_id == profile.unit_id
    if scope == Scope.ASSIGNEE:
        return question.unit_id == profile.unit_id and question.assignee_id == user.pk
    return False


def authorize(user: User | None, action: str, question: Question) -> None:
    """Raise ``PermissionDenied`` (a 403) unless :func:`permitted`."""
    if not permitted(user, action, question):
        raise PermissionDenied(_("You are not allowed to do this for this question."))


def available_actions(question: Question, user: User | None, *, at: datetime) -> list[str]:
    """The moves ``user`` may make on ``question`` at ``at``, in catalogue order.

    A staff member gets the staff moves their role and scope allow; ``None`` (the citizen
    holding the private link) gets the citizen's moves.
    """
    if user is None:
        rows: Iterable[Transition] = CITIZEN_TRANSITIONS
    else:
        rows = (row for row in STAFF_TRANSITIONS if permitted(user, row.name, question))
    return [row.name for row in rows if refusal(row.name, question, at=at) is None]


def policy() -> dict[str, dict[str, str]]:
    """Who may make each staff move, by role: ``{"route": {"intake": "all", …}, …}``."""
    return {
        row.name: {str(role): str(scope) for role, scope in row.roles.items()}
        for row in STAFF_TRANSITIONS
    }
