"""API plumbing shared by the apps: errors as clear, translated JSON."""

from types import TracebackType

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from helpdesk.errors import too_large_message
from questions.services import TransitionError


def exception_handler(exc, context):
    """DRF's handler, plus: an illegal transition is a 409 Conflict with its message, and a
    body too big or too deeply nested is the client's error (413, 400), not a server error."""
    if isinstance(exc, TransitionError):
        # A refusal may carry structured details (the publish guard lists its findings).
        extra = exc.as_data() if hasattr(exc, "as_data") else {}
        return Response({"detail": str(exc), **extra}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, PermissionDenied):
        return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, RequestDataTooBig):
        # Django files this under "bad request" and would answer with its HTML 400 page.
        return Response(
            {"detail": too_large_message()}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        )
    if isinstance(exc, RecursionError) and _raised_while_parsing(exc.__traceback__):
        # json.loads gives up on "[[[[…" past Python's recursion limit; any view's body
        # parser may meet it, so it is caught here rather than in one parser class.
        exc = ParseError(_("The request body is nested too deeply."))
    if isinstance(exc, ParseError) and str(exc.detail).startswith("JSON parse error"):
        # DRF builds this message without gettext; say it in the client's language.
        exc = ParseError(_("The request body is not valid JSON."))
    return drf_exception_handler(exc, context)


def _raised_while_parsing(traceback: TracebackType | None) -> bool:
    """Whether a parser was on the stack: a recursion anywhere else is a bug, left a 500."""
    while traceback is not None:
        if isinstance(traceback.tb_frame.f_locals.get("self"), BaseParser):
            return True
        traceback = traceback.tb_next
    return False
