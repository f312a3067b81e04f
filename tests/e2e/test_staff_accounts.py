"""Staff accounts in a real browser: the lockout message on the login page, and enrolling an
authenticator app when two-factor authentication is required (decision 0011)."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.conftest import code_for

pytestmark = pytest.mark.django_db(transaction=True)


def _submit_login(page, username: str, password: str) -> None:
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_the_login_page_says_why_the_right_password_is_refused(new_page, screenshot, intake):
    page = new_page()
    page.goto("/staff/login/")
    for _ in range(5):
        _submit_login(page, "intake", "wrong")

    _submit_login(page, "intake", "pw")

    alert = page.locator("main .form-errors")
    assert "Đăng nhập sai quá nhiều lần" in alert.inner_text()
    assert re.search(r"/staff/login/", page.url)
    screenshot(page, "accounts-login-locked-out")


def test_an_intake_user_enrols_an_authenticator_at_first_login(
    new_page, screenshot, settings, intake
):
    settings.HELPDESK_REQUIRE_2FA = True
    page = new_page()
    page.goto("/staff/login/")
    _submit_login(page, "intake", "pw")
    page.goto("/staff/intake/")

    assert "/staff/two-factor/" in page.url
    assert page.locator("main .qr svg").is_visible()
    screenshot(page, "accounts-two-factor-enrol")

    device = TOTPDevice.objects.get(user=intake)
    page.fill("#id_otp_token", code_for(device))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("main .backup-codes li").count() == 10
    screenshot(page, "accounts-two-factor-backup-codes")

    page.click("main a.button")
    page.wait_for_url(re.compile(r"/staff/intake/$"))
