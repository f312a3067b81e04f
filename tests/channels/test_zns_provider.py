"""The Zalo ZNS provider against a real local HTTP server standing in for Zalo's API."""

from __future__ import annotations

import pytest

from questions.channels import Message, PermanentError, RetryableError
from questions.channels.zns import ZnsProvider
from tests.fakehttp import Reply

DATA = {"code": "HD-2026-ABCDE", "status": "Answered", "url": "https://hoidap.example/t"}
OK = {"error": 0, "message": "Success", "data": {"msg_id": "zns-778899", "sent_time": "1"}}


def message(**overrides) -> Message:
    fields = {
        "channel": "zalo",
        "to": "+84912345678",
        "text": "…",
        "template": "answered",
        "data": DATA,
        "reference": "delivery-7",
    }
    return Message(**fields | overrides)


def test_it_sends_the_approved_template_with_its_data_to_the_84_number(zns_gateway):
    zns_gateway.script(Reply(200, OK))

    assert ZnsProvider().send(message()) == "zns-778899"

    (request,) = zns_gateway.requests
    assert request.path == "/message/template"
    assert request.headers["access_token"] == "oa-token-123"
    assert request.headers["Content-Type"] == "application/json"
    assert request.json() == {
        "phone": "84912345678",
        "template_id": "301002",
        "template_data": DATA,
        "tracking_id": "delivery-7",
    }


def test_a_message_without_an_approved_template_is_not_sent(zns_gateway):
    with pytest.raises(PermanentError, match="no ZNS template for 'rejected'"):
        ZnsProvider().send(message(template="rejected"))
    assert zns_gateway.requests == []


def test_a_zns_error_code_fails_for_good(zns_gateway):
    zns_gateway.script(Reply(200, {"error": -108, "message": "Phone number is invalid"}))

    with pytest.raises(PermanentError, match="-108"):
        ZnsProvider().send(message())


def test_an_expired_access_token_is_retried(zns_gateway):
    zns_gateway.script(Reply(200, {"error": -124, "message": "Access token is invalid"}))

    with pytest.raises(RetryableError, match="-124"):
        ZnsProvider().send(message())


def test_a_5xx_from_zalo_is_retried(zns_gateway):
    zns_gateway.script(Reply(502, "Bad gateway"))

    with pytest.raises(RetryableError, match="502"):
        ZnsProvider().send(message())


def test_a_timeout_is_retried(zns_gateway, settings):
    settings.HELPDESK_ZNS |= {"TIMEOUT": 0.3}
    zns_gateway.script(Reply(200, OK, delay=2))

    with pytest.raises(RetryableError):
        ZnsProvider().send(message())
