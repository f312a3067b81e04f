"""Response headers that depend on which part of the site answered (docs/decisions/0013).

One place for the rule instead of a decorator on each view, so that a view added later to
a private URL group is private without anyone remembering to say so.
"""

from __future__ import annotations

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.deprecation import MiddlewareMixin

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


def chosen_language(request: HttpRequest) -> str | None:
    """The language the visitor chose with the switch (Django's set_language cookie), if any."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:  # a cookie for a language the site does not speak
        return None


# The API documentation is a page for people, and its schema is what that page shows: both
# follow the switch like every page (a program wanting another language adds ?lang=en).
API_DOCS_PATHS = ("/api/docs/", "/api/schema/")


def _reads_accept_language(request: HttpRequest) -> bool:
    path = request.path_info
    return path.startswith(API_PREFIX) and not path.startswith(API_DOCS_PATHS)


class LanguageMiddleware(MiddlewareMixin):
    """Vietnamese unless the visitor chose English: the browser's Accept-Language is not asked.

    Django's LocaleMiddleware would serve English to every browser set up in English — most
    computers in a commune office, many phones — on a Vietnamese government portal whose
    reference language is Vietnamese (ND 42/2022: English is the second language). A page is
    therefore Vietnamese until the language switch is used; the switch posts to Django's
    set_language view, whose cookie remembers the choice (docs/decisions/0024).

    The API is different: an integrator sets Accept-Language on purpose to read the API's
    messages in its language, so under /api/ the header still counts, after the cookie —
    except for the API's documentation page and the schema it shows.
    """

    def process_request(self, request: HttpRequest) -> None:
        language = chosen_language(request)
        if language is None and _reads_accept_language(request):
            language = translation.get_language_from_request(request)
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        # Caches keep one copy per language cookie (and per header under /api/).
        vary = ["Cookie"]
        if _reads_accept_language(request):
            vary.append("Accept-Language")
        patch_vary_headers(response, vary)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """gzip for the public pages and API only (docs/decisions/0024).

    Compressing a page that holds a secret and reflects what an attacker sends lets the
    attacker guess the secret from the compressed size (BREACH). The public pages hold no
    secret but the CSRF token, which Django masks afresh on every response, and Django adds
    random bytes to each gzip stream (Heal the BREACH). The private pages (a citizen's
    tracking page with its link's token, the staff workspace with askers' contacts and search
    boxes) are left uncompressed: they are few and small, and a secret is what they hold.
    Static files never come here: WhiteNoise answers them first, precompressed (gzip and
    Brotli) by collectstatic.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if is_private(request):
            return response
        return super().process_response(request, response)
