"""Read-only queries for the staff workspace: queues, inboxes, counts, one question's history.

Every list starts from :func:`questions.access.questions_visible_to`, so a page can never show
a question outside the user's scope, and joins what its template shows (``select_related``)
so a page of 25 rows costs a fixed number of queries, not one per row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, Q, QuerySet, Value, When

from helpdesk import clock
from questions import redaction, services, staff_search, timeliness
from questions.access import PROVINCE_WIDE_ROLES, questions_visible_to, staff_profile
from questions.models import (
    OPEN_STATUSES,
    UNIT_STATUSES,
    ExtensionRequest,
    Question,
    Role,
    StaffProfile,
    Status,
    staff_display_name,
)
from routing.deadlines import working_calendar
from routing.models import Unit

# The columns every list page shows.
# The assignee's staff profile too: its English display name (decision 0028).
_LIST_RELATED = ("unit", "category", "commune", "assignee", "assignee__staff")


def due_soon_until(today: date) -> date:
    """The last due date that still counts as "due soon" when seen on ``today``.

    N *working* days ahead on the working-day calendar (HELPDESK["DUE_SOON_WORKING_DAYS"],
    2 by default): on a Thursday before Tết, "due soon" reaches past the holiday.
    """
    return timeliness.due_soon_until(today)


def _overdue(today: date) -> Q:
    # Overdue is derived, never stored (docs/lifecycle.md): an open question whose answer date
    # passed, unless its clock is stopped waiting for the citizen.
    return timeliness.overdue_q(today)


def _due_soon(today: date) -> Q:
    return timeliness.due_soon_q(today, due_soon_until(today))


def is_province_wide(user) -> bool:
    profile = staff_profile(user)
    return profile is not None and profile.role in PROVINCE_WIDE_ROLES


# --- Intake queue -------------------------------------------------------------------------------


def intake_queue(user) -> QuerySet[Question]:
    """Questions waiting to be routed, oldest first (the first in is the first late)."""
    return (
        questions_visible_to(user)
        .filter(status=Status.RECEIVED)
        .select_related("category", "category__default_unit", "commune")
        .order_by("received_at", "pk")
    )


def units_for_choice(*, exclude: Unit | None = None) -> QuerySet[Unit]:
    """Today's units, in the order the route and transfer selects group them."""
    units = Unit.objects.current().order_by("kind", "name")
    if exclude is not None:
        units = units.exclude(pk=exclude.pk)
    return units


# --- Inbox --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxFilters:
    status: str = ""
    unit: Unit | None = None
    mine: bool = False
    due: str = ""  # "", "overdue" or "soon"
    text: str = ""


def inbox_list(user, filters: InboxFilters) -> QuerySet[Question]:
    """The inbox: a unit's questions for its staff, every open question for the province.

    Without a status filter, unit staff see what their unit holds (UNIT_STATUSES) and
    province-wide roles see every open question.
    """
    questions = questions_visible_to(user).select_related(*_LIST_RELATED)
    if filters.status:
        questions = questions.filter(status=filters.status)
    elif is_province_wide(user):
        questions = questions.filter(status__in=OPEN_STATUSES)
    else:
        questions = questions.filter(status__in=UNIT_STATUSES)
    if filters.unit is not None:
        questions = questions.filter(unit=filters.unit)
    if filters.mine:
        questions = questions.filter(assignee=user)
    today = clock.today()
    if filters.due == "overdue":
        questions = questions.filter(_overdue(today))
    elif filters.due == "soon":
        questions = questions.filter(_due_soon(today))
    if filters.text.strip():
        # With or without marks; title, code, and the asker's name and phone (visible here).
        questions = staff_search.matching(questions, filters.text)
    # Most urgent first; questions without a deadline last.
    return questions.order_by("answer_due", "received_at", "pk")


# --- Home page counts ---------------------------------------------------------------------------


def unit_counts(user) -> dict[str, int]:
    """The four numbers a unit's head or officer starts the day with."""
    today = clock.today()
    unit_questions = questions_visible_to(user).filter(status__in=UNIT_STATUSES)
    return unit_questions.aggregate(
        new=Count("pk", filter=Q(status=Status.ROUTED)),
        in_progress=Count("pk", filter=Q(status__in=[Status.IN_PROGRESS, Status.REOPENED])),
        awaiting_citizen=Count("pk", filter=Q(status=Status.AWAITING_CITIZEN)),
        awaiting_approval=Count("pk", filter=Q(status=Status.AWAITING_APPROVAL)),
        overdue=Count("pk", filter=_overdue(today)),
        mine=Count("pk", filter=Q(assignee=user)),
    )


def intake_counts(user) -> dict[str, int]:
    today = clock.today()
    return questions_visible_to(user).aggregate(
        received=Count("pk", filter=Q(status=Status.RECEIVED)),
        route_overdue=Count("pk", filter=Q(status=Status.RECEIVED, route_by__lt=today)),
        to_publish=Count("pk", filter=Q(status=Status.ANSWERED, publish_consent=True)),
    )


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    open: int
    overdue: int
    answered: int


def province_counts(user) -> tuple[list[tuple[str, str, int]], list[UnitRow]]:
    """Counts by status (value, label, n) and, per unit, open / overdue / answered."""
    visible = questions_visible_to(user)
    by_status = Counter(
        dict(visible.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    )
    statuses = [(value, label, by_status.get(value, 0)) for value, label in Status.choices]
    today = clock.today()
    per_unit = (
        visible.exclude(unit=None)
        .values("unit")
        .annotate(
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            overdue=Count("pk", filter=_overdue(today)),
            answered=Count("pk", filter=Q(status__in=[Status.ANSWERED, Status.PUBLISHED])),
        )
    )
    units = Unit.objects.in_bulk([row["unit"] for row in per_unit])
    rows = [
        UnitRow(units[row["unit"]], row["open"], row["overdue"], row["answered"])
        for row in per_unit
    ]
    rows.sort(key=lambda r: (-r.overdue, -r.open, r.unit.name))
    return statuses, rows


# --- One question -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PendingExtension:
    extension: ExtensionRequest
    current_due: date | None
    new_due: date | None


def pending_extensions() -> list[PendingExtension]:
    """Extension requests awaiting a supervisor, oldest first, each with the answer date it
    would give (the same period the approval adds: questions/timeliness.answer_period)."""
    calendar = working_calendar()
    rows = []
    for extension in (
        ExtensionRequest.objects.filter(state=ExtensionRequest.State.PENDING)
        .select_related("question__unit", "question__category", "requested_by__staff")
        .order_by("requested_at", "pk")
    ):
        question = extension.question
        new_due = None
        if question.deadline_start is not None:
            new_due = calendar.add_working_days(
                question.deadline_start,
                timeliness.answer_period(question) + extension.working_days,
            )
        rows.append(PendingExtension(extension, question.answer_due, new_due))
    return rows


def question_extensions(question: Question):
    return question.extensions.select_related("requested_by", "decided_by").order_by(
        "requested_at", "pk"
    )


def question_timeline(question: Question):
    """The full audit trail, internal events included (staff see everything in scope)."""
    return question.events.select_related("actor").order_by("created_at", "pk")


def staff_names(user_ids=(), usernames=()) -> dict[object, str]:
    """People as the question page names them, "Full name (Role)", by user id and by username
    (events keep usernames in their data): one query for the whole page. The name is the
    English form of the staff profile on English pages, when it has one."""
    from django.contrib.auth import get_user_model

    users = (
        get_user_model()
        .objects.filter(Q(pk__in=[i for i in user_ids if i]) | Q(username__in=list(usernames)))
        .select_related("staff")
    )
    names: dict[object, str] = {}
    for user in users:
        name = staff_display_name(user)
        profile = getattr(user, "staff", None)
        shown = f"{name} ({profile.get_role_display()})" if profile is not None else name
        names[user.pk] = names[user.get_username()] = shown
    return names


def unit_names(codes) -> dict[str, str]:
    """Display names of the units with these codes (for the timeline's event data)."""
    return {u.code: u.display_name for u in Unit.objects.filter(code__in=list(codes))}


def question_answers(question: Question):
    return question.answers.select_related("author", "decided_by").order_by("created_at", "pk")


def assignable_staff(question: Question) -> QuerySet[StaffProfile]:
    """Who a head may hand the question to: the officers and heads of its unit, the least
    loaded first (``open_load``: open questions assigned to them now), the heads last."""
    return (
        StaffProfile.objects.filter(
            unit_id=question.unit_id, role__in=[Role.OFFICER, Role.HEAD], user__is_active=True
        )
        .select_related("user")
        .annotate(
            open_load=Count(
                "user__assigned_questions",
                filter=Q(user__assigned_questions__status__in=OPEN_STATUSES),
            ),
            is_head=Case(When(role=Role.HEAD, then=Value(1)), default=Value(0)),
        )
        .order_by("is_head", "open_load", "user__last_name", "user__first_name", "user__username")
    )


@dataclass(frozen=True)
class RedactedItem:
    field: str
    kind: str
    original: str


def public_version_findings(question: Question) -> list[RedactedItem]:
    """What the proposed public version replaced, for the editor's notice on the publish page."""
    known = services.personal_data_of(question)
    answer = question.approved_answer
    sources = {
        "title": question.title,
        "body": question.body,
        "answer": answer.body if answer else "",
    }
    return [
        RedactedItem(field, finding.kind, finding.original)
        for field, text in sources.items()
        for finding in redaction.redact(text, known=known).findings
    ]
