"""Citizens hear on the channel they chose, through the real entry points and the real task.

A question asked through the API (or the form) records its receipt as a delivery on the
chosen channel; the task sends it through the provider to a fake gateway on 127.0.0.1.
"""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from helpdesk import clock
from questions import privacy, services, tasks
from questions.models import ContactOptOut, Delivery, Question
from tests.factories import make_question
from tests.fakehttp import Reply

pytestmark = pytest.mark.django_db

ASKER = {
    "title": "Thủ tục cấp giấy phép xây dựng nhà ở",
    "question": "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
    "name": "Nguyễn Văn An",
}


def ask(django_capture_on_commit_callbacks, **fields):
    client = Client(headers={"Accept-Language": "vi"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/questions/", data=json.dumps(ASKER | fields), content_type="application/json"
        )
    return response


def test_a_citizen_who_chose_sms_gets_the_receipt_by_sms(
    sms_gateway, django_capture_on_commit_callbacks
):
    response = ask(django_capture_on_commit_callbacks, phone="0912 345 678", notify_by="sms")

    assert response.status_code == 201, response.content
    (request,) = sms_gateway.requests
    sent = request.json()
    assert sent["to"] == "+84912345678"
    code = response.json()["tracking_code"]
    assert code in sent["text"]
    delivery = Delivery.objects.get()
    assert (delivery.channel, delivery.status) == ("sms", Delivery.Status.SENT)


def test_the_sms_text_is_ascii_and_holds_no_personal_data(
    sms_gateway, django_capture_on_commit_callbacks
):
    ask(
        django_capture_on_commit_callbacks,
        phone="0912345678",
        email="an@example.vn",
        notify_by="sms",
    )

    text = sms_gateway.requests[0].json()["text"]
    assert text.isascii()
    for personal in ("Nguyen", "Nguyễn", "an@example.vn", "0912345678", "giay phep", "giấy phép"):
        assert personal not in text
    assert "/track/" in text and "/stop/" in text


def test_a_citizen_who_left_only_a_phone_number_hears_by_sms(
    sms_gateway, django_capture_on_commit_callbacks
):
    ask(django_capture_on_commit_callbacks, phone="0912345678")

    assert len(sms_gateway.requests) == 1
    assert Delivery.objects.get().channel == "sms"


def test_choosing_sms_without_a_phone_number_is_refused_with_a_clear_error(
    django_capture_on_commit_callbacks,
):
    client = Client(headers={"Accept-Language": "en"})
    response = client.post(
        "/api/v1/questions/",
        data=json.dumps(ASKER | {"email": "an@example.vn", "notify_by": "sms"}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "Give a phone number to be told by SMS or Zalo." in response.content.decode()
    assert not Question.objects.exists()


def test_an_invalid_phone_number_is_refused(django_capture_on_commit_callbacks):
    response = ask(django_capture_on_commit_callbacks, phone="+1 202 555 0101", notify_by="sms")

    assert response.status_code == 400
    assert "phone" in json.dumps(response.json())
    assert not Question.objects.exists()


def test_the_ask_form_offers_the_channels_and_stores_the_choice(
    sms_gateway, django_capture_on_commit_callbacks
):
    client = Client()
    page = client.get(reverse("questions:ask")).content.decode()
    assert 'name="notify_by"' in page
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("questions:ask"),
            {
                **hidden,
                "title": ASKER["title"],
                "body": ASKER["question"],
                "name": ASKER["name"],
                "phone": "0912345678",
                "notify_by": "zalo",
            },
        )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Question.objects.get().notify_by == "zalo"


def test_a_citizen_who_chose_zalo_gets_the_approved_template(
    zns_gateway, django_capture_on_commit_callbacks
):
    zns_gateway.script(Reply(200, {"error": 0, "data": {"msg_id": "zns-1"}}))

    response = ask(django_capture_on_commit_callbacks, phone="0912345678", notify_by="zalo")

    sent = zns_gateway.requests[0].json()
    assert sent["phone"] == "84912345678"
    assert sent["template_id"] == "301001"
    assert sent["template_data"]["code"] == response.json()["tracking_code"]
    assert set(sent["template_data"]) == {"code", "status", "url"}
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.provider_message_id) == ("sent", "zns-1")


def test_a_gateway_error_leaves_the_sms_retrying_and_the_retry_sends_it(
    sms_gateway, django_capture_on_commit_callbacks, time_machine
):
    sms_gateway.script(Reply(503, "busy"), Reply(200, "{}"))

    ask(django_capture_on_commit_callbacks, phone="0912345678", notify_by="sms")

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.RETRYING
    assert "503" in delivery.last_error
    time_machine.move_to(delivery.next_attempt_at)
    assert tasks.send_delivery.call(delivery.pk) == Delivery.Status.SENT
    assert len(sms_gateway.requests) == 2


def test_a_gateway_refusal_fails_the_sms_at_once(sms_gateway, django_capture_on_commit_callbacks):
    sms_gateway.script(Reply(400, "invalid number"))

    ask(django_capture_on_commit_callbacks, phone="0912345678", notify_by="sms")

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, 1)
    assert "400" in delivery.last_error


def test_the_staff_page_shows_each_message_with_its_channel_and_status(
    sms_gateway, django_capture_on_commit_callbacks, intake
):
    sms_gateway.script(Reply(503, "busy"))
    response = ask(django_capture_on_commit_callbacks, phone="0912345678", notify_by="sms")

    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(intake)
    code = response.json()["tracking_code"]
    page = client.get(reverse("workspace:question", args=[code])).content.decode()

    assert re.search(r"Receipt\s+\(SMS\)", page)
    assert "Retrying" in page


def test_every_citizen_mail_carries_an_opt_out_link(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_question(phone="")

    (message,) = mail.outbox
    assert "/stop/" in message.body


def stop_link(question: Question, channel: str) -> str:
    from questions.channels import optout

    return reverse("channels:stop", args=[optout.token(question.pk, channel)])


def test_opening_the_opt_out_link_asks_before_it_stops_anything(db):
    question = make_question(notify_by="sms")

    response = Client().get(stop_link(question, "sms"))

    assert response.status_code == 200
    assert not ContactOptOut.objects.exists()


def test_a_forged_opt_out_link_is_a_404(db):
    question = make_question()

    response = Client().post(f"/stop/{question.pk}.sms.0000000000/")

    assert response.status_code == 404


def test_after_opting_out_no_further_sms_is_sent(
    sms_gateway, django_capture_on_commit_callbacks, intake
):
    with django_capture_on_commit_callbacks(execute=True):
        question = make_question(notify_by="sms", email="")
    assert len(sms_gateway.requests) == 1

    Client().post(stop_link(question, "sms"))
    with django_capture_on_commit_callbacks(execute=True):
        services.question_reject(
            question=question, reason="Đây là đơn khiếu nại.", actor=intake, at=clock.now()
        )

    assert len(sms_gateway.requests) == 1
    rejected = Delivery.objects.get(template="rejected")
    assert rejected.status == Delivery.Status.SKIPPED
    assert question.events.filter(action="question.notifications_stopped").exists()


def test_the_opt_out_table_holds_no_phone_number_or_address(sms_gateway, db):
    question = make_question(notify_by="sms")

    Client().post(stop_link(question, "sms"))

    (row,) = ContactOptOut.objects.values_list("contact_hash", "channel")
    assert row[1] == "sms"
    assert "912345678" not in row[0] and len(row[0]) == 64


def test_nothing_is_sent_to_a_citizen_whose_data_was_erased(
    sms_gateway, django_capture_on_commit_callbacks, intake
):
    # Receipt and rejection recorded, not yet sent (a worker that was down), then erased.
    question = make_question(notify_by="sms", email="")
    services.question_reject(
        question=question, reason="Đây là đơn khiếu nại.", actor=intake, at=clock.now()
    )
    privacy.data_request_erase(question=question, at=clock.now())

    for delivery in Delivery.objects.all():
        tasks.send_delivery.call(delivery.pk)

    assert sms_gateway.requests == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.FAILED}
