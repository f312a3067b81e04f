"""Reports API, under /api/v1/reports/ (app ``reports_api``)."""

from django.urls import path

from . import api

app_name = "reports_api"

urlpatterns = [
    path("timeliness/", api.TimelinessReportApi.as_view(), name="timeliness"),
    path("ranking/", api.RankingReportApi.as_view(), name="ranking"),
]
