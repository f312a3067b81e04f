"""The STOP rule: an SMS reply forwarded by the gateway opts the number out."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from questions import tasks
from questions.models import ContactOptOut, Delivery
from tests.factories import make_question

pytestmark = pytest.mark.django_db

TOKEN = "gw-shared-token"


@pytest.fixture(autouse=True)
def _inbound(settings):
    settings.HELPDESK_SMS = {**settings.HELPDESK_SMS, "INBOUND_TOKEN": TOKEN}


def reply(text: str, sender: str = "84912345678", token: str = TOKEN, **extra):
    return Client().post(
        f"/sms/replies/?token={token}",
        data=json.dumps({"from": sender, "text": text}),
        content_type="application/json",
        **extra,
    )


@pytest.mark.parametrize("text", ["STOP", "stop", "Từ chối", "TU CHOI", " huy "])
def test_a_stop_reply_opts_the_number_out(text):
    response = reply(text)

    assert response.json() == {"opted_out": True}
    assert ContactOptOut.objects.get().channel == "sms"


def test_any_other_reply_changes_nothing():
    response = reply("Cảm ơn, tôi đã nhận được")

    assert response.json() == {"opted_out": False}
    assert not ContactOptOut.objects.exists()


def test_a_wrong_token_is_refused():
    assert reply("STOP", token="guess").status_code == 403
    assert not ContactOptOut.objects.exists()


def test_without_a_configured_token_the_endpoint_does_not_exist(settings):
    settings.HELPDESK_SMS = {**settings.HELPDESK_SMS, "INBOUND_TOKEN": ""}

    assert reply("STOP", token="").status_code == 404


def test_a_form_gateway_with_its_own_field_names(settings):
    settings.HELPDESK_SMS |= {"INBOUND_FROM_FIELD": "Phone", "INBOUND_TEXT_FIELD": "Content"}

    response = Client().post(
        "/sms/replies/",
        {"Phone": "0912345678", "Content": "HUY"},
        headers={"X-Hoidap-Token": TOKEN},
    )

    assert response.json() == {"opted_out": True}


def test_after_stop_the_next_sms_to_that_number_is_not_sent(sms_gateway):
    question = make_question(notify_by="sms", email="")  # the receipt recorded, not yet sent
    reply("STOP", sender="+84 912 345 678")

    delivery = Delivery.objects.get(question=question)
    assert tasks.send_delivery.call(delivery.pk) == Delivery.Status.SKIPPED
    assert sms_gateway.requests == []
