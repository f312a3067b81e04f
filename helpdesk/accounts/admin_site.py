"""The Django admin: logins throttled like the workspace, and the second factor when required.

This is ``admin.site`` (see :mod:`.apps`). Its login form is :class:`.forms.AdminLoginForm`
(password through axes, the code when the account has a device). When two-factor
authentication is required, only a session verified by a device may use the admin, as with
django-otp's ``OTPAdminSite``; an admin account without a device is sent by the middleware
to the workspace's two-factor page to enrol.
"""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.http import HttpRequest

from . import throttling
from .forms import AdminLoginForm
from .two_factor import two_factor_required


class HelpdeskAdminSite(AdminSite):
    login_form = AdminLoginForm
    login_template = "admin/helpdesk_login.html"

    def has_permission(self, request: HttpRequest) -> bool:
        if not super().has_permission(request):
            return False
        return not two_factor_required(request.user) or request.user.is_verified()

    def login(self, request: HttpRequest, extra_context=None):
        response = super().login(request, extra_context)
        if throttling.is_locked_out(request):
            response.status_code = 429
        return response
