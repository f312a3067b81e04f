"""Outgoing channels' pages and endpoints: opt-out links, webhooks API, open data, Open311."""

from django.urls import path

from . import views

app_name = "channels"

urlpatterns = [
    path("stop/<str:token>/", views.stop, name="stop"),
]
