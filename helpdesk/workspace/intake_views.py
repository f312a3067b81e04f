"""Creating a question for a citizen, and the receipt the citizen takes away or hears.

The house's four steps: the user's role (the intake desk), the form, one service
(``questions.intake.question_enter_for_citizen``, which calls the web's own submit), then the
receipt: a page to print at the counter, with the tracking code large and the private link as a
QR code, or to read out over the phone, character by character.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from helpdesk import clock
from questions import intake
from questions.access import access_question
from questions.models import STAFF_ENTERED_CHANNELS
from questions.notifications import private_url
from questions.qr import qr_svg

from .intake_forms import StaffQuestionForm
from .views import staff_view

# Words for the characters of a tracking code, so that a code read over the phone is heard
# right (the alphabet has no 0/O, 1/I/L, U/V: questions.models.TRACKING_ALPHABET).
SPOKEN_DIGITS = {
    "2": "hai",
    "3": "ba",
    "4": "bốn",
    "5": "năm",
    "6": "sáu",
    "7": "bảy",
    "8": "tám",
    "9": "chín",
}


def _require_intake(request: HttpRequest) -> None:
    if not intake.can_enter(request.user):
        raise PermissionDenied(_("Only the intake desk may enter a question for a citizen."))


@never_cache
@require_http_methods(["GET", "POST"])
@staff_view
def enter_question(request: HttpRequest) -> HttpResponse:
    _require_intake(request)
    if request.method != "POST":
        return _form_page(request, StaffQuestionForm())
    form = StaffQuestionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_page(request, form)
    data = form.cleaned_data
    try:
        question, _created = intake.question_enter_for_citizen(
            entered_by=request.user,
            channel=data["channel"],
            received_at=data["received_at"],
            title=data["title"],
            body=data["body"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            category=data["category"],
            commune=data["commune"],
            publish_consent=data["publish_consent"],
            files=data["attachments"],
            idempotency_key=form.idempotency_key,
            language=request.LANGUAGE_CODE,
            notify_by=data.get("notify_by"),
            at=clock.now(),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, form)
    messages.success(
        request,
        _("Question %(code)s recorded. Give the citizen the receipt below.")
        % {"code": question.tracking_code},
    )
    return redirect("workspace:intake_receipt", question.tracking_code)


def _form_page(request: HttpRequest, form: StaffQuestionForm) -> HttpResponse:
    return render(request, "workspace/enter_question.html", {"form": form, "nav": "enter"})


@never_cache
@staff_view
def receipt(request: HttpRequest, code: str) -> HttpResponse:
    _require_intake(request)
    question = access_question(request.user, code)
    if question.source not in STAFF_ENTERED_CHANNELS:
        # The private link is handed over only for what the desk itself took in.
        raise PermissionDenied(_("This question was not entered at the intake desk."))
    link = private_url(question)
    return render(
        request,
        "workspace/intake_receipt.html",
        {
            "question": question,
            "nav": "enter",
            "private_link": link,
            "qr_svg": qr_svg(link, title=_("Private link")),
            "track_url": settings.SITE_URL + reverse("questions:lookup"),
            "spelled": spelled_code(question.tracking_code),
            "code_year": question.tracking_code.split("-")[1],
        },
    )


def spelled_code(code: str) -> list[tuple[str, str]]:
    """Each character of the code after ``HD-YYYY-`` with how to say it."""
    suffix = code.rsplit("-", 1)[-1]
    return [(char, SPOKEN_DIGITS.get(char, char)) for char in suffix]
