"""The citizen's data-subject requests (ND 356/2025), from their question's private link.

"My data" shows, in plain words, everything we hold about the asker for this question, offers
it as a JSON file (an access request, answered at once) and takes an erasure request. Only the
holder of the private link gets there: the same check as the tracking page's own actions
(``access_question_as_citizen``, with the token from the form, the URL or the session). Every
response carries ``Cache-Control: no-store``: personal data must not stay in a shared cache or
in the browser's.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from helpdesk import clock

from . import privacy
from .models import DataSubjectRequest
from .services import TransitionError
from .views import _citizen_question, _clean_url_redirect


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I understand that my name, e-mail, phone and attachments will be deleted and "
            "cannot be recovered."
        ),
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )


def _context(question, *, erase_form: EraseForm | None = None) -> dict:
    erasure = question.data_requests.filter(kind=DataSubjectRequest.Kind.ERASURE).last()
    return {
        "question": question,
        "data": privacy.personal_data_export(question=question),
        "attachments": question.attachments.order_by("uploaded_at", "pk"),
        "requests": question.data_requests.order_by("received_at", "pk"),
        "erasure": erasure,
        "erased": privacy.is_erased(question),
        "erase_form": erase_form or EraseForm(prefix="erase"),
        # What a request made today would be answered by, shown before the citizen asks.
        "due_if_asked_today": privacy.request_due_on(clock.today()),
    }


@never_cache
@require_GET
def my_data(request, code: str):
    if "token" in request.GET:
        return _clean_url_redirect(request, code, "questions:my_data")
    question = _citizen_question(request, code)
    return render(request, "questions/my_data.html", _context(question))


@never_cache
@require_POST
def my_data_download(request, code: str):
    question = _citizen_question(request, code)
    _request, data = privacy.data_request_access(question=question, at=clock.now())
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"my-data-{question.tracking_code}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@require_POST
def erase(request, code: str):
    question = _citizen_question(request, code)
    form = EraseForm(request.POST, prefix="erase")
    if not form.is_valid():
        return render(
            request, "questions/my_data.html", _context(question, erase_form=form), status=400
        )
    try:
        data_request = privacy.data_request_erase(question=question, at=clock.now())
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        if data_request.outcome == DataSubjectRequest.Outcome.ERASED:
            messages.success(request, _("Your personal data for this question was erased."))
        else:
            messages.warning(
                request,
                _(
                    "Your request was recorded. Your question is still being handled, and "
                    "answering it is a duty of the state: your personal data will be erased as "
                    "soon as the question is closed."
                ),
            )
    return redirect("questions:my_data", question.tracking_code)
