"""The staff workspace: unit inbox, question page, publication (the intake queue: queue_views.py).

Every view is the house's four steps: fetch for this user (``access_question``: 404 outside
the user's scope), validate a form, call one service with ``at=clock.now()``, render or
redirect. Buttons are shown for the moves the transition catalogue lists as available to this
user now (questions/transitions.py); the services check the same rows again, so a hand-made
POST gets the same answer as the hidden button.
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
from helpdesk.errors import forbidden
from questions import access, desk, publication, services, timeliness, transitions
from questions.access import access_question, staff_profile
from questions.audit import AuditAction
from questions.downloads import attachment_response
from questions.models import Answer, ExtensionRequest, Question, Role, Status
from questions.timeline import staff_label
from questions.transitions import permitted
from routing.deadlines import policy_for, working_calendar

from . import forms, selectors

PAGE_SIZE = 25

# --- Access -------------------------------------------------------------------------------------


def staff_view(view: Callable) -> Callable:
    """Login required, a staff profile required (403 page), PermissionDenied as a 403 page."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if staff_profile(request.user) is None:
            return forbidden(
                request,
                _(
                    "Your account has no staff role, so the workspace is closed to it. "
                    "Ask an administrator to give you a role and a unit."
                ),
            )
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as denied:
            return forbidden(request, str(denied) or _("You are not allowed to do this."))

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
    if profile.role in (Role.SUPERVISOR, Role.ADMIN):
        # Not only by e-mail: the requests a supervisor decides, with what approving would do.
        context["pending_extensions"] = selectors.pending_extensions()
    return render(request, "workspace/home.html", context)


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
    """The workspace's side of a staff move of the catalogue: its form and its words."""

    form: type[forms.ActionForm]
    heading: str
    button: str
    done: str
    danger: bool = False


# The moves of the question page's action panel, in its order (each one POST endpoint, made
# by services.perform). The catalogue decides which of them a user sees on a question.
ACTIONS: dict[str, Action] = {
    "assign": Action(
        forms.AssignForm,
        gettext_lazy("Assign"),
        gettext_lazy("Assign"),
        gettext_lazy("The question was assigned."),
    ),
    "draft": Action(
        forms.DraftForm,
        gettext_lazy("Draft the answer"),
        gettext_lazy("Save draft"),
        gettext_lazy("The draft was saved."),
    ),
    "submit": Action(
        forms.EmptyForm,
        gettext_lazy("Submit for approval"),
        gettext_lazy("Submit the saved draft"),
        gettext_lazy("The answer was submitted for approval."),
    ),
    "approve": Action(
        forms.EmptyForm,
        gettext_lazy("Approve the answer"),
        gettext_lazy("Approve and send"),
        gettext_lazy("The answer was approved and sent to the citizen."),
    ),
    "return": Action(
        forms.ReturnForm,
        gettext_lazy("Return the answer"),
        gettext_lazy("Return with reason"),
        gettext_lazy("The answer was returned to its author."),
        danger=True,
    ),
    "request_clarification": Action(
        forms.ClarificationForm,
        gettext_lazy("Ask the citizen to clarify"),
        gettext_lazy("Send request"),
        gettext_lazy("The citizen was asked for clarification."),
    ),
    "transfer": Action(
        forms.TransferForm,
        gettext_lazy("Transfer to another unit"),
        gettext_lazy("Transfer"),
        gettext_lazy("The question was transferred."),
    ),
    "route": Action(
        forms.RouteForm,
        gettext_lazy("Route"),
        gettext_lazy("Route"),
        gettext_lazy("The question was routed."),
    ),
    "reject": Action(
        forms.RejectForm,
        gettext_lazy("Reject"),
        gettext_lazy("Reject"),
        gettext_lazy("The question was rejected; the citizen is told why."),
        danger=True,
    ),
    "merge": Action(
        forms.MergeForm,
        gettext_lazy("Merge as a duplicate"),
        gettext_lazy("Merge"),
        gettext_lazy("The question was merged as a duplicate."),
    ),
    "unpublish": Action(
        forms.UnpublishForm,
        gettext_lazy("Take out of the archive"),
        gettext_lazy("Unpublish"),
        gettext_lazy("The question was taken out of the public archive."),
        danger=True,
    ),
}

# The staff moves with a page or panel of their own (the deadline panel, the publish page).
OWN_PAGES = {
    "request_extension": forms.ExtensionRequestForm,
    "decide_extension": forms.ExtensionDecisionForm,
    "publish": forms.PublishForm,
}


def _render_question(
    request: HttpRequest,
    question: Question,
    *,
    bound: dict[str, forms.ActionForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    available = transitions.available_actions(question, request.user, at=clock.now())
    panel = [
        {
            "action": action,
            "form": bound.get(action) or spec.form(question=question, user=request.user),
            "heading": spec.heading,
            "button": spec.button,
            "danger": spec.danger,
        }
        for action, spec in ACTIONS.items()
        if action in available
    ]
    draft = next((item for item in panel if item["action"] == "draft"), None)
    # Saving and submitting sit side by side in the draft form ("Save and submit for
    # approval"), so the side panel does not offer the submit move a second time.
    can_submit = draft is not None and permitted(request.user, "submit", question)
    panel = [
        item
        for item in panel
        if item["action"] != "draft" and not (can_submit and item["action"] == "submit")
    ]
    today = clock.today()
    # The province's own published answers, while there is a draft to write (questions/desk.py).
    similar = desk.similar_answers(question, today=today) if draft else []
    can_publish = permitted(request.user, "publish", question)
    timeline = _timeline(question)
    calendar = working_calendar()
    answers = _answers_with_reasons(question, timeline)
    history = (
        desk.draft_history(
            question, answers=[a for a, _r in answers], events=[t.event for t in timeline]
        )
        if _may_see_history(request.user, question)
        else None
    )
    question.deadline = timeliness.timeliness(question, today=today, calendar=calendar)
    return render(
        request,
        "workspace/question.html",
        {
            "question": question,
            "contact_shown": _contact_shown(request, question),
            "panel": panel,
            "draft": draft,
            "can_submit": can_submit,
            "similar": similar,
            "answer_templates": list(desk.templates_for(question)) if draft else [],
            "review_before": desk.review_before(),
            "replaces_draft": question.current_draft is not None,
            "can_publish": can_publish and transitions.status_refusal("publish", question) is None,
            "can_see_publish_state": can_publish,
            "timeline": timeline,
            "answers": answers,
            "history": history,
            "staff_names": _staff_names(question, timeline, answers, history),
            "attachments": question.attachments.order_by("uploaded_at", "pk"),
            "duplicates": question.duplicates.only("tracking_code", "title"),
            "today": today,
            "is_overdue": question.deadline is not None and question.deadline.is_overdue,
            **_deadline_context(request, question, calendar, bound, available),
        },
        status=status,
    )


def _deadline_context(
    request: HttpRequest, question: Question, calendar, bound: dict, available: list[str]
) -> dict:
    """The deadline panel: how the due date was computed, extensions, and their forms."""
    extensions = list(selectors.question_extensions(question))
    pending = [e for e in extensions if e.state == ExtensionRequest.State.PENDING]
    policy = policy_for(question.category)
    may_request = "request_extension" in available
    may_decide = "decide_extension" in available
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
    # …and usernames: shown as the person's name and role, never the raw login.
    people = selectors.staff_names(usernames={e.data.get("assignee") for e in events} - {None})
    return [
        TimelineEntry(e, staff_label(e.action), _event_detail(e, names, people)) for e in events
    ]


def _may_see_history(user, question: Question) -> bool:
    """The draft history (every saved text and the head's returns) is the unit's working
    file: its officers and head see it, and those who oversee the whole province; not the
    intake desk, which only routes and publishes."""
    profile = staff_profile(user)
    if profile is None:
        return False
    if profile.role in (Role.SUPERVISOR, Role.ADMIN):
        return True
    return profile.role in (Role.OFFICER, Role.HEAD) and profile.unit_id == question.unit_id


def _staff_names(question: Question, timeline, answers, history=None) -> dict[object, str]:
    """Every staff member the page names, "Full name (Role)", fetched at once."""
    ids = {t.event.actor_id for t in timeline} | {question.assignee_id, question.entered_by_id}
    for answer, _reason in answers:
        ids |= {answer.author_id, answer.decided_by_id}
    for step in history.steps if history else ():
        ids.add(step.actor_id)
    for extension in selectors.question_extensions(question):
        ids |= {extension.requested_by_id, extension.decided_by_id}
    return selectors.staff_names(user_ids=ids - {None})


def _event_detail(event, names: dict[str, str], people: dict | None = None) -> str:
    data = event.data or {}
    if data.get("old_due") and data.get("new_due") and data["old_due"] != data["new_due"]:
        return _("answer due %(old)s → %(new)s") % {
            "old": _short_date(data["old_due"]),
            "new": _short_date(data["new_due"]),
        }
    if data.get("working_days") and event.action == AuditAction.EXTENSION_REQUESTED:
        return _("+%(n)d working days") % {"n": data["working_days"]}
    if data.get("to_unit"):
        source = names.get(data.get("from_unit"), data.get("from_unit") or "—")
        return f"{source} → {names.get(data['to_unit'], data['to_unit'])}"
    if data.get("unit"):
        return f"→ {names.get(data['unit'], data['unit'])}"
    if data.get("source") and event.action == AuditAction.ANSWER_BASED_ON_ARCHIVE:
        return _("from published answer no. %(n)d") % {"n": data["source"]}
    if data.get("assignee"):
        return f"→ {(people or {}).get(data['assignee'], data['assignee'])}"
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
        t.event.created_at: t.event.note
        for t in timeline
        if t.event.action == AuditAction.ANSWER_RETURNED
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
    transitions.authorize(request.user, action, question)
    # "Save and submit for approval", beside "Save draft": the draft move, then the submit move.
    then_submit = action == "draft" and request.POST.get("then") == "submit"
    if then_submit:
        transitions.authorize(request.user, "submit", question)
    form = spec.form(request.POST, question=question, user=request.user)
    if not form.is_valid():
        return _render_question(request, question, bound={action: form}, status=400)
    try:
        if not (then_submit and _draft_unchanged(question, form.cleaned_data)):
            services.perform(
                action,
                question=question,
                actor=request.user,
                at=clock.now(),
                data=form.cleaned_data,
            )
        if then_submit:
            services.perform("submit", question=question, actor=request.user, at=clock.now())
    except services.TransitionError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, str(ACTIONS["submit"].done if then_submit else spec.done))
    return redirect(_next_url(request, question))


def _draft_unchanged(question: Question, data: dict) -> bool:
    """Whether the posted text is the saved draft's: submitting it needs no second save."""
    draft = question.current_draft
    return (
        draft is not None
        and draft.state == Answer.State.DRAFT
        and (draft.body, draft.legal_references)
        == (data.get("body", "").strip(), data.get("legal_references", "").strip())
    )


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


@staff_view
@require_POST
def start_from(request: HttpRequest, code: str) -> HttpResponse:
    """ "Start from this answer": the published answer's text and legal references become the
    draft (replacing an unsent one), and the event records which answer it was."""
    question = access_question(request.user, code)
    transitions.authorize(request.user, "draft", question)
    form = forms.StartFromForm(request.POST, question=question, user=request.user)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("source", [_("Choose an answer.")])))
        return redirect("workspace:question", code=question.tracking_code)
    source = form.cleaned_data["source"]
    try:
        services.perform(
            "draft",
            question=question,
            actor=request.user,
            at=clock.now(),
            data={
                "body": source.public_answer,
                "legal_references": source.public_legal_references,
                "based_on": source,
            },
        )
    except services.TransitionError as refused:
        messages.error(request, str(refused))
        return redirect("workspace:question", code=question.tracking_code)
    messages.success(
        request,
        _("The draft now holds that answer: adapt it to this question, save it, then submit it."),
    )
    return redirect(reverse("workspace:question", args=[question.tracking_code]) + "#act-draft")


@staff_view
@require_POST
def insert_template(request: HttpRequest, code: str) -> HttpResponse:
    """ "Insert" beside the draft: the unit's template, filled in for this question, added after
    what is typed in the draft form (posted with it, so nothing typed is lost), then saved."""
    question = access_question(request.user, code)
    transitions.authorize(request.user, "draft", question)
    template = desk.templates_for(question).filter(pk=request.POST.get("template") or 0).first()
    if template is None:
        messages.error(request, _("Choose one of your unit's answer templates."))
        return redirect(reverse("workspace:question", args=[question.tracking_code]) + "#act-draft")
    body, references = desk.with_template(
        body=request.POST.get("body", ""),
        legal_references=request.POST.get("legal_references", ""),
        template=template,
        question=question,
    )
    form = forms.DraftForm(
        {"body": body, "legal_references": references}, question=question, user=request.user
    )
    if not form.is_valid():
        return _render_question(request, question, bound={"draft": form}, status=400)
    try:
        services.perform(
            "draft", question=question, actor=request.user, at=clock.now(), data=form.cleaned_data
        )
    except services.TransitionError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The template was added to the draft and saved."))
    return redirect(reverse("workspace:question", args=[question.tracking_code]) + "#act-draft")


# --- Deadlines: extensions ----------------------------------------------------------------------


@staff_view
@require_POST
def extension_request(request: HttpRequest, code: str) -> HttpResponse:
    question = access_question(request.user, code)
    if not permitted(request.user, "request_extension", question):
        raise PermissionDenied(_("Only the head of the unit can ask for an extension."))
    form = forms.ExtensionRequestForm(request.POST, question=question, user=request.user)
    if not form.is_valid():
        return _render_question(request, question, bound={"extension": form}, status=400)
    try:
        services.perform(
            "request_extension",
            question=question,
            actor=request.user,
            at=clock.now(),
            data=form.cleaned_data,
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
    if not permitted(request.user, "decide_extension", question):
        raise PermissionDenied(_("Only a supervisor decides on extensions."))
    extension = get_object_or_404(question.extensions, pk=extension_id)
    form = forms.ExtensionDecisionForm(request.POST, prefix=f"x{extension.pk}")
    if not form.is_valid():
        return _render_question(
            request, question, bound={f"decide-{extension.pk}": form}, status=400
        )
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.perform(
            "decide_extension",
            question=question,
            actor=request.user,
            at=clock.now(),
            data={**form.cleaned_data, "extension": extension, "approve": approve},
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
    if not permitted(request.user, "publish", question):
        raise PermissionDenied(_("Only the intake desk publishes questions."))
    blocking: tuple[publication.PublicFinding, ...] = ()
    if request.method == "POST":
        form = forms.PublishForm(request.POST, question=question, user=request.user)
        if form.is_valid():
            try:
                services.perform(
                    "publish",
                    question=question,
                    actor=request.user,
                    at=clock.now(),
                    data=form.cleaned_data,
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
        if transitions.status_refusal("publish", question) is not None:
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
