"""Websocket routes (DESIGN §7): live staff workspace and citizen tracking page."""

from django.urls import path

from questions.consumers import CitizenConsumer, StaffConsumer

websocket_urlpatterns = [
    path("ws/staff/", StaffConsumer.as_asgi()),
    path("ws/track/<str:code>/", CitizenConsumer.as_asgi()),
]
