"""Fixtures for the staff-account tests: login attempts from chosen addresses, TOTP codes.

Addresses are from the documentation ranges (RFC 5737): they only ever appear in
``REMOTE_ADDR``, which is where ``questions.ratelimit.client_ip`` finds the client when no
proxy is trusted.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.language import english_client

ADDRESS_A = "203.0.113.10"
ADDRESS_B = "198.51.100.20"
ADDRESS_C = "192.0.2.30"
RIGHT = "pw"  # tests/factories.make_staff's password
WRONG = "not-the-password"


@pytest.fixture(autouse=True)
def _limits(settings):
    """The shipped defaults, written out so that the tests read with their numbers."""
    settings.AXES_FAILURE_LIMIT = 5


def english() -> Client:
    return english_client()


def staff_login(client: Client, username: str, password: str, *, ip: str, code: str = ""):
    data = {"username": username, "password": password}
    if code:
        data["otp_token"] = code
    return client.post(reverse("workspace:login"), data, REMOTE_ADDR=ip)


def admin_login(client: Client, username: str, password: str, *, ip: str, code: str = ""):
    data = {"username": username, "password": password, "next": reverse("admin:index")}
    if code:
        data["otp_token"] = code
    return client.post(reverse("admin:login"), data, REMOTE_ADDR=ip)


def fail(times: int, username: str, *, ip: str, login=staff_login) -> None:
    for _ in range(times):
        response = login(english(), username, WRONG, ip=ip)
        assert response.status_code in (200, 429)


def logged_in_user_id(client: Client):
    return client.session.get("_auth_user_id")


def code_for(device: TOTPDevice, *, drift: int = 0) -> str:
    """The code the phone shows now (``drift`` steps of 30 s later or earlier)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


@pytest.fixture
def authenticator():
    """``authenticator(user)``: a confirmed TOTP device, as if enrolled earlier."""

    def make(user) -> TOTPDevice:
        return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)

    return make


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser(username="root", password=RIGHT)
