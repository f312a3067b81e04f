"""Login throttling on the staff login, the admin login and API tokens (issue 12).

Observed before: 60 wrong staff passwords in 15 s were all answered 200 and the right one then
logged in; the admin login and API tokens likewise. Now five failures for one account (from
any address) or from one address (for any account) block logging in, even with the right
password, for the cool-off period, with HTTP 429 and a message on the same login page.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from helpdesk import clock

from .conftest import (
    ADDRESS_A,
    ADDRESS_B,
    ADDRESS_C,
    RIGHT,
    admin_login,
    english,
    fail,
    logged_in_user_id,
    staff_login,
)

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed login attempts"


# --- Staff workspace login ------------------------------------------------------------------


def test_the_right_password_is_refused_after_five_wrong_ones(intake):
    fail(5, "intake", ip=ADDRESS_A)

    client = english()
    response = staff_login(client, "intake", RIGHT, ip=ADDRESS_A)

    assert response.status_code == 429
    assert logged_in_user_id(client) is None


def test_the_lockout_is_said_on_the_styled_login_page(intake):
    fail(5, "intake", ip=ADDRESS_A)

    response = staff_login(english(), "intake", RIGHT, ip=ADDRESS_A)

    assert response.templates[0].name == "workspace/login.html"
    assert LOCKED in response.content.decode()
    assert "blocked for 15 minutes" in response.content.decode()


def test_the_lockout_message_is_vietnamese_by_default(intake):
    fail(5, "intake", ip=ADDRESS_A)

    response = staff_login(Client(), "intake", RIGHT, ip=ADDRESS_A)

    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()


def test_four_wrong_passwords_do_not_stop_the_right_one(intake):
    fail(4, "intake", ip=ADDRESS_A)

    client = english()
    response = staff_login(client, "intake", RIGHT, ip=ADDRESS_A)

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(intake.pk)


def test_one_address_is_locked_out_whichever_accounts_it_tried(intake, supervisor, officer_land):
    fail(3, "intake", ip=ADDRESS_A)
    fail(2, "supervisor", ip=ADDRESS_A)

    refused = staff_login(english(), "officer_land", RIGHT, ip=ADDRESS_A)
    elsewhere = staff_login(english(), "officer_land", RIGHT, ip=ADDRESS_B)

    assert refused.status_code == 429
    assert elsewhere.status_code == 302


def test_one_account_is_locked_out_whichever_addresses_tried_it(intake, supervisor):
    fail(3, "intake", ip=ADDRESS_A)
    fail(2, "intake", ip=ADDRESS_B)

    refused = staff_login(english(), "intake", RIGHT, ip=ADDRESS_C)
    other_account = staff_login(english(), "supervisor", RIGHT, ip=ADDRESS_C)

    assert refused.status_code == 429
    assert other_account.status_code == 302


def test_the_lockout_ends_after_the_cool_off(intake):
    fail(5, "intake", ip=ADDRESS_A)

    with time_machine.travel(clock.now() + timedelta(minutes=16)):
        client = english()
        response = staff_login(client, "intake", RIGHT, ip=ADDRESS_A)

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(intake.pk)


def test_the_lockout_is_still_on_just_before_the_cool_off_ends(intake):
    fail(5, "intake", ip=ADDRESS_A)

    with time_machine.travel(clock.now() + timedelta(minutes=14)):
        response = staff_login(english(), "intake", RIGHT, ip=ADDRESS_A)

    assert response.status_code == 429


def test_the_failure_limit_is_a_setting(settings, intake):
    settings.AXES_FAILURE_LIMIT = 2
    fail(2, "intake", ip=ADDRESS_A)

    response = staff_login(english(), "intake", RIGHT, ip=ADDRESS_A)

    assert response.status_code == 429


# --- Django admin login -----------------------------------------------------------------------


def test_the_admin_login_refuses_the_right_password_after_five_wrong_ones(admin_user):
    fail(5, "root", ip=ADDRESS_A, login=admin_login)

    client = english()
    response = admin_login(client, "root", RIGHT, ip=ADDRESS_A)

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert logged_in_user_id(client) is None


def test_the_admin_and_the_workspace_share_one_count(admin_user):
    fail(3, "root", ip=ADDRESS_A, login=admin_login)
    fail(2, "root", ip=ADDRESS_B)

    response = admin_login(english(), "root", RIGHT, ip=ADDRESS_C)

    assert response.status_code == 429


def test_the_admin_login_still_works_below_the_limit(admin_user):
    fail(4, "root", ip=ADDRESS_A, login=admin_login)

    client = english()
    response = admin_login(client, "root", RIGHT, ip=ADDRESS_A)

    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


# --- API tokens --------------------------------------------------------------------------------


def _api(token: str, *, ip: str, language: str = "en"):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get(
        reverse("api:staff-question-list"), REMOTE_ADDR=ip, HTTP_ACCEPT_LANGUAGE=language
    )


def test_an_invalid_token_is_a_401_json_answer(intake):
    response = _api("0" * 40, ip=ADDRESS_A)

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


def test_invalid_tokens_from_one_address_are_throttled_with_429_json(intake):
    for attempt in range(4):
        assert _api(f"{attempt:040d}", ip=ADDRESS_A).status_code == 401

    response = _api("9" * 40, ip=ADDRESS_A)

    assert response.status_code == 429
    assert response.json()["detail"].startswith(LOCKED)
    assert int(response["Retry-After"]) == 15 * 60


def test_a_valid_token_from_a_locked_out_address_is_refused_too(intake):
    token = Token.objects.create(user=intake).key
    for attempt in range(5):
        _api(f"{attempt:040d}", ip=ADDRESS_A)

    assert _api(token, ip=ADDRESS_A).status_code == 429
    assert _api(token, ip=ADDRESS_B).status_code == 200


def test_the_throttled_token_answer_is_vietnamese_by_default(intake):
    for attempt in range(5):
        response = _api(f"{attempt:040d}", ip=ADDRESS_A, language="vi")

    assert response.status_code == 429
    assert response.json()["detail"].startswith("Đăng nhập sai quá nhiều lần")


def test_token_failures_recover_after_the_cool_off(intake):
    token = Token.objects.create(user=intake).key
    for attempt in range(5):
        _api(f"{attempt:040d}", ip=ADDRESS_A)

    with time_machine.travel(clock.now() + timedelta(minutes=16)):
        assert _api(token, ip=ADDRESS_A).status_code == 200


def test_every_api_view_that_takes_tokens_counts_the_invalid_ones():
    """A view listing DRF's plain TokenAuthentication would let token guessing go unthrottled."""
    from django.urls import get_resolver
    from rest_framework.authentication import TokenAuthentication

    from helpdesk.accounts.throttling import LockoutTokenAuthentication

    def views(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from views(pattern.url_patterns)
            else:
                yield getattr(pattern.callback, "cls", None)

    token_classes = {
        auth
        for view in views(get_resolver().url_patterns)
        if view is not None
        for auth in getattr(view, "authentication_classes", [])
        if issubclass(auth, TokenAuthentication)
    }
    assert token_classes == {LockoutTokenAuthentication}
