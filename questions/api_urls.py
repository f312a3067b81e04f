"""API v1 routes (mounted at /api/v1/ by helpdesk/urls.py)."""

from django.urls import path

from . import api, api_intake, transitions

app_name = "api"

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
    # One URL per move of the catalogue, as the web has one form per move: the staff's under
    # staff/questions/<code>/<move>/, the asker's under questions/<code>/<move>/.
    *(
        path(
            f"staff/questions/<str:tracking_code>/{row.slug}/",
            api.ACTION_VIEWS[row.name].as_view(),
            name=f"staff-question-{row.slug}",
        )
        for row in transitions.STAFF_TRANSITIONS
    ),
    *(
        path(
            f"questions/<str:tracking_code>/{row.slug}/",
            api.ACTION_VIEWS[row.name].as_view(),
            name=f"question-{row.slug}",
        )
        for row in transitions.CITIZEN_TRANSITIONS
    ),
]
