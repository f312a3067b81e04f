"""Login throttling with django-axes, on every way into a staff account.

Failed attempts are rows in the database (``axes.AccessAttempt``), so the limit holds across
server processes without Redis. Two counters apply at once (:func:`lockout_parameters`): the
failures for one account, from any address, and the failures from one address, for any
account. When either reaches ``AXES_FAILURE_LIMIT`` within ``AXES_COOLOFF_TIME``, logging in
is refused (even with the right password) until the cool-off has passed since the last
failure. The client address comes from ``questions.ratelimit.client_ip``, the one function
that knows which proxies to trust.

- Workspace and admin logins call ``authenticate(request, ...)``: :class:`LoginThrottleBackend`
  refuses a locked-out client before any password is checked, and axes' signal receiver
  counts each failure. The forms (:mod:`.forms`) then say why; the views answer 429.
- API tokens never pass through ``authenticate()``: :class:`LockoutTokenAuthentication`
  counts invalid tokens against the client's address and answers 429 JSON once it is locked.
"""

from __future__ import annotations

import math

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessBase
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django.utils.translation import ngettext
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed, Throttled


class LoginThrottleBackend(AxesStandaloneBackend):
    """axes' gatekeeper, first in ``AUTHENTICATION_BACKENDS``; ModelBackend checks passwords.

    axes raises when ``authenticate()`` is called without a request. Only code with no client
    does that (a management command, the test client's ``login()``): there is no address or
    form to throttle, so this backend stands aside. Every HTTP login path passes its request;
    tests/accounts proves it for the workspace and the admin.
    """

    def authenticate(self, request: HttpRequest | None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def lockout_parameters(request_or_attempt, credentials: dict | None = None) -> list[str]:
    """Count per account and per address; an attempt without a username (an API token) counts
    only against its address, so anonymous failures never pile up on one shared "no name"."""
    if isinstance(request_or_attempt, AccessBase):
        username = request_or_attempt.username
    else:
        username = get_client_username(request_or_attempt, credentials)
    return ["username", "ip_address"] if username else ["ip_address"]


def cooloff_minutes() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_message() -> str:
    minutes = cooloff_minutes()
    return ngettext(
        "Too many failed login attempts. Logging in is blocked for %(minutes)d minute after "
        "the last attempt, even with the right password. Try again later, or ask an "
        "administrator to unlock the account.",
        "Too many failed login attempts. Logging in is blocked for %(minutes)d minutes after "
        "the last attempt, even with the right password. Try again later, or ask an "
        "administrator to unlock the account.",
        minutes,
    ) % {"minutes": minutes}


def is_locked_out(request: HttpRequest | None) -> bool:
    """Whether axes refused or locked this request during ``authenticate()``."""
    return bool(getattr(request, "axes_locked_out", False))


def record_failure(*, request: HttpRequest, username: str | None) -> bool:
    """Count a failed second step (a wrong code) like a failed password; True once locked."""
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
    return is_locked_out(request)


class LoginThrottled(Throttled):
    default_code = "login_throttled"

    def __init__(self) -> None:
        # The message already says how long; ``wait`` only feeds the Retry-After header (set
        # after the constructor, which would otherwise append "Expected available in …").
        super().__init__(detail=lockout_message())
        self.wait = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds())


class LockoutTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, throttled per client address like a login.

    An invalid token is a failed login without a username: it counts against the address.
    From a locked-out address every token, valid or not, gets 429 until the cool-off has
    passed, so guessing tokens teaches nothing. Refused requests are not counted again: the
    lockout runs out ``AXES_COOLOFF_TIME`` after the last real attempt.
    """

    def authenticate(self, request):
        if not self._carries_token(request):
            return None  # no token: nothing to throttle; the next class or a 401 follows
        http_request = request._request
        credentials = {"username": None}
        if not AxesProxyHandler.is_allowed(http_request, credentials):
            raise LoginThrottled()
        try:
            return super().authenticate(request)
        except AuthenticationFailed:
            user_login_failed.send(sender=type(self), credentials=credentials, request=http_request)
            if is_locked_out(http_request):
                raise LoginThrottled() from None
            raise

    def _carries_token(self, request) -> bool:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        return header.split(" ", 1)[0].lower() == self.keyword.lower()
