"""The public transparency page, under /transparency/ (app ``transparency``): no login."""

from django.urls import path

from . import public_views

app_name = "transparency"

urlpatterns = [
    path("", public_views.transparency, name="home"),
]
