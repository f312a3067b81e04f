from __future__ import annotations

import pytest

from tests.fakehttp import FakeServer


@pytest.fixture
def gateway():
    """A fake SMS or ZNS server on 127.0.0.1 (tests/fakehttp.py)."""
    with FakeServer() as server:
        yield server


@pytest.fixture
def sms_gateway(gateway, settings):
    """The SMS provider pointed at the fake gateway, JSON with a Basic auth header."""
    settings.HELPDESK_SMS = {
        **settings.HELPDESK_SMS,
        "URL": f"{gateway.url}/sms/send",
        "AUTH_HEADER": "Authorization: Basic dGVzdDpzZWNyZXQ=",
        "BRANDNAME": "UBND-TINH",
        "TIMEOUT": 2.0,
    }
    return gateway


@pytest.fixture
def zns_gateway(gateway, settings):
    settings.HELPDESK_ZNS = {
        **settings.HELPDESK_ZNS,
        "URL": f"{gateway.url}/message/template",
        "ACCESS_TOKEN": "oa-token-123",
        "TEMPLATES": {"received": "301001", "answered": "301002"},
        "TIMEOUT": 2.0,
    }
    return gateway
