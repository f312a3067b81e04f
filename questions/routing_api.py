"""API v1 for routing: ``POST /api/v1/routing/suggest`` (docs/design.md#routing).

For the staff who route or watch routing (intake desk, administrators, supervisors, unit heads),
signed in by session or token, and for integrations (an account holding an API token and no
staff profile, e.g. the hotline's software). Officers do not route, so they are refused.
The view follows the house pattern: validate the input serializer, call one service
(:func:`routing.services.suggest_units`), serialize the output. It lives here, not in routing/,
because who may ask is a question of roles (questions/access.py); routing knows no people.
"""

from __future__ import annotations

from django.urls import re_path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework.authtoken.models import Token
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from helpdesk.api_schema import extend_schema
from routing import services
from routing.api import SuggestInputSerializer, SuggestOutputSerializer

from .access import staff_profile
from .api_auth import STAFF_AUTHENTICATION
from .models import Role

# Roles that may ask where a question should go.
SUGGEST_ROLES = frozenset({Role.INTAKE, Role.ADMIN, Role.SUPERVISOR, Role.HEAD})


class CanAskForRouting(BasePermission):
    message = _(
        "Routing suggestions are for the intake desk, unit heads, supervisors and integrations."
    )

    def has_permission(self, request, view) -> bool:
        user = request.user
        if user is None or not user.is_authenticated:
            return False
        profile = staff_profile(user)
        if profile is not None:
            return profile.role in SUGGEST_ROLES
        # An integration account: no staff profile, authenticated by the token an administrator
        # issued to it (a plain account signed in with a browser session gets nothing).
        return isinstance(request.auth, Token)


class RoutingSuggestApi(APIView):
    authentication_classes = STAFF_AUTHENTICATION
    permission_classes = [CanAskForRouting]
    parser_classes = [JSONParser]

    @extend_schema(
        summary=_("Suggest units for a question"),
        description=_(
            "The routing rule that fires (if any) and up to three units ranked by the learned "
            "model, with its confidence. Before a model is trained, `trained` is false and only "
            "rules are applied. Nothing is stored."
        ),
        tags=["routing"],
        request=SuggestInputSerializer,
        responses={
            200: SuggestOutputSerializer,
            400: OpenApiResponse(OpenApiTypes.OBJECT, description=_("Invalid input, per field.")),
            401: OpenApiResponse(OpenApiTypes.OBJECT, description=_("No valid credentials.")),
            403: OpenApiResponse(OpenApiTypes.OBJECT, description=_("Your role may not do this.")),
        },
        examples=[
            OpenApiExample(
                "A land question",
                value={
                    "title": "Cấp giấy chứng nhận quyền sử dụng đất",
                    "text": "Xin hỏi thủ tục cấp sổ đỏ lần đầu cần những giấy tờ gì?",
                    "category": None,
                    "commune": "xa-an-binh",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Suggestions",
                value={
                    "rule": None,
                    "suggestions": [
                        {
                            "unit": "so-nong-nghiep-moi-truong",
                            "name": "Sở Nông nghiệp và Môi trường",
                            "confidence": 0.94,
                            "source": "model",
                        },
                        {
                            "unit": "thue-tinh",
                            "name": "Thuế tỉnh",
                            "confidence": 0.03,
                            "source": "model",
                        },
                    ],
                    "model_version": "20260302T091500",
                    "trained": True,
                },
                response_only=True,
                status_codes=["200"],
            ),
        ],
    )
    def post(self, request):
        serializer = SuggestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        result = services.suggest_units(
            title=data["title"],
            body=data["text"],
            category=data["category"],
            commune=data["commune"],
        )
        return Response(
            SuggestOutputSerializer(services.suggestions_payload(result)).data,
            headers={"Cache-Control": "no-store"},
        )


# Mounted at /api/v1/routing/ by helpdesk/urls.py.
app_name = "routing_api"

urlpatterns = [
    # With or without the trailing slash: a POST cannot follow APPEND_SLASH's redirect.
    re_path(r"^suggest/?$", RoutingSuggestApi.as_view(), name="suggest"),
]
