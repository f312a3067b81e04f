"""Who may see what: fetching a question for a staff member or for its asker.

Views use :func:`access_question` to fetch (anyone outside the question's scope gets a 404, so
the existence of other units' questions is not revealed). Who may *do* what is a column of the
transition catalogue (questions/transitions.py: ``permitted``, ``authorize``), which the pages,
the API and the services all read, so no entry point can skip the check.

The roles, with what the catalogue lets them do (docs/design.md#users):

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
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Question, Role, StaffProfile

User = AbstractBaseUser | AnonymousUser

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
