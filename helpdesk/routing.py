"""Websocket routes (docs/architecture.md#real-time): the staff workspace, the tracking page."""

from django.urls import path

from questions.consumers import CitizenConsumer, StaffConsumer

websocket_urlpatterns = [
    path("ws/staff/", StaffConsumer.as_asgi()),
    path("ws/track/<str:code>/", CitizenConsumer.as_asgi()),
]
