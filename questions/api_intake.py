"""``POST /api/v1/staff/questions/``: the intake desk's "Create for a citizen" for integrations.

The twin of the workspace form (helpdesk/workspace/intake_views.py): the same fields, the same
checks, the same service (``questions.intake.question_enter_for_citizen``). A call centre's
software or a scanning station posts a question received by phone, at the counter or by post;
scanned documents come as ``attachments`` in a multipart request. ``GET`` on the same address
stays the staff list (``StaffQuestionListApi``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from helpdesk import clock
from helpdesk.api_schema import extend_schema

from . import intake
from .api import (
    FIELD_ERRORS,
    FORBIDDEN,
    IDEMPOTENCY_PARAMETER,
    NO_STORE,
    UNAUTHENTICATED,
    StaffQuestionListApi,
    _idempotency_key,
)
from .models import STAFF_ENTERED_CHANNELS, Channel, Question
from .serializers import QuestionCreateInputSerializer, QuestionReceiptSerializer
from .uploads import check_upload


class StaffQuestionCreateInputSerializer(QuestionCreateInputSerializer):
    channel = serializers.ChoiceField(
        choices=[(c.value, c.label) for c in Channel if c in STAFF_ENTERED_CHANNELS],
        help_text=gettext_lazy("How the question was received: counter, phone or post."),
    )
    received_at = serializers.DateTimeField(
        help_text=gettext_lazy(
            "When the question actually reached the administration (ISO 8601); the deadlines "
            "count from that day. Not in the future, at most 90 days ago."
        )
    )
    attachments = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        help_text=gettext_lazy("Scanned documents (multipart requests): PDF, JPEG or PNG."),
    )

    def validate_received_at(self, value):
        try:
            return intake.check_received_at(value, now=clock.now())
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None

    def validate_attachments(self, uploads):
        conf = settings.HELPDESK
        if len(uploads) > conf["MAX_ATTACHMENTS"]:
            raise serializers.ValidationError(
                _("Attach at most %(count)d files.") % {"count": conf["MAX_ATTACHMENTS"]}
            )
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(
                    (upload, check_upload(upload, max_bytes=conf["MAX_ATTACHMENT_BYTES"]))
                )
            except DjangoValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise serializers.ValidationError(errors)
        return checked


class StaffQuestionsApi(StaffQuestionListApi):
    """The staff list (GET, inherited) and the intake desk's creation (POST)."""

    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        summary=gettext_lazy("Enter a question received at the counter, by phone or by post"),
        description=gettext_lazy(
            "For the intake desk: stores a question a citizen handed in, phoned in or sent "
            "by post, with the moment it was received (day zero of its deadlines) and the "
            "staff member as the one who entered it. Returns the receipt to give the citizen."
        ),
        tags=["staff"],
        parameters=[IDEMPOTENCY_PARAMETER],
        request=StaffQuestionCreateInputSerializer,
        responses={
            201: QuestionReceiptSerializer,
            200: OpenApiResponse(
                QuestionReceiptSerializer, description=gettext_lazy("A replay: the first receipt.")
            ),
            400: FIELD_ERRORS,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
        },
    )
    def post(self, request):
        key = _idempotency_key(request)
        serializer = StaffQuestionCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            question, created = intake.question_enter_for_citizen(
                entered_by=request.user,
                channel=data["channel"],
                received_at=data["received_at"],
                title=data["title"],
                body=data["question"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                category=data["category"],
                commune=data["commune"],
                publish_consent=data["publish_consent"],
                files=data["attachments"],
                idempotency_key=key,
                language=translation.get_language() or "vi",
                notify_by=data.get("notify_by"),
                at=clock.now(),
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError({"non_field_errors": error.messages}) from None
        return _receipt(question, created)


def _receipt(question: Question, created: bool) -> Response:
    body = QuestionReceiptSerializer(question).data
    if created:
        return Response(body, status=status.HTTP_201_CREATED, headers=NO_STORE)
    return Response(body, headers={**NO_STORE, "Idempotent-Replayed": "true"})
