"""Who may see and do what.

One policy for the staff workspace, the API and the services: views use :func:`access_question`
to fetch (anyone outside the question's scope gets a 404, so the existence of other units'
questions is not revealed) and :func:`can` to decide which buttons to show; services call
:func:`authorize` again, so no entry point can skip the check.

The matrix, by role (docs/design.md#users):

- intake (Ban biên tập): every question; routes, rejects, merges, transfers, publishes.
- head (lãnh đạo đơn vị): own unit's questions; assigns, drafts, approves or returns, transfers,
  asks the citizen for clarification, requests an extension of the answer deadline.
- officer (chuyên viên): own unit's questions; drafts, submits and asks for clarification on the
  questions assigned to them.
- supervisor: every question, read only, except deciding extension requests.
- admin: everything.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from routing.models import Role, StaffProfile

from .models import Question

User = AbstractBaseUser | AnonymousUser

# Which roles may perform each staff action, and whether it is limited to the own unit
# ("unit") or, for officers, to the questions assigned to them ("assignee").
POLICY: dict[str, dict[str, str]] = {
    "route": {Role.INTAKE: "all", Role.ADMIN: "all"},
    "reject": {Role.INTAKE: "all", Role.ADMIN: "all"},
    "merge": {Role.INTAKE: "all", Role.ADMIN: "all"},
    "assign": {Role.HEAD: "unit", Role.ADMIN: "all"},
    "transfer": {Role.HEAD: "unit", Role.INTAKE: "all", Role.ADMIN: "all"},
    "request_clarification": {Role.HEAD: "unit", Role.OFFICER: "assignee", Role.ADMIN: "all"},
    "draft": {Role.HEAD: "unit", Role.OFFICER: "assignee", Role.ADMIN: "all"},
    "submit": {Role.HEAD: "unit", Role.OFFICER: "assignee", Role.ADMIN: "all"},
    "approve": {Role.HEAD: "unit", Role.ADMIN: "all"},
    "return": {Role.HEAD: "unit", Role.ADMIN: "all"},
    "publish": {Role.INTAKE: "all", Role.ADMIN: "all"},
    "unpublish": {Role.INTAKE: "all", Role.ADMIN: "all"},
    # Deadlines (docs/decisions/0005): the head asks for more time, a supervisor decides.
    "request_extension": {Role.HEAD: "unit", Role.ADMIN: "all"},
    "decide_extension": {Role.SUPERVISOR: "all", Role.ADMIN: "all"},
}

# Roles that see every question; the others see their own unit's.
PROVINCE_WIDE_ROLES = frozenset({Role.INTAKE, Role.SUPERVISOR, Role.ADMIN})


def staff_profile(user: User | None) -> StaffProfile | None:
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.staff
    except StaffProfile.DoesNotExist:
        return None


def questions_visible_to(user: User):
    """The questions this staff member may open (none for citizens or unprofiled accounts)."""
    profile = staff_profile(user)
    if profile is None:
        return Question.objects.none()
    if profile.role in PROVINCE_WIDE_ROLES:
        return Question.objects.all()
    return Question.objects.filter(unit_id=profile.unit_id)


def access_question(user: User, tracking_code: str) -> Question:
    """Fetch a question for a staff member, or 404 if it is outside what they may see."""
    try:
        return (
            questions_visible_to(user)
            .select_related("unit", "category", "commune", "assignee")
            .get(tracking_code=(tracking_code or "").strip().upper())
        )
    except Question.DoesNotExist:
        raise Http404(_("No such question.")) from None


def can(user: User, action: str, question: Question) -> bool:
    """Whether ``user`` may perform the staff ``action`` on ``question`` (status aside)."""
    profile = staff_profile(user)
    if profile is None:
        return False
    scope = POLICY[action].get(profile.role)
    if scope == "all":
        return True
    if scope == "unit":
        return question.unit_id is not None and question.unit_id == profile.unit_id
    if scope == "assignee":
        return question.unit_id == profile.unit_id and question.assignee_id == user.pk
    return False


def authorize(user: User, action: str, question: Question) -> None:
    if not can(user, action, question):
        raise PermissionDenied(_("You are not allowed to do this for this question."))


def access_question_as_citizen(tracking_code: str, token: str) -> Question:
    """The citizen's private view: the tracking code *and* the secret token, or 404."""
    question = (
        Question.objects.select_related("unit", "category", "commune")
        .filter(tracking_code=(tracking_code or "").strip().upper())
        .first()
    )
    # Compared as bytes: compare_digest refuses str with non-ASCII characters (TypeError, a
    # server error), and the token comes from a URL anyone can type.
    if (
        question is None
        or not token
        or not secrets.compare_digest(question.access_token.encode(), str(token).encode())
    ):
        raise Http404(_("No question matches this code and link."))
    return question
