from django.urls import path

from helpdesk.accounts import views as account_views

from . import intake_views, queue_views, views

app_name = "workspace"

urlpatterns = [
    path("login/", account_views.LoginView.as_view(), name="login"),
    path("logout/", account_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", account_views.two_factor_page, name="two_factor"),
    path("", views.home, name="home"),
    path("intake/", queue_views.intake, name="intake"),
    path("intake/<str:code>/", queue_views.intake_actions, name="intake_actions"),
    path("inbox/", views.inbox, name="inbox"),
    path("new/", intake_views.enter_question, name="enter_question"),
    path("new/<str:code>/receipt/", intake_views.receipt, name="intake_receipt"),
    path("q/<str:code>/", views.question_detail, name="question"),
    path("q/<str:code>/publish/", views.publish, name="publish"),
    path("q/<str:code>/contact/", views.show_contact, name="show_contact"),
    path("q/<str:code>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("q/<str:code>/start-from/", views.start_from, name="start_from"),
    path("q/<str:code>/insert-template/", views.insert_template, name="insert_template"),
    path("q/<str:code>/extension/", views.extension_request, name="extension_request"),
    path(
        "q/<str:code>/extension/<int:extension_id>/decide/",
        views.extension_decide,
        name="extension_decide",
    ),
    # One POST endpoint per action, named after it: workspace:route, workspace:approve, …
    *(
        path(f"q/<str:code>/{action}/", views.question_action, {"action": action}, name=action)
        for action in views.ACTIONS
    ),
]
