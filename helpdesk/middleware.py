"""Response headers that depend on which part of the site answered (docs/decisions/0013).

One place for the rule instead of a decorator on each view, so that a view added later to
a private URL group is private without anyone remembering to say so.
"""

from __future__ import annotations

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

# URL groups whose every answer is someone's private business: a citizen's tracking pages and
# receipt (they show the question, the contact details, the private link), the staff
# workspace and supervision with its exports, the Django admin, and the citizen and staff API.
PRIVATE_PREFIXES = (
    "/track/",
    "/receipt/",
    "/ask/",
    "/staff/",
    "/admin/",
    "/api/v1/questions/",
    "/api/v1/staff/",
    "/api/v1/reports/",
    "/api/v1/routing/",
)
API_PREFIX = "/api/"

# Powerful browser features the site never uses; denying them means injected or framed code
# cannot ask for them either. Only names Chromium and Firefox know (others log warnings).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


def is_private(request: HttpRequest) -> bool:
    if request.path_info.startswith(PRIVATE_PREFIXES):
        return True
    # Whatever the API tells a caller with credentials (a session, a token) may be for that
    # caller only. Judged from the request, not from request.user: no session lookup, and
    # nothing synchronous to run on the async path.
    if request.path_info.startswith(API_PREFIX):
        return settings.SESSION_COOKIE_NAME in request.COOKIES or "authorization" in request.headers
    return False


class SecurityHeadersMiddleware:
    """``Cache-Control: no-store`` on private pages; a Permissions-Policy everywhere.

    No browser, proxy or back/forward cache may keep a copy of a private page: on a shared
    computer in a commune office, the next person must not find the last one's question by
    pressing Back. The public archive keeps normal caching.
    """

    # Both, so that under ASGI (daphne, uvicorn) it adds no thread hop to every request.
    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest):
        if iscoroutinefunction(self):
            return self._acall(request)
        return self._headers(request, self.get_response(request))

    async def _acall(self, request: HttpRequest) -> HttpResponse:
        return self._headers(request, await self.get_response(request))

    @staticmethod
    def _headers(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        # A view that already said no-store has said it; the rest get Django's full set.
        if is_private(request) and "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
