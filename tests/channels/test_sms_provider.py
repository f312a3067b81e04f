"""The generic HTTP SMS provider against a real local HTTP server standing in for a gateway."""

from __future__ import annotations

import logging
import threading
from urllib.parse import parse_qs, urlsplit

import pytest

from questions.channels import Message, PermanentError, RetryableError
from questions.channels.sms import HttpSmsProvider
from tests.fakehttp import Reply

TEXT = "Hoi-Dap: cau hoi HD-2026-ABCDE da co tra loi."


def message(**overrides) -> Message:
    return Message(
        **{"channel": "sms", "to": "+84912345678", "text": TEXT, "template": "answered"} | overrides
    )


def test_it_posts_the_number_text_and_brandname_as_json_with_the_auth_header(sms_gateway):
    HttpSmsProvider().send(message())

    (request,) = sms_gateway.requests
    assert request.method == "POST"
    assert request.path == "/sms/send"
    assert request.headers["Authorization"] == "Basic dGVzdDpzZWNyZXQ="
    assert request.headers["Content-Type"] == "application/json"
    assert request.json() == {"to": "+84912345678", "text": TEXT, "brandname": "UBND-TINH"}


def test_a_quote_in_the_text_stays_valid_json(sms_gateway):
    HttpSmsProvider().send(message(text='He said "yes" \\ then left'))

    assert sms_gateway.requests[0].json()["text"] == 'He said "yes" \\ then left'


def test_a_form_gateway_gets_url_encoded_values_and_its_phone_format(sms_gateway, settings):
    settings.HELPDESK_SMS |= {
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "BODY_TEMPLATE": "Phone={phone}&Content={text}&Brandname={brandname}&SmsType=2",
        "PHONE_FORMAT": "84",
    }

    HttpSmsProvider().send(message(text="A & B = C"))

    form = parse_qs(sms_gateway.requests[0].body.decode())
    assert form == {
        "Phone": ["84912345678"],
        "Content": ["A & B = C"],
        "Brandname": ["UBND-TINH"],
        "SmsType": ["2"],
    }


def test_a_get_gateway_gets_the_values_in_its_query_string(sms_gateway, settings):
    settings.HELPDESK_SMS |= {"METHOD": "GET", "BODY_TEMPLATE": "to={phone}&msg={text}"}

    HttpSmsProvider().send(message(text="xin chao"))

    request = sms_gateway.requests[0]
    assert request.method == "GET"
    assert parse_qs(urlsplit(request.path).query) == {"to": ["+84912345678"], "msg": ["xin chao"]}


def test_the_gateways_message_id_is_returned_when_its_success_code_says_accepted(
    sms_gateway, settings
):
    settings.HELPDESK_SMS |= {
        "SUCCESS_FIELD": "CodeResult",
        "SUCCESS_VALUES": ["100"],
        "ID_FIELD": "SMSID",
    }
    sms_gateway.script(Reply(200, {"CodeResult": "100", "SMSID": "a1b2-c3"}))

    assert HttpSmsProvider().send(message()) == "a1b2-c3"


def test_a_2xx_answer_with_a_refusal_code_fails_for_good(sms_gateway, settings):
    settings.HELPDESK_SMS |= {"SUCCESS_FIELD": "CodeResult", "SUCCESS_VALUES": ["100"]}
    sms_gateway.script(Reply(200, {"CodeResult": "104", "ErrorMessage": "Brandname invalid"}))

    with pytest.raises(PermanentError, match="Brandname invalid"):
        HttpSmsProvider().send(message())


def test_a_5xx_answer_is_worth_retrying(sms_gateway):
    sms_gateway.script(Reply(503, "maintenance"))

    with pytest.raises(RetryableError, match="503"):
        HttpSmsProvider().send(message())


def test_a_4xx_answer_fails_for_good(sms_gateway):
    sms_gateway.script(Reply(401, "bad credentials"))

    with pytest.raises(PermanentError, match="401"):
        HttpSmsProvider().send(message())


def test_a_redirect_is_not_followed(sms_gateway):
    sms_gateway.script(Reply(302, "", headers={"Location": "http://127.0.0.1:9/elsewhere"}))

    with pytest.raises(PermanentError, match="302"):
        HttpSmsProvider().send(message())
    assert len(sms_gateway.requests) == 1


def test_a_gateway_that_does_not_answer_in_time_is_retried(sms_gateway, settings):
    settings.HELPDESK_SMS |= {"TIMEOUT": 0.3}
    sms_gateway.script(Reply(200, "", delay=2))

    with pytest.raises(RetryableError, match="Timeout"):
        HttpSmsProvider().send(message())


def test_a_gateway_that_refuses_connections_is_retried(settings):
    settings.HELPDESK_SMS |= {"URL": "http://127.0.0.1:9/sms", "TIMEOUT": 1.0}

    with pytest.raises(RetryableError):
        HttpSmsProvider().send(message())


def test_production_without_a_gateway_fails_for_good_instead_of_printing(settings):
    settings.PRODUCTION = True
    settings.HELPDESK_SMS |= {"URL": ""}

    with pytest.raises(PermanentError, match="HELPDESK_SMS_URL"):
        HttpSmsProvider().send(message())


def test_the_workers_threads_sending_at_once_share_the_pool_without_dropping_connections(
    sms_gateway, caplog
):
    # task_worker --threads 8: eight sends to one gateway at the same moment. urllib3's pool
    # for a host keeps one connection by default and logs a warning for each other one it
    # drops; the provider's pool must keep as many as the threads use.
    sms_gateway.replies = [Reply(status=200, delay=0.2)]
    errors: list[BaseException] = []

    def send() -> None:
        try:
            for _ in range(2):
                HttpSmsProvider().send(message())
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=send) for _ in range(8)]
    with caplog.at_level(logging.WARNING, logger="urllib3"):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    assert len(sms_gateway.requests) == 16
    assert [
        record.getMessage() for record in caplog.records if record.name.startswith("urllib3")
    ] == []
