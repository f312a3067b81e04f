"""The login forms (workspace and admin) and the two-factor code form.

Both login forms are Django's, plus an optional code field. The password is checked by
``authenticate()`` through axes (:mod:`.throttling`); when axes has locked the client out,
the form says so instead of "wrong password". When the account has a second factor, the
code is required and checked (:func:`.two_factor.verify_code`); a wrong code counts as a
failed login. A verified device is left on ``user.otp_device``, which django-otp's
``user_logged_in`` receiver stores in the session.
"""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import throttling, two_factor

CODE_WIDGET_ATTRS = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "autocapitalize": "off",
    "spellcheck": "false",
    "maxlength": "20",
}


def code_field(*, required: bool, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=_("Authentication code"),
        required=required,
        max_length=20,
        help_text=help_text,
        widget=forms.TextInput(attrs=CODE_WIDGET_ATTRS),
    )


class SecondFactorLoginMixin:
    """Lockout message instead of "wrong password"; the code when the account has a device."""

    error_messages_2fa = {
        "code_required": _(
            "This account uses two-factor authentication: enter the 6-digit code from your "
            "authenticator app (or a backup code)."
        ),
        "code_invalid": _(
            "The authentication code is not right, or has already been used. Check that the "
            "time on your phone is correct and try the next code."
        ),
    }

    def clean(self):
        try:
            cleaned = super().clean()
        except ValidationError:
            if throttling.is_locked_out(self.request):
                raise ValidationError(throttling.lockout_message(), code="locked_out") from None
            raise
        user = self.get_user()
        if user is not None and two_factor.has_second_factor(user):
            self._check_code(user, cleaned.get("otp_token", ""))
        return cleaned

    def _check_code(self, user, code: str) -> None:
        if not code.strip():
            raise ValidationError(self.error_messages_2fa["code_required"], code="code_required")
        device = two_factor.verify_code(user=user, code=code)
        if device is None:
            if throttling.record_failure(request=self.request, username=user.get_username()):
                raise ValidationError(throttling.lockout_message(), code="locked_out")
            raise ValidationError(self.error_messages_2fa["code_invalid"], code="code_invalid")
        user.otp_device = device


class StaffLoginForm(SecondFactorLoginMixin, AuthenticationForm):
    otp_token = code_field(
        required=False,
        help_text=_(
            "Only if you have set up two-factor authentication: the 6-digit code from your "
            "authenticator app, or one of your backup codes."
        ),
    )


class AdminLoginForm(SecondFactorLoginMixin, AdminAuthenticationForm):
    otp_token = code_field(
        required=False,
        help_text=_("The 6-digit code from your authenticator app, if you have set one up."),
    )


class CodeForm(forms.Form):
    """One code: to confirm a new authenticator, or to verify an existing session."""

    otp_token = code_field(required=True)
