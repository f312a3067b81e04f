"""Fixtures of the e-mail intake tests: the .eml files under fixtures/, a fixed 'now'."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def eml(name: str, **fill: str) -> bytes:
    raw = (FIXTURES / name).read_bytes()
    for key, value in fill.items():
        raw = raw.replace(f"{{{key.upper()}}}".encode(), value.encode())
    return raw


@pytest.fixture(autouse=True)
def _intake_address(settings):
    settings.HELPDESK_INTAKE_ADDRESS = "hoidap@example.gov.vn"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW
