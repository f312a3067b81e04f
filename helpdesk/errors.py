"""Error responses a person or a program can act on (docs/decisions/0013-web-hardening.md).

Django's own error pages are bare English, and its CSRF page talks about DEBUG. Here:

* HTML paths get styled, translated pages with a way on (``400.html`` … ``500.html``);
* API paths (``/api/``) get DRF-shaped JSON, ``{"detail": "…"}``, whatever failed, so a
  client never has to parse an HTML error page;
* a form whose CSRF check fails loses nothing: the citizen's ask form comes back filled in,
  with a fresh token, to be sent again (docs/design.md#quality-bars, "no question is ever lost").

``server_error`` renders ``500.html`` without a request context: the request, the session or
the database may be what failed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def api_error(detail: str, *, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def too_large_message() -> str:
    megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return _("The request is too large: at most %(size)s MB of text may be sent at once.") % {
        "size": megabytes
    }


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        # Django files an oversized body under "bad request"; HTTP has a status of its own.
        if is_api(request):
            return api_error(too_large_message(), status=413)
        return _standalone("413.html", status=413)
    if is_api(request):
        return api_error(_("The request could not be understood."), status=400)
    return _standalone("400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return api_error(_("You do not have permission to perform this action."), status=403)
    return render(request, "403.html", {"back": _safe_referer(request)}, status=403)


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    """The staff pages' 403 (workspace, supervision): why, and a way back to the workspace.

    One page for both, in the workspace's frame; the public site's 403 is ``403.html``.
    """
    return render(request, "workspace/forbidden.html", {"message": message}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return api_error(_("Not found."), status=404)
    return render(request, "404.html", {"tracking": _is_tracking_path(request)}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return api_error(_("A server error occurred. Please try again later."), status=500)
    return _standalone("500.html", status=500)


def _standalone(template_name: str, *, status: int) -> HttpResponse:
    # No request context: nothing the failed request carries (session, user, database) is
    # touched while telling the person something went wrong.
    return HttpResponse(loader.get_template(template_name).render(), status=status)


# --- CSRF ----------------------------------------------------------------------------------------


@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """settings.CSRF_FAILURE_VIEW: an expired or tokenless form post.

    Most often the page stayed open past the session, or cookies were cleared: the person did
    nothing wrong. The ask form is shown again with what they typed and a fresh token (set by
    the CSRF middleware on the way out), so one click sends the question; nothing was stored.
    """
    if is_api(request):
        return api_error(_("CSRF check failed: reload the page and try again."), status=403)
    if _view_name(request) == "questions:ask":
        return _ask_form_again(request)
    return render(request, "403_csrf.html", {"back": _safe_referer(request)}, status=403)


def _ask_form_again(request: HttpRequest) -> HttpResponse:
    from questions.forms import AskForm

    # The post as the citizen typed it; the nonce is kept, so if an earlier click did store
    # this question, sending again returns that receipt instead of a duplicate.
    form = AskForm(request.POST)
    form.is_valid()
    form.add_error(
        None,
        _(
            "The page had expired, so your question was not sent yet. Check it below and send "
            "it again; attachments must be chosen again."
        ),
    )
    return render(request, "questions/ask.html", {"form": form}, status=403)


def _view_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


def _is_tracking_path(request: HttpRequest) -> bool:
    # A citizen's private pages: the 404 there is about the code and link, not a lost page.
    return request.path_info.startswith(("/track/", "/receipt/"))


def _safe_referer(request: HttpRequest) -> str | None:
    """The page the person came from, when it is one of ours (never an open redirect)."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None
