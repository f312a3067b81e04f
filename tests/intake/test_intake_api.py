"""POST /api/v1/staff/questions/: the intake desk's form, for integrations."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from questions.models import Attachment, Channel, Question

from .conftest import PDF

pytestmark = pytest.mark.django_db

URL = "/api/v1/staff/questions/"


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _payload(**fields):
    data = {
        "channel": "phone",
        "received_at": "2026-11-18T08:15:00+07:00",
        "title": "Hỏi về cấp lại căn cước",
        "question": "Tôi bị mất thẻ căn cước, xin hỏi thủ tục cấp lại thế nào?",
        "name": "Phạm Thị Dung",
        "phone": "0912345678",
    }
    data.update(fields)
    return data


def test_the_intake_desk_enters_a_phone_question_and_gets_its_receipt(frozen, intake):
    response = _client(intake).post(URL, _payload(), format="json")
    assert response.status_code == 201, response.content
    question = Question.objects.get()
    assert response.json()["tracking_code"] == question.tracking_code
    assert (question.source, question.entered_by) == (Channel.PHONE, intake)


def test_an_officer_may_not_enter_a_question(frozen, officer_land):
    response = _client(officer_land).post(URL, _payload(), format="json")
    assert response.status_code == 403
    assert not Question.objects.exists()


def test_a_future_moment_of_receipt_is_a_field_error(frozen, intake):
    response = _client(intake).post(
        URL, _payload(received_at="2026-11-19T08:00:00+07:00"), format="json"
    )
    assert response.status_code == 400
    assert "received_at" in response.json()


def test_the_web_channel_is_refused(frozen, intake):
    response = _client(intake).post(URL, _payload(channel="web"), format="json")
    assert response.status_code == 400
    assert "channel" in response.json()


def test_scanned_documents_come_in_a_multipart_request(frozen, intake):
    scan = SimpleUploadedFile("don.pdf", PDF, content_type="application/pdf")
    response = _client(intake).post(URL, {**_payload(channel="post"), "attachments": [scan]})
    assert response.status_code == 201, response.content
    assert Attachment.objects.get().content_type == "application/pdf"


def test_a_repeated_idempotency_key_returns_the_first_receipt(frozen, intake):
    client = _client(intake)
    first = client.post(URL, _payload(), format="json", HTTP_IDEMPOTENCY_KEY="k1")
    again = client.post(URL, _payload(), format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert again.status_code == 200
    assert again.json()["tracking_code"] == first.json()["tracking_code"]
    assert Question.objects.count() == 1


def test_the_staff_list_is_still_served_on_get(frozen, intake):
    assert _client(intake).get(URL).status_code == 200
