"""Outgoing channels' pages and endpoints: opt-out links, webhooks API, open data, Open311."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from questions.webhooks_api import WebhookSubscriptionViewSet

from . import views

app_name = "channels"

router = SimpleRouter()
router.register("api/v1/webhooks", WebhookSubscriptionViewSet, basename="webhook")

urlpatterns = [
    path("stop/<str:token>/", views.stop, name="stop"),
    path("", include(router.urls)),
]
