"""Two-factor authentication with django-otp: who needs it, checking a code, enrolling.

A staff member's second factor is a TOTP authenticator app (``TOTPDevice``, 6-digit codes
that change every 30 s) plus ten single-use backup codes for a lost phone (``StaticDevice``).
django-otp throttles each device (a growing delay after each wrong code) and refuses a TOTP
code used twice; a wrong code at login also counts as a failed login for axes
(:func:`helpdesk.accounts.throttling.record_failure`).

Required (``HELPDESK_REQUIRE_2FA``, on by default in production) for the roles that see or
decide the most: the intake desk, heads of unit, supervisors, administrators, and any Django
admin account (``is_staff`` / ``is_superuser``). Officers may enrol of their own accord.
"""

from __future__ import annotations

import re
from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from questions.access import staff_profile
from questions.models import Role

PRIVILEGED_ROLES = frozenset({Role.INTAKE, Role.HEAD, Role.SUPERVISOR, Role.ADMIN})
BACKUP_CODES = 10
TOTP_CODE = re.compile(r"\d{6}")


def two_factor_required(user) -> bool:
    """Whether this account may do nothing before its second factor is verified."""
    if not settings.HELPDESK_REQUIRE_2FA or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    profile = staff_profile(user)
    return profile is not None and profile.role in PRIVILEGED_ROLES


def has_second_factor(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def verify_code(*, user, code: str) -> Device | None:
    """The device that accepts ``code`` (6 digits: the app; otherwise a backup code), or None.

    The code's shape picks the device, so a typo in an app code never burns a throttle step
    on the backup codes (django-otp's own advice against trying every device in turn).
    """
    code = "".join(code.split()).lower()
    model = TOTPDevice if TOTP_CODE.fullmatch(code) else StaticDevice
    with transaction.atomic():
        device = model.objects.devices_for_user(user, confirmed=True).select_for_update().first()
        if device is not None and device.verify_token(code):
            return device
    return None


def totp_device_pending(*, user) -> TOTPDevice:
    """The authenticator being enrolled: the same one on every visit until it is confirmed, so
    a reloaded page shows the QR code the phone has already scanned."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, code: str) -> bool:
    """Confirm an enrolment with a code from the app; the user's older devices are removed."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token("".join(code.split())):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def backup_codes_issue(*, user) -> list[str]:
    """Ten new single-use backup codes; the old ones stop working. Shown once, stored as is
    (django-otp keeps static tokens in clear, like the TOTP secret itself)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def qr_svg(device: TOTPDevice) -> str:
    """The enrolment QR code as inline SVG markup: drawn on the server, so the page needs no
    script, no CDN and no ``data:`` image (which a strict ``img-src`` would block)."""
    import segno  # only where a code is drawn: not in every process that imports the views

    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=2, dark="#1b2a3a", title="QR"
    )


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for an app that cannot scan."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
