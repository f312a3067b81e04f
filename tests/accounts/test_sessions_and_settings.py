"""Short staff sessions (issue 12: they lasted 14 days) and the settings that drive accounts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.urls import reverse

from helpdesk import clock

from .conftest import ADDRESS_A, RIGHT, english, staff_login

ROOT = Path(__file__).resolve().parents[2]


def test_a_session_lasts_eight_hours_by_default():
    assert django_settings.SESSION_COOKIE_AGE == 8 * 3600


@pytest.mark.django_db
def test_a_staff_session_ends_with_the_browser(intake):
    client = english()
    staff_login(client, "intake", RIGHT, ip=ADDRESS_A)

    assert client.session.get_expire_at_browser_close()
    assert client.cookies["sessionid"]["expires"] == ""
    assert client.session.get_expiry_age() == 8 * 3600


@pytest.mark.django_db
def test_a_staff_session_is_over_after_the_configured_hours(intake):
    client = english()
    staff_login(client, "intake", RIGHT, ip=ADDRESS_A)

    with time_machine.travel(clock.now() + timedelta(hours=8, minutes=1)):
        response = client.get(reverse("workspace:home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("workspace:login"))


@pytest.mark.django_db
def test_a_staff_session_is_still_open_within_the_hours(intake):
    client = english()
    staff_login(client, "intake", RIGHT, ip=ADDRESS_A)

    with time_machine.travel(clock.now() + timedelta(hours=7, minutes=59)):
        assert client.get(reverse("workspace:home")).status_code == 200


def _settings_with(env: dict[str, str]) -> dict:
    """Import the settings in a fresh interpreter with these variables (and nothing else of
    ours), and return the account-related values."""
    script = (
        "import json; from helpdesk import settings as s; print(json.dumps({"
        "'limit': s.AXES_FAILURE_LIMIT, 'cooloff': s.AXES_COOLOFF_TIME.total_seconds(),"
        "'age': s.SESSION_COOKIE_AGE, 'require_2fa': s.HELPDESK_REQUIRE_2FA}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HELPDESK_", "DATABASE"))}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_account_settings_come_from_the_environment(tmp_path):
    values = _settings_with(
        {
            "HELPDESK_DATA_DIR": str(tmp_path),
            "HELPDESK_LOGIN_FAILURE_LIMIT": "3",
            "HELPDESK_LOGIN_COOLOFF_MINUTES": "30",
            "HELPDESK_SESSION_HOURS": "4",
            "HELPDESK_REQUIRE_2FA": "1",
        }
    )

    assert values == {"limit": 3, "cooloff": 1800.0, "age": 4 * 3600, "require_2fa": True}


def test_2fa_is_off_by_default_when_embedded(tmp_path):
    assert _settings_with({"HELPDESK_DATA_DIR": str(tmp_path)})["require_2fa"] is False


def test_2fa_is_on_by_default_in_production(tmp_path):
    values = _settings_with(
        {
            "HELPDESK_DATA_DIR": str(tmp_path),
            "HELPDESK_PRODUCTION": "1",
            "HELPDESK_SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://user:secret@127.0.0.1:5432/helpdesk",
        }
    )

    assert values["require_2fa"] is True
