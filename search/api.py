"""Similar published questions for a text, for the ask form's live suggestions."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from questions import selectors

TEXT_MAX = 2000
SIMILAR_LIMIT = 5


class SimilarItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    unit = serializers.CharField(allow_null=True)


@extend_schema(
    summary=_("Published questions similar to a text"),
    description=_(
        "For suggestions while a citizen types a question: the best few published questions "
        "like `text` (with or without diacritics). Public fields only."
    ),
    tags=["archive"],
    auth=[],
    parameters=[OpenApiParameter("text", str, required=True)],
    responses={
        200: inline_serializer("SimilarQuestions", {"results": SimilarItemSerializer(many=True)})
    },
)
class SimilarApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    def get(self, request):
        text = (request.query_params.get("text") or "").strip()[:TEXT_MAX]
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
