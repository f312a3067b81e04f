"""The API's receipt is written out by hand (serializers.receipt_data, for speed) and must stay
exactly what its schema's serializer, QuestionReceiptSerializer, says."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from questions.models import Question, Status
from questions.serializers import QuestionReceiptSerializer, receipt_data

ASK = "/api/v1/questions/"


def test_an_api_receipt_is_what_the_receipt_serializer_gives(api, ask_payload):
    key = uuid.uuid4().hex

    first = api.post(ASK, ask_payload, format="json", headers={"Idempotency-Key": key})
    replay = api.post(ASK, ask_payload, format="json", headers={"Idempotency-Key": key})

    assert first.status_code == 201
    assert replay.status_code == 200
    expected = dict(QuestionReceiptSerializer(Question.objects.get()).data)
    assert first.json() == expected
    assert replay.json() == expected


@pytest.mark.parametrize(
    "answer_due", [date(2026, 12, 31), None], ids=["with a due date", "without one"]
)
def test_receipt_data_formats_every_field_as_the_serializer_does(answer_due):
    question = Question(
        tracking_code="HD-2026-7K3QX",
        access_token="secret-token",
        status=Status.RECEIVED,
        # Another zone than the site's: both must convert it the same way.
        received_at=datetime(2026, 12, 7, 23, 30, 15, 123456, tzinfo=ZoneInfo("UTC")),
        answer_due=answer_due,
    )

    assert receipt_data(question) == dict(QuestionReceiptSerializer(question).data)
