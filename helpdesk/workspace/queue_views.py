"""The intake queue: a compact, filtered, live list of the questions waiting to be routed.

One row per question (code, title, category, commune, channel, how long it has waited in
working days, its route-by date, the top routing suggestion and how sure it is). The route,
reject and merge forms of one question are a page of their own (``intake_actions``), which the
queue's script opens inside the list (``?partial=1``) and which works as a plain page without
JavaScript. The list refreshes itself when a question arrives or leaves
(helpdesk/static/helpdesk/intake_queue.js), through this same access-checked view, so the
filters in the address are the live view's filters too.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from helpdesk import clock
from questions import transitions
from questions.access import access_question, staff_profile
from questions.audit import AuditAction
from questions.autoroute import suggestions_for
from questions.models import Question, Role, Status
from routing.deadlines import working_calendar

from . import forms, queue_suggestions, selectors
from .queue_filters import IntakeQueueFilter
from .views import PAGE_SIZE, staff_view

# The moves that take a question out of the queue: a page showing it must refresh.
LEAVING_ACTIONS = (
    AuditAction.ROUTED,
    AuditAction.REJECTED,
    AuditAction.MERGED,
    AuditAction.WITHDRAWN,
)
INTAKE_MOVES = ("route", "reject", "merge")


INTAKE_ROLES: frozenset[str] = frozenset({Role.INTAKE, Role.ADMIN})


def _require_intake(user) -> None:
    # Only the roles that may route see the queue; others have nothing to do here.
    profile = staff_profile(user)
    if profile is None or profile.role not in INTAKE_ROLES:
        raise PermissionDenied(_("The intake queue is for the intake desk."))


@staff_view
def intake(request: HttpRequest) -> HttpResponse:
    _require_intake(request.user)
    today, calendar = clock.today(), working_calendar()
    filters = IntakeQueueFilter(
        request.GET or None,
        queryset=selectors.intake_queue(request.user),
        today=today,
        calendar=calendar,
    )
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    tops = queue_suggestions.top_suggestions(rows)
    for question in rows:
        question.top = tops[question.pk]
        question.waiting_days = _waiting_days(question, today, calendar)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workspace/intake.html",
        {
            "nav": "intake",
            "page": page,
            "rows": rows,
            "filter": filters,
            "filtered": filters.active,
            "today": today,
            "query": query.urlencode(),
            "queue_url": request.get_full_path(),
            "leaving": " ".join(action.value for action in LEAVING_ACTIONS),
            "presets": {k: str(v) for k, v in forms.REJECT_PRESETS.items()},
        },
    )


def _waiting_days(question: Question, today, calendar) -> int | None:
    try:
        return calendar.count_working_days(timezone.localdate(question.received_at), today)
    except ValueError:  # received outside the calendar's years (an old import): not shown
        return None


@staff_view
def intake_actions(request: HttpRequest, code: str) -> HttpResponse:
    """Route, reject or merge one question: a page, or with ``?partial=1`` the panel the queue
    opens under its row."""
    _require_intake(request.user)
    question = access_question(request.user, code)
    back = _queue_url(request)
    # Only while it waits: a routed question may still be merged, but from its own page.
    moves: set[str] = set()
    if question.status == Status.RECEIVED:
        moves = set(transitions.available_actions(question, request.user, at=clock.now()))
    context: dict = {
        "nav": "intake",
        "q": question,
        "back": back,
        "moves": moves.intersection(INTAKE_MOVES),
        "presets": {k: str(v) for k, v in forms.REJECT_PRESETS.items()},
    }
    if context["moves"]:
        routing = suggestions_for(question)
        user, auto_id = request.user, _auto_id(question)
        initial = {"unit": str(routing.suggestions[0].unit.pk)} if routing.suggestions else {}
        units = selectors.units_for_choice()
        context.update(
            routing=routing,
            route=forms.RouteForm(
                question=question, user=user, auto_id=auto_id, units=units, initial=initial
            ),
            reject=forms.RejectForm(question=question, user=user, auto_id=auto_id),
            merge=forms.MergeForm(question=question, user=user, auto_id=auto_id),
        )
    context["partial"] = partial = request.GET.get("partial") == "1"
    template = "workspace/_queue_actions.html" if partial else "workspace/queue_actions.html"
    return render(request, template, context)


def _queue_url(request: HttpRequest) -> str:
    """Where the forms return: the queue as the officer left it (its filters and page)."""
    queue = reverse("workspace:intake")
    target = request.GET.get("next", "")
    if (
        target.startswith(queue)
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and "\\" not in target
    ):
        return target
    return queue


def _auto_id(question: Question) -> str:
    # Several panels may be open in one page: ids must stay unique for the labels.
    return f"id_{question.pk}_%s"
