from django.urls import path

from . import data_requests, downloads, views

app_name = "questions"

urlpatterns = [
    path("", views.home, name="home"),
    path("ask/", views.ask, name="ask"),
    path("ask/thanks/", views.thanks, name="thanks"),
    path("receipt/<str:code>/", views.receipt, name="receipt"),
    path("receipt/<str:code>/print/", views.receipt_print, name="receipt_print"),
    path("track/", views.lookup, name="lookup"),
    path("track/lost-link/", views.lost_link, name="lost_link"),
    path("track/<str:code>/", views.track, name="track"),
    path("track/<str:code>/reply/", views.reply, name="reply"),
    path("track/<str:code>/withdraw/", views.withdraw, name="withdraw"),
    path("track/<str:code>/rate/", views.rate, name="rate"),
    path("track/<str:code>/reopen/", views.reopen, name="reopen"),
    path("track/<str:code>/withdraw-consent/", views.withdraw_consent, name="withdraw_consent"),
    path("track/<str:code>/attachments/<int:pk>/", downloads.attachment, name="attachment"),
    path("track/<str:code>/my-data/", data_requests.my_data, name="my_data"),
    path(
        "track/<str:code>/my-data/download/",
        data_requests.my_data_download,
        name="my_data_download",
    ),
    path("track/<str:code>/my-data/erase/", data_requests.erase, name="erase"),
    path("archive/", views.archive, name="archive"),
    path("archive/<int:pk>/", views.archive_detail, name="archive_detail"),
]
