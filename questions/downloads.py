"""The citizen's download of their own attachments.

Moved out of ``views.attachment``: a file missing from storage (a restore without the uploads,
a disk replaced) raised ``FileNotFoundError`` there, a server error. It is now a 404 with a
page that says what happened and what to do, and a warning in the log for the operator.
"""

from __future__ import annotations

import logging

from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .views import _citizen_question

log = logging.getLogger(__name__)


@require_GET
def attachment(request, code: str, pk: int):
    question = _citizen_question(request, code)
    item = get_object_or_404(question.attachments, pk=pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        # No file name in the log: it is the question's tracking code, a personal reference.
        log.warning("Attachment %s is missing from storage.", item.pk)
        return render(
            request,
            "questions/attachment_missing.html",
            {"question": question, "item": item},
            status=404,
        )
    # Always a download, never rendered in our origin: a citizen's PDF must not run as our page.
    return FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
