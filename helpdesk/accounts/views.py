"""Staff login and logout, and the two-factor page (enrol, verify a session, backup codes).

The views follow the house's four steps: who is asking, validate the form, call one function
of :mod:`.two_factor`, render. A lockout is HTTP 429 with the same page and a message.
"""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import throttling, two_factor
from .forms import CodeForm, StaffLoginForm

TEMPLATE = "workspace/two_factor.html"


class LoginView(auth_views.LoginView):
    template_name = "workspace/login.html"
    authentication_form = StaffLoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if throttling.is_locked_out(self.request):
            response.status_code = 429
        return response


class LogoutView(auth_views.LogoutView):
    pass


def _next_url(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


@login_required
def two_factor_page(request: HttpRequest) -> HttpResponse:
    """One page for the three states of an account's second factor:

    - no authenticator yet: enrol (scan the QR code, confirm with a code), then the backup
      codes are shown once;
    - an authenticator, but this session has not used it (a password-only session from before
      enrolment, or when 2FA became required): verify with a code;
    - verified: how many backup codes are left, and a button for new ones.
    """
    user = request.user
    context = {
        "next": _next_url(request),
        "required": two_factor.two_factor_required(user),
        "nav": "two_factor",
    }
    action = request.POST.get("action") if request.method == "POST" else None

    if not two_factor.has_second_factor(user):
        device = two_factor.totp_device_pending(user=user)
        form = CodeForm(request.POST if action == "enrol" else None)
        if action == "enrol" and form.is_valid():
            if two_factor.totp_device_confirm(device=device, code=form.cleaned_data["otp_token"]):
                otp_login(request, TOTPDevice.objects.get(pk=device.pk))
                codes = two_factor.backup_codes_issue(user=user)
                return render(request, TEMPLATE, {**context, "state": "codes", "codes": codes})
            form.add_error("otp_token", StaffLoginForm.error_messages_2fa["code_invalid"])
        return render(
            request,
            TEMPLATE,
            {
                **context,
                "state": "enrol",
                "form": form,
                "qr_svg": two_factor.qr_svg(device),
                "secret": two_factor.secret_for_typing(device),
            },
        )

    if not user.is_verified():
        form = CodeForm(request.POST if action == "verify" else None)
        if action == "verify" and form.is_valid():
            device = two_factor.verify_code(user=user, code=form.cleaned_data["otp_token"])
            if device is not None:
                otp_login(request, device)
                return redirect(context["next"] or "workspace:home")
            if throttling.record_failure(request=request, username=user.get_username()):
                logout(request)
                return render(
                    request,
                    TEMPLATE,
                    {**context, "state": "locked", "message": throttling.lockout_message()},
                    status=429,
                )
            form.add_error("otp_token", StaffLoginForm.error_messages_2fa["code_invalid"])
        return render(request, TEMPLATE, {**context, "state": "verify", "form": form})

    if action == "backup_codes":
        codes = two_factor.backup_codes_issue(user=user)
        return render(request, TEMPLATE, {**context, "state": "codes", "codes": codes})
    return render(
        request,
        TEMPLATE,
        {**context, "state": "enrolled", "codes_left": two_factor.backup_codes_left(user=user)},
    )
