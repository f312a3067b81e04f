"""The staff workspace: intake queue, unit inbox, question page, publication.

Every view is the house's four steps: fetch for this user (``access_question``: 404 outside
the user's scope), validate a form, call one service with ``at=clock.now()``, render or
redirect. Buttons are shown only when ``access.can`` and ``services.allowed`` both say yes;
the services check again, so a hand-made POST gets the same answer as the hidden button.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from helpdesk import clock
from questions import access, publication, services, timeliness
from questions.access import access_question, staff_profile
from questions.autoroute import suggestions_for
from questions.downloads import attachment_response
from questions.models import Answer, ExtensionRequest, Question, Status
from questions.timeline import staff_label
from routing.deadlines import policy_for, working_calendar
from routing.models import Role

from . import forms, selectors

PAGE_SIZE = 25

# --- Access -------------------------------------------------------------------------------------


def _forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "workspace/forbidden.html", {"message": message}, status=403)


def staff_view(view: Callable) -> Callable:
    """Login required, a staff profile required (403 page), PermissionDenied as a 403 page."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if staff_profile(request.user) is None:
            return _forbidden(
                request,
                _(
                    "Your account has no staff role, so the workspace is closed to it. "
                    "Ask an administrator to give you a role and a unit."
                ),
            )
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as denied:
            return _forbidden(request, str(denied) or _("You are not allowed to do this."))

    return wrapper


# --- Home ---------------------------------------------------------------------------------------


@staff_view
def home(request: HttpRequest) -> HttpResponse:
    profile = staff_profile(request.user)
    context: dict = {"profile": profile, "nav": "home"}
    if profile.role in (Role.INTAKE, Role.ADMIN):
        context["intake"] = selectors.intake_counts(request.user)
    if profile.role in (Role.HEAD, Role.OFFICER):
        context["unit"] = selectors.unit_counts(request.user)
    if profile.role in (Role.SUPERVISOR, Role.ADMIN, Role.INTAKE):
        context["by_status"], context["by_unit"] = selectors.province_counts(request.user)
    return render(request, "workspace/home.html", context)


# --- Intake queue -------------------------------------------------------------------------------


@staff_view
def intake(request: HttpRequest) -> HttpResponse:
    # Only the roles that may route see the queue; others have nothing to do here.
    if staff_profile(request.user).role not in (Role.INTAKE, Role.ADMIN):
        raise PermissionDenied(_("The intake queue is for the intake desk."))
    page = Paginator(selectors.intake_queue(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    units = list(selectors.units_for_choice())
    rows = []
    for question in page:
        kwargs = {"question": question, "user": request.user, "auto_id": _auto_id(question)}
        rows.append(
            {
                "question": question,
                "suggested": question.category.default_unit if question.category else None,
                "routing": suggestions_for(question),
                "route": forms.RouteForm(units=units, **kwargs),
                "reject": forms.RejectForm(**kwargs),
                "merge": forms.MergeForm(**kwargs),
            }
        )
    return render(
        request,
        "workspace/intake.html",
        {
            "nav": "intake",
            "page": page,
            "rows": rows,
            "today": clock.today(),
            "presets": {k: str(v) for k, v in forms.REJECT_PRESETS.items()},
        },
    )


def _auto_id(question: Question) -> str:
    # Several forms per page: ids must stay unique for the labels to point at the right input.
    return f"id_{question.pk}_%s"


# --- Inbox --------------------------------------------------------------------------------------


@staff_view
def inbox(request: HttpRequest) -> HttpResponse:
    province_wide = selectors.is_province_wide(request.user)
    filter_form = forms.InboxFilterForm(request.GET or None, province_wide=province_wide)
    questions = selectors.inbox_list(request.user, filter_form.filters())
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    today, calendar = clock.today(), working_calendar()
    for question in page:
        # Working days left / late need the calendar: computed for the 25 rows shown only.
        question.deadline = timeliness.timeliness(question, today=today, calendar=calendar)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workspace/inbox.html",
        {
            "nav": "inbox",
            "filter_form": filter_form,
            "page": page,
            "province_wide": province_wide,
            "profile": staff_profile(request.user),
            "today": clock.today(),
            "query": query.urlencode(),
        },
    )


# --- One question -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    form: type[forms.ActionForm]
    perform: Callable[[Question, object, object, dict], object]
    done: str


# Each action is one service call; the form has already turned the POST into its arguments.
ACTIONS: dict[str, Action] = {
    "route": Action(
        forms.RouteForm,
        lambda q, user, at, d: services.question_route(
            question=q, unit=d["unit"], note=d["note"], actor=user, at=at
        ),
        gettext_lazy("The question was routed."),
    ),
    "reject": Action(
        forms.RejectForm,
        lambda q, user, at, d: services.question_reject(
            question=q, reason=d["reason"], actor=user, at=at
        ),
        gettext_lazy("The question was rejected; the citizen is told why."),
    ),
    "merge": Action(
        forms.MergeForm,
        lambda q, user, at, d: services.question_merge(
            question=q, into=d["into"], actor=user, at=at
        ),
        gettext_lazy("The question was merged as a duplicate."),
    ),
    "assign": Action(
        forms.AssignForm,
        lambda q, user, at, d: services.question_assign(
            question=q, officer=d["officer"], actor=user, at=at
        ),
        gettext_lazy("The question was assigned."),
    ),
    "transfer": Action(
        forms.TransferForm,
        lambda q, user, at, d: services.question_transfer(
            question=q, to_unit=d["to_unit"], reason=d["reason"], actor=user, at=at
        ),
        gettext_lazy("The question was transferred."),
    ),
    "request_clarification": Action(
        forms.ClarificationForm,
        lambda q, user, at, d: services.question_request_clarification(
            question=q, message=d["message"], actor=user, at=at
        ),
        gettext_lazy("The citizen was asked for clarification."),
    ),
    "draft": Action(
        forms.DraftForm,
        lambda q, user, at, d: services.answer_save_draft(
            question=q, body=d["body"], legal_references=d["legal_references"], actor=user, at=at
        ),
        gettext_lazy("The draft was saved."),
    ),
    "submit": Action(
        forms.EmptyForm,
        lambda q, user, at, d: services.question_submit_draft(question=q, actor=user, at=at),
        gettext_lazy("The answer was submitted for approval."),
    ),
    "approve": Action(
        forms.EmptyForm,
        lambda q, user, at, d: services.question_approve(question=q, approver=user, at=at),
        gettext_lazy("The answer was approved and sent to the citizen."),
    ),
    "return": Action(
        forms.ReturnForm,
        lambda q, user, at, d: services.question_return_draft(
            question=q, reason=d["reason"], approver=user, at=at
        ),
        gettext_lazy("The answer was returned to its author."),
    ),
    "unpublish": Action(
        forms.UnpublishForm,
        lambda q, user, at, d: services.question_unpublish(
            question=q, reason=d["reason"], actor=user, at=at
        ),
        gettext_lazy("The question was taken out of the public archive."),
    ),
}

# The order of the action panel on the question page.
PANEL = [
    "assign",
    "draft",
    "submit",
    "approve",
    "return",
    "request_clarification",
    "transfer",
    "route",
    "reject",
    "merge",
    "unpublish",
]


PANEL_LABELS = {
    "assign": (gettext_lazy("Assign"), gettext_lazy("Assign")),
    "draft": (gettext_lazy("Draft the answer"), gettext_lazy("Save draft")),
    "submit": (gettext_lazy("Submit for approval"), gettext_lazy("Submit the saved draft")),
    "approve": (gettext_lazy("Approve the answer"), gettext_lazy("Approve and send")),
    "return": (gettext_lazy("Return the answer"), gettext_lazy("Return with reason")),
    "request_clarification": (
        gettext_lazy("Ask the citizen to clarify"),
        gettext_lazy("Send request"),
    ),
    "transfer": (gettext_lazy("Transfer to another unit"), gettext_lazy("Transfer")),
    "route": (gettext_lazy("Route"), gettext_lazy("Route")),
    "reject": (gettext_lazy("Reject"), gettext_lazy("Reject")),
    "merge": (gettext_lazy("Merge as a duplicate"), gettext_lazy("Merge")),
    "unpublish": (gettext_lazy("Take out of the archive"), gettext_lazy("Unpublish")),
}


def _available(user, action: str, question: Question) -> bool:
    if not (access.can(user, action, question) and services.allowed(action, question)):
        return False
    if action == "submit":
        # Submitting needs a saved draft: no point offering a button that can only fail.
        draft = question.current_draft
        return draft is not None and draft.state == Answer.State.DRAFT
    return True


def _render_question(
    request: HttpRequest,
    question: Question,
    *,
    bound: dict[str, forms.ActionForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    panel = [
        {
            "action": action,
            "form": bound.get(action) or ACTIONS[action].form(question=question, user=request.user),
            "heading": PANEL_LABELS[action][0],
            "button": PANEL_LABELS[action][1],
            "danger": action in ("reject", "unpublish", "return"),
        }
        for action in PANEL
        if _available(request.user, action, question)
    ]
    draft = next((item for item in panel if item["action"] == "draft"), None)
    panel = [item for item in panel if item["action"] != "draft"]
    can_publish = access.can(request.user, "publish", question)
    timeline = _timeline(question)
    today, calendar = clock.today(), working_calendar()
    question.deadline = timeliness.timeliness(question, today=today, calendar=calendar)
    return render(
        request,
        "workspace/question.html",
        {
            "question": question,
            "contact_shown": _contact_shown(request, question),
            "panel": panel,
            "draft": draft,
            "can_publish": can_publish and services.allowed("publish", question),
            "can_see_publish_state": can_publish,
            "timeline": timeline,
            "answers": _answers_with_reasons(question, timeline),
            "attachments": question.attachments.order_by("uploaded_at", "pk"),
            "duplicates": question.duplicates.only("tracking_code", "title"),
            "today": today,
            "is_overdue": question.deadline is not None and question.deadline.is_overdue,
            **_deadline_context(request, question, calendar, bound),
        },
        status=status,
    )


def _deadline_context(request: HttpRequest, question: Question, calendar, bound: dict) -> dict:
    """The deadline panel: how the due date was computed, extensions, and their forms."""
    extensions = list(selectors.question_extensions(question))
    pending = [e for e in extensions if e.state == ExtensionRequest.State.PENDING]
    policy = policy_for(question.category)
    approved = sum(1 for e in extensions if e.state == ExtensionRequest.State.APPROVED)
    may_request = (
        access.can(request.user, "request_extension", question)
        and question.status in services.UNIT_STATUSES
        and not pending
        and approved < policy.max_extensions
    )
    may_decide = access.can(request.user, "decide_extension", question)
    return {
        "explanation": timeliness.explain_answer_due(question, calendar),
        "transfer_by": timeliness.transfer_by(question, calendar),
        "policy": policy,
        "extensions": extensions,
        "extension_form": (
            bound.get("extension")
            or forms.ExtensionRequestForm(question=question, user=request.user)
            if may_request
            else None
        ),
        "decision_forms": [
            (e, bound.get(f"decide-{e.pk}") or forms.ExtensionDecisionForm(prefix=f"x{e.pk}"))
            for e in pending
        ]
        if may_decide
        else [],
        "is_paused": question.status == Status.AWAITING_CITIZEN,
    }


@dataclass(frozen=True)
class TimelineEntry:
    event: object
    label: str
    detail: str


def _timeline(question: Question) -> list[TimelineEntry]:
    events = list(selectors.question_timeline(question))
    # Events keep unit codes (stable across renames); show today's names, fetched at once.
    codes = {e.data.get(k) for e in events for k in ("unit", "from_unit", "to_unit")} - {None}
    names = selectors.unit_names(codes)
    return [TimelineEntry(e, staff_label(e.action), _event_detail(e, names)) for e in events]


def _event_detail(event, names: dict[str, str]) -> str:
    data = event.data or {}
    if data.get("old_due") and data.get("new_due") and data["old_due"] != data["new_due"]:
        return _("answer due %(old)s → %(new)s") % {
            "old": _short_date(data["old_due"]),
            "new": _short_date(data["new_due"]),
        }
    if data.get("working_days") and event.action == "question.extension_requested":
        return _("+%(n)d working days") % {"n": data["working_days"]}
    if data.get("to_unit"):
        source = names.get(data.get("from_unit"), data.get("from_unit") or "—")
        return f"{source} → {names.get(data['to_unit'], data['to_unit'])}"
    if data.get("unit"):
        return f"→ {names.get(data['unit'], data['unit'])}"
    if data.get("assignee"):
        return f"→ {data['assignee']}"
    if data.get("into"):
        return f"→ {data['into']}"
    return ""


def _short_date(iso: str) -> str:
    from datetime import date

    from django.utils.formats import date_format

    return date_format(date.fromisoformat(iso), "SHORT_DATE_FORMAT")


def _answers_with_reasons(question: Question, timeline) -> list[tuple[Answer, str]]:
    # The reason for returning a draft is the note of its "answer.returned" event, written in
    # the same transaction as the answer's decided_at.
    reasons = {
        t.event.created_at: t.event.note for t in timeline if t.event.action == "answer.returned"
    }
    return [
        (answer, reasons.get(answer.decided_at, "") if answer.state == "returned" else "")
        for answer in selectors.question_answers(question)
    ]


@staff_view
def question_detail(request: HttpRequest, code: str) -> HttpResponse:
    question = access_question(request.user, code)
    return _render_question(request, question)


# The asker's name, e-mail and phone are shown on request, and each showing is logged; a
# reveal lasts this long in the staff member's session, then the page masks them again.
CONTACT_SHOWN_FOR = 15 * 60
SESSION_CONTACT_SHOWN = "contact_shown"


@staff_view
@require_POST
def show_contact(request: HttpRequest, code: str) -> HttpResponse:
    question = access_question(request.user, code)
    now = clock.now()
    services.question_contact_viewed(question=question, viewer=request.user, at=now, via="web")
    shown = dict(request.session.get(SESSION_CONTACT_SHOWN, {}))
    shown[question.tracking_code] = now.timestamp()
    request.session[SESSION_CONTACT_SHOWN] = {
        c: t for c, t in shown.items() if now.timestamp() - t < CONTACT_SHOWN_FOR
    }
    return redirect(reverse("workspace:question", args=[question.tracking_code]) + "#asker-h")


def _contact_shown(request: HttpRequest, question: Question) -> bool:
    shown_at = request.session.get(SESSION_CONTACT_SHOWN, {}).get(question.tracking_code)
    return shown_at is not None and clock.now().timestamp() - shown_at < CONTACT_SHOWN_FOR


@staff_view
@require_POST
def question_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    spec = ACTIONS[action]
    question = access_question(request.user, code)
    if not access.can(request.user, action, question):
        raise PermissionDenied(_("You are not allowed to do this for this question."))
    form = spec.form(request.POST, question=question, user=request.user)
    if not form.is_valid():
        return _render_question(request, question, bound={action: form}, status=400)
    try:
        spec.perform(question, request.user, clock.now(), form.cleaned_data)
    except services.TransitionError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, str(spec.done))
    return redirect(_next_url(request, question))


def _next_url(request: HttpRequest, question: Question) -> str:
    """Back to where the form was (e.g. the intake queue), else to the question if still ours."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    # After a transfer the question may have left this user's scope: the inbox, not a 404.
    if access.questions_visible_to(request.user).filter(pk=question.pk).exists():
        return reverse("workspace:question", args=[question.tracking_code])
    return reverse("workspace:inbox")


# --- Deadlines: extensions ----------------------------------------------------------------------


@staff_view
@require_POST
def extension_request(request: HttpRequest, code: str) -> HttpResponse:
    question = access_question(request.user, code)
    if not access.can(request.user, "request_extension", question):
        raise PermissionDenied(_("Only the head of the unit can ask for an extension."))
    form = forms.ExtensionRequestForm(request.POST, question=question, user=request.user)
    if not form.is_valid():
        return _render_question(request, question, bound={"extension": form}, status=400)
    try:
        services.extension_request(
            question=question,
            working_days=form.cleaned_data["working_days"],
            reason=form.cleaned_data["reason"],
            requested_by=request.user,
            at=clock.now(),
        )
    except services.TransitionError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The extension request was sent to the supervisors."))
    return redirect("workspace:question", code=question.tracking_code)


@staff_view
@require_POST
def extension_decide(request: HttpRequest, code: str, extension_id: int) -> HttpResponse:
    question = access_question(request.user, code)
    if not access.can(request.user, "decide_extension", question):
        raise PermissionDenied(_("Only a supervisor decides on extensions."))
    extension = get_object_or_404(question.extensions, pk=extension_id)
    form = forms.ExtensionDecisionForm(request.POST, prefix=f"x{extension.pk}")
    if not form.is_valid():
        return _render_question(
            request, question, bound={f"decide-{extension.pk}": form}, status=400
        )
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.extension_decide(
            extension=extension,
            approve=approve,
            note=form.cleaned_data["note"],
            decided_by=request.user,
            at=clock.now(),
        )
    except services.TransitionError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("The extension was approved; the citizen is told the new date and why.")
            if approve
            else _("The extension was refused; the head of the unit is told."),
        )
    return redirect("workspace:question", code=question.tracking_code)


@staff_view
def attachment(request: HttpRequest, code: str, attachment_id: int) -> FileResponse | HttpResponse:
    question = access_question(request.user, code)
    item = get_object_or_404(question.attachments, pk=attachment_id)
    return attachment_response(
        request, question, item, missing_template="workspace/attachment_missing.html"
    )


# --- Publication --------------------------------------------------------------------------------


@staff_view
def publish(request: HttpRequest, code: str) -> HttpResponse:
    question = access_question(request.user, code)
    if not access.can(request.user, "publish", question):
        raise PermissionDenied(_("Only the intake desk publishes questions."))
    blocking: tuple[publication.PublicFinding, ...] = ()
    if request.method == "POST":
        form = forms.PublishForm(request.POST, question=question, user=request.user)
        if form.is_valid():
            try:
                services.question_publish(
                    question=question, actor=request.user, at=clock.now(), **form.cleaned_data
                )
            except services.PersonalDataInPublicText as refused:
                # Listed beside the form, each with a "not personal" box for the editor.
                form.add_error(None, _("The public text still contains personal data."))
                blocking = refused.findings
            except services.TransitionError as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("The question is published in the public archive."))
                return redirect("workspace:question", code=question.tracking_code)
    else:
        if not services.allowed("publish", question):
            messages.error(request, _("Only answered questions can be published."))
            return redirect("workspace:question", code=question.tracking_code)
        form = forms.PublishForm(
            initial=services.proposed_public_version(question), question=question, user=request.user
        )
    findings = selectors.public_version_findings(question)
    return render(
        request,
        "workspace/publish.html",
        {
            "question": question,
            "answer": question.approved_answer,
            "form": form,
            "findings": [
                (FIELD_LABELS[f.field], publication.kind_label(f.kind), f) for f in findings
            ],
            "blocking": [
                (publication.PUBLIC_FIELD_LABELS[f.field], publication.kind_label(f.kind), f)
                for f in blocking
            ],
            "not_personal": set(form["not_personal"].value() or ()),
        },
        status=400 if form.errors else 200,
    )


# --- Labels -------------------------------------------------------------------------------------


FIELD_LABELS = {
    "title": gettext_lazy("Title"),
    "body": gettext_lazy("Question"),
    "answer": gettext_lazy("Answer"),
}
