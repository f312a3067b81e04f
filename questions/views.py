"""The citizen's pages (ask, receipt, track, act on their question) and the public archive.

Each view does four things: fetch (``access_question_as_citizen`` or an archive selector, both
404 outside what the visitor may see), validate (a form), call one service, render or redirect.
Everything works without JavaScript.

The private link and the token
------------------------------
A citizen reaches their question with the tracking code *and* the secret token of the private
link (``/track/<code>/?token=…``). The first GET that carries a valid token stores it in the
session, keyed by the code, and redirects to the same page without it: the secret then no longer
sits in the address bar, the browser history, server access logs or a Referer header, and the
pages' own links and forms work from the session. The forms still carry the token in a hidden
field, so an action submitted after the session expired is not lost. A wrong or missing token is
a 404, exactly like an unknown code, so codes cannot be probed for private data.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from helpdesk import clock

from . import lost_link as lost_links
from . import selectors, services, submission, transitions
from .access import access_question_as_citizen
from .audit import AuditAction
from .forms import (
    ArchiveFilterForm,
    AskForm,
    LinkResendForm,
    LookupForm,
    RateForm,
    ReopenForm,
    ReplyForm,
    WithdrawConsentForm,
    WithdrawForm,
    blank_ask_fields,
)
from .models import Question, Source, Status
from .notifications import citizen_channel
from .qr import qr_svg
from .ratelimit import allow_link_resend, client_ip
from .timeline import citizen_label, citizen_note
from .timeliness import explain_answer_due, timeliness

log = logging.getLogger(__name__)

SESSION_TOKENS = "citizen_tokens"
# A browser rarely follows more than a few questions; the cap keeps the session small.
SESSION_TOKENS_KEPT = 20

# The track page holds several forms; prefixes keep their field names and ids apart.
FORM_PREFIXES = {
    "reply_form": "reply",
    "withdraw_form": "withdraw",
    "rate_form": "rate",
    "reopen_form": "reopen",
    "consent_form": "consent",
}


# --- The private link -------------------------------------------------------------------------


def _remember_token(request, question: Question) -> None:
    tokens = dict(request.session.get(SESSION_TOKENS, {}))
    tokens.pop(question.tracking_code, None)
    tokens[question.tracking_code] = question.access_token
    request.session[SESSION_TOKENS] = dict(list(tokens.items())[-SESSION_TOKENS_KEPT:])


def _remembered_token(request, code: str) -> str:
    return request.session.get(SESSION_TOKENS, {}).get(code.strip().upper(), "")


def _citizen_question(request, code: str) -> Question:
    """The citizen's own question, by the token posted, in the URL, or remembered; else 404."""
    given = request.POST.get("token") or request.GET.get("token")
    question = access_question_as_citizen(code, given or _remembered_token(request, code))
    if given:
        # An action posted after the session expired: remember the token again, so the page
        # the citizen is sent back to opens.
        _remember_token(request, question)
    return question


def _clean_url_redirect(request, code: str, view_name: str):
    """Check the URL's token, remember it, and return a redirect to the URL without it."""
    question = access_question_as_citizen(code, request.GET.get("token", ""))
    _remember_token(request, question)
    return redirect(view_name, question.tracking_code)


def _private_link(request, question: Question) -> str:
    path = reverse("questions:track", args=[question.tracking_code])
    return request.build_absolute_uri(f"{path}?token={question.access_token}")


# --- Home and asking -----------------------------------------------------------------------------


@require_GET
def home(request):
    return render(
        request,
        "questions/home.html",
        {
            "latest": selectors.archive_latest(limit=8),
            "categories": selectors.archive_categories(),
        },
    )


# Never cached: a shared copy of the page would hand one nonce to many citizens.
@never_cache
@require_http_methods(["GET", "POST"])
def ask(request):
    if request.method != "POST":
        form = AskForm()
        # The fields as every new visitor gets them, drawn once; the nonce is this page's own.
        return render(
            request, "questions/ask.html", {"form": form, "blank_fields": blank_ask_fields(form)}
        )

    if "check_similar" in request.POST:
        # "Check for similar questions" (works without JavaScript): show answered questions
        # like the draft above the same, still unsent form. Nothing is stored or validated
        # yet, so nothing can be lost; sending stays a separate, explicit click.
        form = AskForm(initial=_ask_draft(request.POST))
        return render(request, "questions/ask.html", _ask_similar_context(form))
    if "check_answers" in request.POST:
        return _check_answers(request)

    form = AskForm(request.POST, request.FILES)
    if form.honeypot_filled:
        # Bots fill every field. Answer them as if it worked (a visible refusal teaches them
        # to skip the field) but store nothing; the thank-you page shows no code, and tells the
        # rare person who gets there to ask again.
        log.info("Honeypot filled; submission discarded.")
        return redirect("questions:thanks")
    if not form.is_valid():
        return render(request, "questions/ask.html", {"form": form})

    data = form.cleaned_data
    # A replay (double click, back and resubmit) is not a new submission: it gets the first
    # receipt and is not counted against the rate limit. The same nonce with other content is
    # refused before anything is counted or stored. The API's use case too (submission.py).
    try:
        question, _created = submission.question_ask(
            ip=client_ip(request),
            idempotency_key=form.idempotency_key,
            title=data["title"],
            body=data["body"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            category=data["category"],
            commune=data["commune"],
            publish_consent=data["publish_consent"],
            files=data["attachments"],
            source=Source.WEB,
            language=request.LANGUAGE_CODE,
            notify_by=data["notify_by"],
            at=clock.now(),
        )
    except submission.KeyReused:
        return _refuse_reused_nonce(request)
    except submission.TooManySubmissions:
        form.add_error(
            None,
            _(
                "You have sent too many questions in a short time. Please wait an hour and "
                "try again, or call the portal's hotline."
            ),
        )
        return render(request, "questions/ask.html", {"form": form})
    # Only now, with the question committed, does the citizen see a receipt.
    _remember_token(request, question)
    return redirect("questions:receipt", question.tracking_code)


def _check_answers(request):
    """The "check your answers" summary of the filled-in form (docs/decisions/0028).

    Asked for by check_answers.js, which shows it inside the ask form, in place of the fields:
    "Send" then posts that same form, attachments still in their input, to the branch above,
    which validates everything again and stores the question. Without JavaScript nobody asks
    for it and the form is sent at once. The summary is drawn from a form validated here, the
    same way as when sending: an invalid form gets 422 and no summary, and the script then
    posts the form as it would without JavaScript, so that the server's own page shows the
    fields with their errors. Nothing is stored and nothing is counted against the rate limit.
    """
    form = AskForm(request.POST, _attachment_heads(request))
    if form.honeypot_filled or not form.is_valid():
        return HttpResponse(status=422)
    data = form.cleaned_data
    # The rule the notifications follow (an e-mail chosen but not given: SMS to the phone).
    told_by = citizen_channel(
        Question(notify_by=data["notify_by"], asker_email=data["email"], asker_phone=data["phone"])
    )
    return render(
        request,
        "questions/_check_answers.html",
        {"form": form, "data": data, "told_by": told_by},
    )


def _attachment_heads(request):
    """The attachments as check_answers.js sends them for the check: each file's first bytes
    and, in ``attachment_size``, its whole size. The form's own checks (how many, empty, too
    large, a PDF, JPEG or PNG by its first bytes) then run on them unchanged, and a phone does
    not upload every file twice. Sending posts the whole files, and they are checked again."""
    sizes = request.POST.getlist("attachment_size")
    for head, size in zip(request.FILES.getlist("attachments"), sizes, strict=False):
        if size.isdigit():
            head.size = max(head.size or 0, int(size))
    return request.FILES


def _refuse_reused_nonce(request):
    """The form's nonce already sent another question: keep this one, under a new nonce.

    Answering with the first receipt would hand one citizen's tracking code and private link
    to another (a cached or shared copy of the form, a forged post). Storing this question
    silently under a new key would break the double-click guarantee for it, so the citizen
    sees the form again, filled in, and one more click sends it.
    """
    log.info("Ask form nonce reused with different content; refused.")
    data = request.POST.copy()
    data["nonce"] = AskForm.new_nonce()
    kept = AskForm(data)
    kept.is_valid()
    kept.add_error(
        None,
        _(
            "This form was already used to send a different question. Check your question "
            "below and send it again; attachments must be chosen again."
        ),
    )
    return render(request, "questions/ask.html", {"form": kept})


def _ask_draft(data) -> dict:
    # What the citizen typed, as the unsent form's initial values: an unbound form shows no
    # "required" errors for fields they have not reached yet. Files cannot be carried back
    # into a file input; the page says so.
    fields = AskForm.base_fields
    return {
        name: data.get(name)
        for name in fields
        if name in data and name not in ("attachments", "website")
    }


def _ask_similar_context(form) -> dict:
    draft = f"{form.initial.get('title') or ''}\n{form.initial.get('body') or ''}".strip()
    return {
        "form": form,
        "similar_checked": True,
        "similar": selectors.archive_similar_to_text(text=draft) if draft else [],
    }


@require_GET
def thanks(request):
    return render(request, "questions/thanks.html")


def _link_needed(request, code: str):
    """No link in this browser (another device, an expired session): the same page for an
    unknown code and for a known one (status 404), saying what to do and offering to send the
    link again. A link with a wrong token still gets the plain "not found" page."""
    form = LinkResendForm(initial={"code": code.strip().upper()[:40]})
    return render(request, "questions/link_needed.html", {"form": form}, status=404)


@require_GET
def receipt(request, code: str):
    return _receipt(request, code, "questions/receipt.html", "questions:receipt")


@require_GET
def receipt_print(request, code: str):
    """The receipt as a sheet to print or save: the code, the private link, the due date."""
    return _receipt(request, code, "questions/receipt_print.html", "questions:receipt_print")


def _receipt(request, code: str, template: str, view_name: str):
    if "token" in request.GET:
        return _clean_url_redirect(request, code, view_name)
    try:
        question = _citizen_question(request, code)
    except Http404:
        return _link_needed(request, code)
    link = _private_link(request, question)
    return render(
        request,
        template,
        {
            "question": question,
            "private_link": link,
            # Drawn here, into the page: the token goes to no image URL and no QR service.
            "qr_svg": qr_svg(link, title=_("QR code of your private link")),
            "explanation": explain_answer_due(question),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def lost_link(request):
    """ "Send me my private link again": the same answer whether or not anything matched."""
    form = LinkResendForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if not allow_link_resend(ip=client_ip(request), code=code):
            form.add_error(
                None,
                _(
                    "The link was asked for too many times in a short time. Please wait an hour "
                    "and try again, or call the portal's hotline."
                ),
            )
        else:
            lost_links.link_resend(code=code, contact=form.cleaned_data["contact"], at=clock.now())
            return render(request, "questions/lost_link_sent.html", {"code": code})
    return render(
        request, "questions/lost_link.html", {"form": form}, status=400 if form.errors else 200
    )


# --- Following a question -----------------------------------------------------------------------


@require_GET
def lookup(request):
    """Look a question up by its tracking code alone.

    The code is not a secret: it is read over the phone and printed on paper. So the code alone
    shows only the public status (status, received, due), never the question, the asker or the
    answer; those need the private link from the receipt or e-mail. A browser that already
    opened the private link (the token is in its session) goes straight to the full page.
    """
    form = LookupForm(request.GET or None)
    found = None
    if form.is_valid():
        code = form.cleaned_data["code"]
        token = form.cleaned_data.get("token") or _remembered_token(request, code)
        if token:
            try:
                question = access_question_as_citizen(code, token)
            except Http404:
                pass
            else:
                _remember_token(request, question)
                return redirect("questions:track", question.tracking_code)
        found = selectors.question_public_status(code=code)
        if found is None:
            form.add_error("code", _("No question has this tracking code. Check it and try again."))
    return render(request, "questions/lookup.html", {"form": form, "found": found})


# The asker's moves (questions/transitions.py) and the form of each on the tracking page.
CITIZEN_FORMS = {
    "citizen_reply": ("reply_form", ReplyForm),
    "withdraw": ("withdraw_form", WithdrawForm),
    "rate": ("rate_form", RateForm),
    "reopen": ("reopen_form", ReopenForm),
    "withdraw_consent": ("consent_form", WithdrawConsentForm),
}


def _track_context(request, question: Question, **bound_forms) -> dict:
    # Offered exactly when the service would accept it: the same catalogue rows decide.
    available = transitions.available_actions(question, None, at=clock.now())
    forms = {
        name: bound_forms.get(name) or form_class(prefix=FORM_PREFIXES[name])
        for action, (name, form_class) in CITIZEN_FORMS.items()
        if action in available
    }
    # A form sent from a page that was out of date stays, with the reason it was refused.
    forms |= bound_forms
    timeline = [
        {
            "event": event,
            "label": citizen_label(event.action),
            "note": citizen_note(event.action, event.note),
        }
        for event in selectors.question_timeline(question=question)
    ]
    return {
        "question": question,
        "timeline": timeline,
        "answer": question.approved_answer,
        "clarification": (
            selectors.question_last_clarification_request(question=question)
            if "reply_form" in forms
            else None
        ),
        "attachments": question.attachments.order_by("uploaded_at", "pk"),
        "private_link": _private_link(request, question),
        # The due date and how it was computed (docs/design.md#legal-facts: citizens can check it).
        "explanation": explain_answer_due(question) if question.is_open else None,
        "deadline": timeliness(question, today=clock.today()),
        "next_step": _next_step(question),
        **forms,
    }


def _next_step(question: Question) -> dict:
    """Where a rejected question's asker should go instead (the rejection event's data)."""
    if question.status != Status.REJECTED:
        return {}
    event = question.events.filter(action=AuditAction.REJECTED).order_by("-created_at").first()
    return (event.data or {}) if event is not None else {}


@require_GET
def track(request, code: str):
    if "token" in request.GET:
        return _clean_url_redirect(request, code, "questions:track")
    try:
        question = _citizen_question(request, code)
    except Http404:
        return _link_needed(request, code)
    return render(request, "questions/track.html", _track_context(request, question))


@require_GET
def attachment(request, code: str, pk: int):
    question = _citizen_question(request, code)
    item = get_object_or_404(question.attachments, pk=pk)
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type,
    )


def _citizen_action(request, code: str, *, action: str, done: str):
    """Shared shape of the citizen's moves: fetch, validate, the move's service, redirect."""
    question = _citizen_question(request, code)
    form_name, form_class = CITIZEN_FORMS[action]
    form = form_class(request.POST, request.FILES, prefix=FORM_PREFIXES[form_name])
    if not form.is_valid():
        context = _track_context(request, question, **{form_name: form})
        return render(request, "questions/track.html", context, status=400)
    try:
        services.perform(
            action, question=question, actor=None, at=clock.now(), data=form.cleaned_data
        )
    except services.TransitionError as error:
        # Beside the form that was sent, with the citizen's text kept (not a banner at the top).
        form.add_error(None, str(error))
        question.refresh_from_db()
        context = _track_context(request, question, **{form_name: form})
        return render(request, "questions/track.html", context, status=409)
    messages.success(request, done)
    return HttpResponseRedirect(reverse("questions:track", args=[question.tracking_code]))


@require_POST
def reply(request, code: str):
    return _citizen_action(
        request,
        code,
        action="citizen_reply",
        done=_("Thank you, your reply was sent to the agency."),
    )


@require_POST
def withdraw(request, code: str):
    return _citizen_action(
        request,
        code,
        action="withdraw",
        done=_("Your question was withdrawn."),
    )


@require_POST
def rate(request, code: str):
    return _citizen_action(
        request,
        code,
        action="rate",
        done=_("Thank you for rating the answer."),
    )


@require_POST
def reopen(request, code: str):
    return _citizen_action(
        request,
        code,
        action="reopen",
        done=_("Your question was reopened; the agency will answer again."),
    )


@require_POST
def withdraw_consent(request, code: str):
    return _citizen_action(
        request,
        code,
        action="withdraw_consent",
        done=_("Your consent was withdrawn; the question will not be published."),
    )


# --- The public archive ---------------------------------------------------------------------------


@require_GET
def archive(request):
    form = ArchiveFilterForm(
        request.GET or None,
        categories=selectors.archive_categories(),
        units=selectors.archive_units(),
        years=selectors.archive_years(),
    )
    filters = form.filters()
    text = filters.pop("q", None)
    context = {"form": form, "q": text or ""}
    if text:
        # Ranked by the search index (docs/design.md#search); the page shows snippets, facets, a
        # total.
        hits = selectors.archive_ranked(text=text, **filters)
        page = Paginator(hits, selectors.ARCHIVE_PAGE_SIZE).get_page(request.GET.get("page"))
        context |= {
            "hits": hits,
            "facets": hits.facets,
            "degraded": hits.degraded,
            "suggestion": selectors.archive_suggestion(text=text, total=len(hits)),
        }
    else:
        questions = selectors.archive_list(**filters)
        page = Paginator(questions, selectors.ARCHIVE_PAGE_SIZE).get_page(request.GET.get("page"))
    context |= {"page": page, "total": page.paginator.count}
    return render(request, "questions/archive.html", context)


@require_GET
def archive_detail(request, pk: int):
    if selectors.archive_reopened(pk=pk):
        # Its asker reopened it: a notice, not a 404, until the new answer is published.
        response = render(request, "questions/archive_reopened.html", status=200)
        response["X-Robots-Tag"] = "noindex"
        return response
    question = selectors.archive_get(pk=pk)
    _count_view(question)
    similar = selectors.archive_similar(question=question)
    return render(
        request, "questions/archive_detail.html", {"question": question, "similar": similar}
    )


def _count_view(question: Question) -> None:
    # One UPDATE … SET view_count = view_count + 1: concurrent readers cannot lose a count the
    # way read-increment-save would. Not an audited transition, so not a service of its own.
    Question.objects.filter(pk=question.pk).update(view_count=F("view_count") + 1)
    question.view_count += 1
