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


def attachment_response(request, question, item, *, missing_template: str):
    """The attachment as a download, or a page saying the file is missing (404).

    Shared by the citizen's and the staff's views, which differ only in who may see the file
    and in the page that explains a missing one (not the generic 404, which reads as "no access").
    """
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        # No file name in the log: it holds the tracking code, a personal reference.
        log.warning("Attachment %s is missing from storage.", item.pk)
        return render(request, missing_template, {"question": question, "item": item}, status=404)
    # Always a download, never rendered in our origin: a citizen's PDF must not run as our page.
    return FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )


@require_GET
def attachment(request, code: str, pk: int):
    question = _citizen_question(request, code)
    item = get_object_or_404(question.attachments, pk=pk)
    return attachment_response(
        request, question, item, missing_template="questions/attachment_missing.html"
    )
