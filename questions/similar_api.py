"""Similar published questions for a text, for the ask form's live suggestions.

The text is a citizen's unsent draft, which often holds their CCCD number, phone or e-mail, so
it travels only in a POST body: URLs end up in access logs, proxies and browser history
(docs/design.md#trust). The endpoint reads public data and changes nothing, and it accepts JSON
only: a cross-site page can neither send it (a plain form or a no-cors fetch cannot send JSON, and a
JSON fetch needs a CORS preflight that we never allow) nor read the answer. Hence no session,
no CSRF token, and no GET.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from helpdesk.api_schema import extend_schema

from . import selectors

TEXT_MAX = 2000
SIMILAR_LIMIT = 5


class SimilarInputSerializer(serializers.Serializer):
    # Longer drafts are cut, not refused: this is a suggestion while typing, never an error.
    text = serializers.CharField(required=False, allow_blank=True, default="")


class SimilarItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    unit = serializers.CharField(allow_null=True)


@extend_schema(
    summary=_("Published questions similar to a text"),
    description=_(
        "For suggestions while a citizen types a question: the best few published questions "
        "like `text` (with or without diacritics). Public fields only. The draft is sent "
        "as a JSON body, never in the URL, because it may hold personal data."
    ),
    tags=["archive"],
    auth=[],
    request=SimilarInputSerializer,
    responses={
        200: inline_serializer("SimilarQuestions", {"results": SimilarItemSerializer(many=True)})
    },
)
class SimilarApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]

    def post(self, request):
        serializer = SimilarInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        text = serializer.validated_data["text"].strip()[:TEXT_MAX]
        found = selectors.archive_similar_to_text(text=text, limit=SIMILAR_LIMIT) if text else []
        results = [
            {
                "id": q.pk,
                "title": q.public_title,
                "url": reverse("questions:archive_detail", args=[q.pk]),
                "unit": q.unit.display_name if q.unit else None,
            }
            for q in found
        ]
        return Response({"results": SimilarItemSerializer(results, many=True).data})
