"""Send a privileged account without a verified second factor to the two-factor page.

Only when ``HELPDESK_REQUIRE_2FA`` is on (otherwise this costs nothing: not even the session
is read). "Before anything else" is literal: every page but the two-factor page itself,
logout, the language switch and static files redirects there, and a session-authenticated
API call gets 403 JSON. Token-authenticated API calls are untouched (a token is issued by an
administrator to an integration, not typed by a person).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .two_factor import two_factor_required


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.HELPDESK_REQUIRE_2FA and self._must_verify(request):
            if request.path_info.startswith("/api/"):
                return JsonResponse(
                    {
                        "detail": _(
                            "Two-factor authentication is required for this account: set it "
                            "up in the staff workspace first."
                        )
                    },
                    status=403,
                )
            page = reverse("workspace:two_factor")
            return HttpResponseRedirect(f"{page}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _must_verify(self, request: HttpRequest) -> bool:
        if self._exempt(request.path_info):
            return False
        user = request.user
        return user.is_authenticated and not user.is_verified() and two_factor_required(user)

    @staticmethod
    def _exempt(path: str) -> bool:
        if path.startswith(settings.STATIC_URL):
            return True
        return path in {
            reverse("workspace:two_factor"),
            reverse("workspace:logout"),
            reverse("workspace:login"),
            reverse("admin:logout"),
            reverse("set_language"),
        }
