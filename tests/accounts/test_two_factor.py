"""Two-factor authentication (TOTP, django-otp) for staff (issue 12: there was none).

Required, when ``HELPDESK_REQUIRE_2FA`` is on, for the intake desk, heads of unit,
supervisors, administrators and Django admin accounts; officers may enrol of their own accord.
Codes are computed here as the phone would (``django_otp.oath.totp``).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from helpdesk import clock
from helpdesk.accounts.admin_site import HelpdeskAdminSite

from .conftest import (
    ADDRESS_A,
    RIGHT,
    admin_login,
    code_for,
    english,
    logged_in_user_id,
    staff_login,
)

pytestmark = pytest.mark.django_db

TWO_FACTOR = "workspace:two_factor"


@pytest.fixture
def required(settings):
    settings.HELPDESK_REQUIRE_2FA = True


def _logged_in(username: str):
    client = english()
    response = staff_login(client, username, RIGHT, ip=ADDRESS_A)
    assert response.status_code == 302, response.content
    return client


def _enrol(client, user) -> list[str]:
    """Open the page, read the pending device's key as the phone would, send its code."""
    client.get(reverse(TWO_FACTOR))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse(TWO_FACTOR), {"action": "enrol", "otp_token": code_for(device)})
    assert response.context["state"] == "codes"
    return response.context["codes"]


# --- Who must enrol ------------------------------------------------------------------------------


def test_an_intake_user_without_a_device_is_sent_to_enrolment_first(required, intake):
    client = _logged_in("intake")

    response = client.get(reverse("workspace:intake"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse(TWO_FACTOR))
    assert "next=%2Fstaff%2Fintake%2F" in response["Location"]


@pytest.mark.parametrize("who", ["head_land", "supervisor"])
def test_heads_and_supervisors_must_enrol_too(required, staff, who):
    client = _logged_in(who)

    response = client.get(reverse("workspace:inbox"))

    assert response["Location"].startswith(reverse(TWO_FACTOR))


def test_an_officer_is_not_forced_to_enrol(required, officer_land):
    client = _logged_in("officer_land")

    assert client.get(reverse("workspace:inbox")).status_code == 200


def test_nobody_is_forced_when_2fa_is_not_required(settings, intake):
    settings.HELPDESK_REQUIRE_2FA = False
    client = _logged_in("intake")

    assert client.get(reverse("workspace:intake")).status_code == 200


def test_the_enrolment_page_shows_a_qr_code_drawn_on_the_server(required, intake):
    client = _logged_in("intake")

    response = client.get(reverse(TWO_FACTOR))

    page = response.content.decode()
    assert "<svg" in page
    assert "<script" not in page.split("<main", 1)[-1]
    assert response.context["secret"].replace(" ", "")


def test_a_session_api_call_before_enrolment_is_refused_with_403_json(required, intake):
    client = _logged_in("intake")

    response = client.get(reverse("api:staff-question-list"))

    assert response.status_code == 403
    assert "Two-factor authentication is required" in response.json()["detail"]


def test_citizen_pages_are_not_affected(required, intake):
    assert english().get(reverse("questions:home")).status_code == 200


# --- Enrolment -----------------------------------------------------------------------------------


def test_enrolment_with_a_code_from_the_app_opens_the_workspace(required, intake):
    client = _logged_in("intake")

    codes = _enrol(client, intake)

    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=intake).confirmed
    assert client.get(reverse("workspace:intake")).status_code == 200


def test_a_wrong_code_at_enrolment_is_refused(required, intake):
    client = _logged_in("intake")
    client.get(reverse(TWO_FACTOR))
    device = TOTPDevice.objects.get(user=intake)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

    response = client.post(reverse(TWO_FACTOR), {"action": "enrol", "otp_token": wrong})

    assert response.context["state"] == "enrol"
    assert "not right" in response.content.decode()
    assert not TOTPDevice.objects.get(user=intake).confirmed
    assert client.get(reverse("workspace:intake")).status_code == 302


def test_an_officer_may_enrol_of_their_own_accord(officer_land):
    client = _logged_in("officer_land")

    _enrol(client, officer_land)

    assert TOTPDevice.objects.get(user=officer_land).confirmed


# --- Logging in with the second factor ---------------------------------------------------------


def test_login_asks_for_the_code_once_a_device_is_set_up(intake, authenticator):
    authenticator(intake)
    client = english()

    response = staff_login(client, "intake", RIGHT, ip=ADDRESS_A)

    assert response.status_code == 200
    assert "enter the 6-digit code" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_password_and_the_right_code_log_in_verified(required, intake, authenticator):
    device = authenticator(intake)
    client = english()

    response = staff_login(client, "intake", RIGHT, ip=ADDRESS_A, code=code_for(device))

    assert response.status_code == 302
    assert client.get(reverse("workspace:intake")).status_code == 200


def test_a_wrong_code_is_refused(intake, authenticator):
    device = authenticator(intake)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    client = english()

    response = staff_login(client, "intake", RIGHT, ip=ADDRESS_A, code=wrong)

    assert "not right" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_a_code_cannot_be_used_twice(intake, authenticator):
    device = authenticator(intake)
    code = code_for(device)
    staff_login(english(), "intake", RIGHT, ip=ADDRESS_A, code=code)
    client = english()

    response = staff_login(client, "intake", RIGHT, ip=ADDRESS_A, code=code)

    assert logged_in_user_id(client) is None
    assert "already been used" in response.content.decode()


def test_wrong_codes_count_towards_the_lockout(intake, authenticator):
    device = authenticator(intake)
    for attempt in range(5):
        with time_machine.travel(clock.now() + timedelta(seconds=10 * attempt), tick=False):
            staff_login(english(), "intake", RIGHT, ip=ADDRESS_A, code="000000")

    with time_machine.travel(clock.now() + timedelta(minutes=2)):
        response = staff_login(english(), "intake", RIGHT, ip=ADDRESS_A, code=code_for(device))

    assert response.status_code == 429


def test_a_backup_code_logs_in_once(intake):
    client = _logged_in("intake")
    codes = _enrol(client, intake)

    first, again = english(), english()
    staff_login(first, "intake", RIGHT, ip=ADDRESS_A, code=codes[0].upper())
    staff_login(again, "intake", RIGHT, ip=ADDRESS_A, code=codes[0])

    assert logged_in_user_id(first) == str(intake.pk)
    assert logged_in_user_id(again) is None
    assert StaticToken.objects.filter(device__user=intake).count() == 9


def test_a_password_only_session_is_asked_for_the_code(required, intake, authenticator, client):
    device = authenticator(intake)
    client.force_login(intake)  # e.g. a session from before 2FA became required

    redirected = client.get(reverse("workspace:intake"))
    verified = client.post(
        reverse(TWO_FACTOR),
        {"action": "verify", "otp_token": code_for(device), "next": reverse("workspace:intake")},
    )

    assert redirected["Location"].startswith(reverse(TWO_FACTOR))
    assert verified["Location"] == reverse("workspace:intake")
    assert client.get(reverse("workspace:intake")).status_code == 200


# --- The Django admin ------------------------------------------------------------------------


def test_the_admin_needs_the_code_of_an_admin_with_a_device(admin_user, authenticator):
    authenticator(admin_user)
    client = english()

    response = admin_login(client, "root", RIGHT, ip=ADDRESS_A)

    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_the_admin_opens_with_password_and_code(required, admin_user, authenticator):
    device = authenticator(admin_user)
    client = english()

    admin_login(client, "root", RIGHT, ip=ADDRESS_A, code=code_for(device))

    assert client.get(reverse("admin:index")).status_code == 200


def test_an_admin_without_a_device_is_sent_to_enrolment(required, admin_user):
    client = english()
    admin_login(client, "root", RIGHT, ip=ADDRESS_A)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse(TWO_FACTOR))


def test_the_admin_refuses_an_unverified_session_when_2fa_is_required(required, admin_user):
    request = RequestFactory().get("/admin/")
    admin_user.is_verified = lambda: False
    request.user = admin_user

    assert not HelpdeskAdminSite().has_permission(request)


def test_an_administrator_can_remove_a_lost_phone_in_the_admin(admin_user, intake, authenticator):
    device = authenticator(intake)
    admin_device = authenticator(admin_user)
    client = english()
    admin_login(client, "root", RIGHT, ip=ADDRESS_A, code=code_for(admin_device))

    response = client.post(
        reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=intake).exists()
