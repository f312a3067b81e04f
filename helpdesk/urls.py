from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from helpdesk import api_docs
from helpdesk.favicon import favicon

admin.site.site_header = _("Hỏi – Đáp administration")
admin.site.site_title = _("Hỏi – Đáp")

urlpatterns = [
    path("", include("questions.urls")),
    path("staff/supervision/", include("helpdesk.supervision.urls")),
    path("staff/", include("helpdesk.workspace.urls")),
    path("api/v1/", include("questions.api_urls")),
    path("api/v1/routing/", include("questions.routing_api")),
    path("api/v1/reports/", include("helpdesk.supervision.api_urls")),
    path("transparency/", include("helpdesk.supervision.public_urls")),
    path("", include("questions.archive_urls")),
    path("", include("questions.channels.urls")),
    path("api/schema/", api_docs.schema, name="api-schema"),
    path("api/docs/", api_docs.docs, name="api-docs"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Asked for by browsers and feed readers on their own, whatever the page says.
    path("favicon.ico", favicon, name="favicon"),
]

# Styled, translated error pages for people; JSON under /api/ (helpdesk/errors.py).
handler400 = "helpdesk.errors.bad_request"
handler403 = "helpdesk.errors.permission_denied"
handler404 = "helpdesk.errors.page_not_found"
handler500 = "helpdesk.errors.server_error"
