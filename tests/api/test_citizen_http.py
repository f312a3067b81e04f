"""The citizen path over real HTTP: ask, replay, bad input, rate limits, follow the question.

These run against pytest-django's live server with urllib, so headers, JSON parsing, CSRF
middleware and language negotiation are the ones a real integration meets.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from questions.models import Question, Source, Status
from tests.factories import ANSWER_TEXT

pytestmark = pytest.mark.django_db(transaction=True)

ASK = "/api/v1/questions/"
RECEIPT_KEYS = {
    "tracking_code",
    "access_token",
    "status",
    "received_at",
    "answer_due",
    "private_url",
}


def _follow_path(code: str) -> str:
    return f"/api/v1/questions/{code}/"


# --- Asking ---------------------------------------------------------------------------------


def test_it_stores_a_question_with_every_field_and_returns_the_receipt(
    http, ask_payload, land_category, commune
):
    response = http.post(ASK, json_body=ask_payload, headers={"Accept-Language": "en"})

    assert response.status == 201
    receipt = response.json
    assert set(receipt) == RECEIPT_KEYS
    assert re.fullmatch(r"HD-\d{4}-[23456789A-HJKMNP-TW-Z]{5}", receipt["tracking_code"])
    assert receipt["status"] == "received"
    assert (
        date.fromisoformat(receipt["answer_due"])
        > datetime.fromisoformat(receipt["received_at"]).date()
    )
    assert receipt["private_url"].endswith(
        f"/track/{receipt['tracking_code']}/?token={receipt['access_token']}"
    )
    assert response.headers["Cache-Control"] == "no-store"

    question = Question.objects.get()
    assert question.tracking_code == receipt["tracking_code"]
    assert question.access_token == receipt["access_token"]
    assert question.title == ask_payload["title"]
    assert question.body == ask_payload["question"]
    assert question.asker_name == "Trần Thị Bình"
    assert question.asker_email == "binh.tran@example.com"
    assert question.asker_phone == "0912345678"
    assert question.category == land_category
    assert question.commune == commune
    assert question.publish_consent is True
    assert question.consent_recorded_at is not None
    assert question.source == Source.API
    assert question.language == "en"
    assert question.answer_due.isoformat() == receipt["answer_due"]


def test_it_needs_no_csrf_token_even_when_the_client_sends_cookies(http, ask_payload):
    # A browser-like client carrying a session and a CSRF cookie but no CSRF header.
    headers = {"Cookie": "sessionid=abc; csrftoken=" + "x" * 32}

    response = http.post(ASK, json_body=ask_payload, headers=headers)

    assert response.status == 201


def test_consent_to_publication_is_false_unless_sent(http, ask_payload):
    del ask_payload["publish_consent"], ask_payload["category"], ask_payload["commune"]

    response = http.post(ASK, json_body=ask_payload)

    assert response.status == 201
    question = Question.objects.get()
    assert question.publish_consent is False
    assert question.category is None
    assert question.commune is None


def test_a_replay_with_the_same_idempotency_key_returns_the_first_receipt(http, ask_payload):
    headers = {"Idempotency-Key": "3f1c2a9e-retry-1"}
    first = http.post(ASK, json_body=ask_payload, headers=headers)

    again = http.post(ASK, json_body=ask_payload, headers=headers)

    assert first.status == 201
    assert again.status == 200
    assert again.json == first.json
    assert again.headers["Idempotent-Replayed"] == "true"
    assert Question.objects.count() == 1
    assert Question.objects.get().idempotency_key == "api:3f1c2a9e-retry-1"


def test_the_same_idempotency_key_with_another_question_is_refused(http, ask_payload):
    headers = {"Idempotency-Key": "key-1"}
    http.post(ASK, json_body=ask_payload, headers=headers)

    other = {**ask_payload, "question": "Một câu hỏi hoàn toàn khác về thuế đất nông nghiệp."}
    response = http.post(ASK, json_body=other, headers=headers)

    assert response.status == 422
    assert "access_token" not in response.text
    assert Question.objects.count() == 1


def test_different_idempotency_keys_store_different_questions(http, ask_payload):
    http.post(ASK, json_body=ask_payload, headers={"Idempotency-Key": "a"})
    http.post(ASK, json_body=ask_payload, headers={"Idempotency-Key": "b"})

    assert Question.objects.count() == 2


def test_an_overlong_idempotency_key_is_refused(http, ask_payload):
    response = http.post(ASK, json_body=ask_payload, headers={"Idempotency-Key": "k" * 97})

    assert response.status == 400
    assert "Idempotency-Key" in response.json
    assert not Question.objects.exists()


# --- Bad input ------------------------------------------------------------------------------

BAD_INPUT = [
    ("empty title", {"title": ""}, "title"),
    ("blank title", {"title": "   "}, "title"),
    ("missing title", {"title": None}, "title"),
    ("oversized title", {"title": "T" * 201}, "title"),
    ("empty question", {"question": ""}, "question"),
    ("too short question", {"question": "Hỏi?"}, "question"),
    ("oversized question", {"question": "Q" * 5001}, "question"),
    ("empty name", {"name": ""}, "name"),
    ("oversized name", {"name": "N" * 121}, "name"),
    ("control character", {"name": "Bình\x07"}, "name"),
    ("bad email", {"email": "binh@"}, "email"),
    ("bad phone", {"phone": "12345"}, "phone"),
    ("foreign phone", {"phone": "+1 202 555 0143"}, "phone"),
    ("unknown category", {"category": "khong-co"}, "category"),
    ("unknown commune", {"commune": "xa-khong-co"}, "commune"),
    ("consent not a boolean", {"publish_consent": "maybe"}, "publish_consent"),
]


@pytest.mark.parametrize(
    ("change", "field"),
    [pytest.param(change, field, id=case) for case, change, field in BAD_INPUT],
)
def test_bad_input_is_refused_per_field_and_nothing_is_stored(http, ask_payload, change, field):
    payload = {**ask_payload, **change}
    payload = {k: v for k, v in payload.items() if v is not None}

    response = http.post(ASK, json_body=payload, headers={"Accept-Language": "en"})

    assert response.status == 400
    errors = response.json
    assert list(errors) == [field]
    assert isinstance(errors[field], list)
    assert all(isinstance(message, str) and message for message in errors[field])
    assert not Question.objects.exists()


def test_neither_contact_is_reported_on_both_contact_fields(http, ask_payload):
    payload = {**ask_payload, "email": "", "phone": ""}

    response = http.post(ASK, json_body=payload, headers={"Accept-Language": "en"})

    assert response.status == 400
    assert set(response.json) == {"email", "phone"}


def test_malformed_json_is_a_400_with_a_message_and_stores_nothing(http):
    response = http.post(ASK, data=b'{"title": "Thu tuc", ', headers={"Accept-Language": "en"})

    assert response.status == 400
    assert response.json["detail"] == "The request body is not valid JSON."
    assert not Question.objects.exists()


def test_malformed_json_is_explained_in_vietnamese_by_default(http):
    response = http.post(ASK, data=b'{"title": "Thu tuc", ')

    assert response.status == 400
    assert "JSON" in response.json["detail"]
    assert response.json["detail"] != "The request body is not valid JSON."


def test_a_json_list_instead_of_an_object_is_a_400(http):
    response = http.post(ASK, json_body=[1, 2])

    assert response.status == 400
    assert "non_field_errors" in response.json
    assert not Question.objects.exists()


def test_a_form_encoded_body_is_refused(http, ask_payload):
    response = http.post(
        ASK,
        data=b"title=x&question=y",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.status == 415
    assert not Question.objects.exists()


def test_errors_are_in_vietnamese_by_default_and_in_english_on_request(http, ask_payload):
    payload = {**ask_payload, "title": ""}

    default = http.post(ASK, json_body=payload)
    english = http.post(ASK, json_body=payload, headers={"Accept-Language": "en"})

    assert default.json["title"] == ["Trường này không được bỏ trống."]
    assert default.headers["Content-Language"] == "vi"
    assert english.json["title"] == ["This field may not be blank."]
    assert english.headers["Content-Language"] == "en"


# --- Rate limits ----------------------------------------------------------------------------


@pytest.fixture
def tight_limits(settings):
    settings.HELPDESK = {**settings.HELPDESK, "RATE_LIMIT_PER_IP": 2}


def test_it_refuses_a_submission_over_the_rate_limit_and_stores_nothing(
    http, ask_payload, tight_limits
):
    for n in range(2):
        payload = {**ask_payload, "email": f"person{n}@example.com", "phone": ""}
        assert http.post(ASK, json_body=payload).status == 201

    response = http.post(ASK, json_body=ask_payload, headers={"Accept-Language": "en"})

    assert response.status == 429
    assert "try again later" in response.json["detail"]
    assert Question.objects.count() == 2


def test_a_replay_is_answered_even_over_the_rate_limit(http, ask_payload, tight_limits):
    headers = {"Idempotency-Key": "retry-after-timeout"}
    first = http.post(ASK, json_body=ask_payload, headers=headers)
    http.post(ASK, json_body={**ask_payload, "email": "other@example.com", "phone": ""})

    again = http.post(ASK, json_body=ask_payload, headers=headers)

    assert again.status == 200
    assert again.json["tracking_code"] == first.json["tracking_code"]


# --- Following the question -------------------------------------------------------------------


@pytest.fixture
def receipt(http, ask_payload):
    return http.post(ASK, json_body=ask_payload).json


FOLLOW_KEYS = {
    "deadline",
    "timeliness",
    "tracking_code",
    "title",
    "question",
    "name",
    "status",
    "status_label",
    "category",
    "commune",
    "unit",
    "received_at",
    "answer_due",
    "answered_at",
    "answer",
    "timeline",
    "rating",
}


def test_the_asker_reads_their_question_with_the_token_in_a_header(http, receipt, ask_payload):
    response = http.get(
        _follow_path(receipt["tracking_code"]),
        headers={"X-Access-Token": receipt["access_token"], "Accept-Language": "en"},
    )

    assert response.status == 200
    body = response.json
    assert set(body) == FOLLOW_KEYS
    assert body["tracking_code"] == receipt["tracking_code"]
    assert body["title"] == ask_payload["title"]
    assert body["question"] == ask_payload["question"]
    assert body["name"] == ask_payload["name"]
    assert body["status"] == "received"
    assert body["status_label"] == "Received"
    assert body["category"] == "Land"
    assert body["commune"] == "An Binh Commune"
    assert body["unit"] is None
    assert body["answer"] is None
    assert body["answer_due"] == receipt["answer_due"]
    assert [entry["action"] for entry in body["timeline"]] == ["question.received"]
    assert set(body["timeline"][0]) == {"at", "action", "label", "note"}
    assert response.headers["Cache-Control"] == "no-store"
    # Nothing beyond what the asker gave us: no e-mail/phone echoed, no token.
    assert receipt["access_token"] not in response.text
    assert "example.com" not in response.text.lower()


def test_the_asker_reads_their_question_with_the_token_in_the_query(http, receipt):
    code, token = receipt["tracking_code"], receipt["access_token"]

    response = http.get(f"{_follow_path(code)}?token={token}")

    assert response.status == 200
    assert response.json["tracking_code"] == code


def test_the_tracking_code_is_accepted_in_lower_case(http, receipt):
    code, token = receipt["tracking_code"], receipt["access_token"]

    response = http.get(_follow_path(code.lower()), headers={"X-Access-Token": token})

    assert response.status == 200


@pytest.mark.parametrize(
    "token", [pytest.param("", id="missing"), pytest.param("not-the-token", id="wrong")]
)
def test_a_wrong_or_missing_token_looks_exactly_like_an_unknown_code(http, receipt, token):
    headers = {"X-Access-Token": token} if token else {}

    wrong = http.get(_follow_path(receipt["tracking_code"]), headers=headers)
    unknown = http.get(_follow_path("HD-2026-ZZZZZ"), headers=headers)

    assert wrong.status == unknown.status == 404
    assert wrong.json == unknown.json
    assert receipt["tracking_code"] not in wrong.text


def test_the_timeline_hides_internal_steps_and_shows_the_approved_answer(
    http, receipt, intake, head_land, officer_land, land
):
    from tests.factories import walk

    question = Question.objects.get(tracking_code=receipt["tracking_code"])
    walk(question, Status.ANSWERED, intake=intake, head=head_land, officer=officer_land, unit=land)

    response = http.get(
        _follow_path(receipt["tracking_code"]),
        headers={"X-Access-Token": receipt["access_token"], "Accept-Language": "en"},
    )

    body = response.json
    assert body["status"] == "answered"
    assert body["answer"] == ANSWER_TEXT
    assert body["answered_at"] is not None
    assert body["unit"] == "Department of Agriculture and Environment"
    assert [entry["action"] for entry in body["timeline"]] == [
        "question.received",
        "question.routed",
        "question.answered",
    ]
    # Staff identities stay inside the administration.
    for name in ("intake", "head_land", "officer_land"):
        assert name not in response.text


def test_the_timeline_shows_notes_for_the_citizen_but_not_between_agencies(
    http, receipt, intake, head_land, officer_land, land, tax, head_tax, officer_tax
):
    from helpdesk import clock
    from questions import services
    from tests.factories import walk

    question = Question.objects.get(tracking_code=receipt["tracking_code"])
    question = walk(
        question, Status.ROUTED, intake=intake, head=head_land, officer=officer_land, unit=land
    )
    at = clock.now()
    question = services.question_transfer(
        question=question,
        to_unit=tax,
        reason="Ghi chú nội bộ giữa hai cơ quan",
        actor=head_land,
        at=at,
    )
    question = services.question_assign(
        question=question, officer=officer_tax, actor=head_tax, at=at
    )
    services.question_request_clarification(
        question=question, message="Xin cho biết mã số thuế của ông/bà.", actor=officer_tax, at=at
    )

    response = http.get(
        _follow_path(receipt["tracking_code"]), headers={"X-Access-Token": receipt["access_token"]}
    )

    notes = {entry["action"]: entry["note"] for entry in response.json["timeline"]}
    assert notes["question.transferred"] == ""
    assert notes["question.clarification_requested"] == "Xin cho biết mã số thuế của ông/bà."
    assert "Ghi chú nội bộ" not in response.text
    assert response.json["status"] == "awaiting_citizen"
