"""API plumbing shared by the apps: errors as clear, translated JSON."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ParseError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from questions.services import TransitionError


def exception_handler(exc, context):
    """DRF's handler, plus: an illegal transition is a 409 Conflict with its message."""
    if isinstance(exc, TransitionError):
        # A refusal may carry structured details (the publish guard lists its findings).
        extra = exc.as_data() if hasattr(exc, "as_data") else {}
        return Response({"detail": str(exc), **extra}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, PermissionDenied):
        return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, ParseError) and str(exc.detail).startswith("JSON parse error"):
        # DRF builds this message without gettext; say it in the client's language.
        exc = ParseError(_("The request body is not valid JSON."))
    return drf_exception_handler(exc, context)
