"""Staff supervision pages, under /staff/supervision/ (app ``supervision``)."""

from django.urls import path, re_path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.dashboard_export, name="dashboard_export"),
    path("questions/", views.questions_list, name="questions"),
    re_path(
        r"^questions/export\.(?P<fmt>csv|xlsx)$", views.questions_export, name="questions_export"
    ),
    path("ranking/", views.ranking, name="ranking"),
]
