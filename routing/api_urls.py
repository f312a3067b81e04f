"""Routing API routes (mounted at /api/v1/routing/ by helpdesk/urls.py)."""

from django.urls import re_path

from . import api

app_name = "routing_api"

urlpatterns = [
    # With or without the trailing slash: a POST cannot follow APPEND_SLASH's redirect.
    re_path(r"^suggest/?$", api.RoutingSuggestApi.as_view(), name="suggest"),
]
