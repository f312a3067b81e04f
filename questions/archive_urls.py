from django.contrib.sitemaps.views import sitemap
from django.urls import path

from .feeds import NewAnswersFeed
from .similar_api import SimilarApi
from .sitemaps import SITEMAPS

app_name = "archive"

# The archive's feed, sitemap and live suggestions. Included at "" by helpdesk/urls.py, after
# questions.urls and the API: these paths are the ones those leave free.
urlpatterns = [
    path("archive/feed/", NewAnswersFeed(), name="feed"),
    path("api/v1/archive/similar/", SimilarApi.as_view(), name="similar-api"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
