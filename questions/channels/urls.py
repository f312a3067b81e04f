"""Outgoing channels' pages and endpoints: opt-out links, webhooks API, open data, Open311."""

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from questions import open311
from questions.webhooks_api import WebhookSubscriptionViewSet

from . import inbound, views

app_name = "channels"

router = SimpleRouter()
router.register("api/v1/webhooks", WebhookSubscriptionViewSet, basename="webhook")

urlpatterns = [
    path("stop/<str:token>/", views.stop, name="stop"),
    path("sms/replies/", inbound.sms_reply, name="sms_replies"),
    path("", include(router.urls)),
    path("open-data/<str:name>", views.open_data, name="open_data"),
    re_path(r"^open311/v2/services\.(?P<fmt>json|xml)$", open311.services, name="open311_services"),
    re_path(r"^open311/v2/requests\.(?P<fmt>json|xml)$", open311.requests, name="open311_requests"),
    re_path(
        r"^open311/v2/requests/(?P<pk>[0-9]+)\.(?P<fmt>json|xml)$",
        open311.request_detail,
        name="open311_request",
    ),
]
