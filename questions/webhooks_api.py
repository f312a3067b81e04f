"""Staff API for webhook subscriptions and their delivery log (administrators only)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated

from helpdesk.api_schema import DeferredSchema, extend_schema, extend_schema_view

from . import access, webhooks
from .models import WebhookDelivery, WebhookSubscription
from .timeline import STAFF_LABELS


class IsAdministrator(BasePermission):
    """Webhooks can send personal data out of the system: administrators only."""

    message = _("Only administrators manage webhooks.")

    def has_permission(self, request, view) -> bool:
        if request.user.is_superuser:
            return True
        profile = access.staff_profile(request.user)
        return profile is not None and profile.role == "admin"


class WebhookSubscriptionSerializer(serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.CharField(max_length=50),
        required=False,
        help_text=_("Dotted audit actions, e.g. question.answered; empty: every public event."),
    )

    class Meta:
        model = WebhookSubscription
        fields = [
            "id",
            "name",
            "url",
            "events",
            "include_personal_data",
            "is_active",
            "secret",
            "created_at",
        ]
        read_only_fields = ["secret", "created_at"]

    def validate_url(self, value: str) -> str:
        try:
            webhooks.check_url(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return value

    def validate_events(self, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(STAFF_LABELS))
        if unknown:
            raise serializers.ValidationError(
                _("Unknown events: %(events)s.") % {"events": ", ".join(unknown)}
            )
        return sorted(set(value))


class WebhookDeliverySerializer(serializers.ModelSerializer):
    event = serializers.CharField(source="event.action")
    tracking_code = serializers.CharField(source="event.question.tracking_code")

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "tracking_code",
            "status",
            "attempts",
            "response_status",
            "next_attempt_at",
            "sent_at",
            "last_error",
            "created_at",
        ]


@extend_schema_view(
    list=extend_schema(tags=["webhooks"], summary=_("List webhook subscriptions")),
    create=extend_schema(tags=["webhooks"], summary=_("Subscribe a URL to question events")),
    retrieve=extend_schema(tags=["webhooks"], summary=_("One webhook subscription")),
    update=extend_schema(tags=["webhooks"], summary=_("Change a webhook subscription")),
    partial_update=extend_schema(tags=["webhooks"], summary=_("Change a webhook subscription")),
    destroy=extend_schema(tags=["webhooks"], summary=_("Delete a webhook subscription")),
)
class WebhookSubscriptionViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = WebhookSubscriptionSerializer
    permission_classes = [IsAuthenticated, IsAdministrator]
    queryset = WebhookSubscription.objects.all()
    schema = DeferredSchema()  # the router reads it when the URLconf loads

    def perform_create(self, serializer):
        serializer.save(created_by=self.request.user)

    @extend_schema(
        tags=["webhooks"],
        summary=_("The delivery log of a subscription"),
        responses=WebhookDeliverySerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def deliveries(self, request, pk=None):
        rows = self.get_object().deliveries.select_related("event__question")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)
