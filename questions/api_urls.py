"""API v1 routes (mounted at /api/v1/ by helpdesk/urls.py)."""

from django.urls import path

from . import api, api_intake

app_name = "api"

# One URL per staff transition, as the web workspace has one form per transition.
STAFF_ACTIONS = [
    ("route", api.RouteApi),
    ("reject", api.RejectApi),
    ("assign", api.AssignApi),
    ("transfer", api.TransferApi),
    ("request-clarification", api.RequestClarificationApi),
    ("draft", api.DraftApi),
    ("submit", api.SubmitApi),
    ("approve", api.ApproveApi),
    ("return", api.ReturnApi),
    ("publish", api.PublishApi),
    ("unpublish", api.UnpublishApi),
]

urlpatterns = [
    path("questions/", api.QuestionCreateApi.as_view(), name="question-create"),
    path(
        "questions/<str:tracking_code>/",
        api.QuestionDetailApi.as_view(),
        name="question-detail",
    ),
    path("archive/", api.ArchiveListApi.as_view(), name="archive-list"),
    path("archive/<int:pk>/", api.ArchiveDetailApi.as_view(), name="archive-detail"),
    # GET: the staff list; POST: the intake desk enters a question for a citizen.
    path("staff/questions/", api_intake.StaffQuestionsApi.as_view(), name="staff-question-list"),
    path(
        "staff/questions/<str:tracking_code>/",
        api.StaffQuestionDetailApi.as_view(),
        name="staff-question-detail",
    ),
    *(
        path(
            f"staff/questions/<str:tracking_code>/{action}/",
            view.as_view(),
            name=f"staff-question-{action}",
        )
        for action, view in STAFF_ACTIONS
    ),
]
