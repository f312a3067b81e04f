from __future__ import annotations

import pytest

from questions import webhooks
from tests.fakehttp import FakeServer


@pytest.fixture(autouse=True)
def _fresh_subscriptions():
    """The process keeps the active subscriptions for a minute: none from another test."""
    webhooks.forget_subscriptions()
    yield
    webhooks.forget_subscriptions()


@pytest.fixture
def receiver(settings):
    """An integrator's endpoint on 127.0.0.1, allowed as a private host."""
    settings.HELPDESK_WEBHOOKS = {**settings.HELPDESK_WEBHOOKS, "ALLOWED_HOSTS": ["127.0.0.1"]}
    with FakeServer() as server:
        yield server
