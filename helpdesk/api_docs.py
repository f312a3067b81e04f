"""The API's schema and its interactive page, loaded on their first request.

drf-spectacular's views import its schema generator, and with it ``rest_framework.test`` and
``django.test`` (4.5 MB per process, decision 0019): every web and task worker would hold
them, since any ``reverse()`` loads the URLconf, though only a visitor of ``/api/schema/`` or
``/api/docs/`` needs them. The URLconf names these two functions; the classes are built on
their first call.
"""

from functools import cache

from django.http import HttpRequest, HttpResponse


def schema(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return _schema_view()(request, *args, **kwargs)


def docs(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return _docs_view()(request, *args, **kwargs)


@cache
def _schema_view():
    from drf_spectacular.views import SpectacularAPIView

    return SpectacularAPIView.as_view()


@cache
def _docs_view():
    from csp.decorators import csp_update
    from django.utils.decorators import method_decorator
    from drf_spectacular.views import SpectacularSwaggerSplitView

    @method_decorator(csp_update({"img-src": ["data:"]}), name="dispatch")
    class ApiDocsView(SpectacularSwaggerSplitView):
        """The interactive API page (Swagger UI, served from drf-spectacular-sidecar).

        The split view serves Swagger UI's start-up script as a file of its own instead of
        inline, and our template takes its inline style to a file, so the site-wide CSP holds
        here too. The one addition: Swagger UI's stylesheet draws its icons as ``data:`` SVG
        images.
        """

        template_name = "api/swagger_ui.html"

    return ApiDocsView.as_view(url_name="api-schema")
