"""Staff API: scope (404), role (403), status (409), token and session authentication."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from questions.models import Event, Question, Status
from tests.factories import ANSWER_TEXT, make_question

pytestmark = pytest.mark.django_db

LIST = "/api/v1/staff/questions/"


def _detail(question: Question) -> str:
    return f"{LIST}{question.tracking_code}/"


def _action(question: Question, action: str) -> str:
    return f"{LIST}{question.tracking_code}/{action}/"


@pytest.fixture
def as_user(api):
    """A client authenticated as ``user`` (forced, so CSRF is not in the way)."""

    def login(user):
        api.force_authenticate(user)
        return api

    return login


def _token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


# --- Authentication -------------------------------------------------------------------------


def test_a_token_authenticates_an_integration(intake, walked):
    question = walked(Status.RECEIVED)

    response = _token_client(intake).get(LIST)

    assert response.status_code == 200
    assert [row["tracking_code"] for row in response.json()["results"]] == [question.tracking_code]


def test_without_credentials_it_asks_for_a_token(api):
    response = api.get(LIST)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_an_invalid_token_is_refused(api):
    api.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")

    assert api.get(LIST).status_code == 401


def test_an_account_without_a_staff_profile_is_forbidden(as_user):
    citizen = get_user_model().objects.create_user("someone", password="pw")

    assert as_user(citizen).get(LIST).status_code == 403


def test_the_browser_session_works_and_keeps_its_csrf_check(intake, walked, land):
    question = walked(Status.RECEIVED)
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(intake)

    read = browser.get(_detail(question))
    write = browser.post(_action(question, "route"), {"unit": land.code}, format="json")

    assert read.status_code == 200
    assert write.status_code == 403
    assert "CSRF" in write.json()["detail"]
    question.refresh_from_db()
    assert question.status == Status.RECEIVED


# --- Reading, in scope ----------------------------------------------------------------------


def test_unit_staff_list_only_their_units_questions(as_user, officer_tax, walked):
    walked(Status.ROUTED)  # land's

    response = as_user(officer_tax).get(LIST)

    assert response.json()["count"] == 0


def test_another_units_question_is_a_404_for_reading_and_acting(as_user, officer_tax, walked):
    question = walked(Status.IN_PROGRESS)
    client = as_user(officer_tax)

    assert client.get(_detail(question)).status_code == 404
    response = client.post(_action(question, "draft"), {"body": "Trả lời"}, format="json")
    assert response.status_code == 404
    assert not question.answers.exclude(author__username="officer_land").exists()


def test_the_detail_shows_the_asker_and_the_full_audit_trail(as_user, head_land, walked):
    question = walked(Status.IN_PROGRESS)

    response = as_user(head_land).get(_detail(question), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    body = response.json()
    assert body["asker_name"] == "Nguyễn Văn An"
    assert body["asker_email"] == "an.nguyen@example.com"
    assert body["unit"] == {"code": "land", "name": "Department of Agriculture and Environment"}
    assert body["assignee"] == "officer_land"
    assert [e["action"] for e in body["timeline"]] == [
        "question.received",
        "question.routed",
        "question.assigned",
        "question.contact_viewed",  # this very reading of the asker's contact data
    ]
    assert body["timeline"][-2]["is_internal"] is True
    assert body["timeline"][-2]["actor"] == "head_land"
    assert "transfer" in body["available_actions"]
    assert "approve" not in body["available_actions"]


def test_the_list_filters_by_status_and_unit(as_user, intake, walked, tax):
    routed = walked(Status.ROUTED)
    received = walked(Status.RECEIVED)
    client = as_user(intake)

    def codes(params):
        return {row["tracking_code"] for row in client.get(LIST, params).json()["results"]}

    assert codes({"status": "routed"}) == {routed.tracking_code}
    assert codes({"status": ["routed", "received"]}) == {
        routed.tracking_code,
        received.tracking_code,
    }
    assert codes({"unit": "land"}) == {routed.tracking_code}
    assert codes({"unit": tax.code}) == set()
    assert client.get(LIST, {"status": "nonsense"}).status_code == 400


def test_the_list_filters_overdue_questions(as_user, intake, walked):
    long_ago = datetime(2025, 9, 1, 9, tzinfo=timezone.get_current_timezone())
    late = make_question(at=long_ago)
    on_time = walked(Status.RECEIVED)
    client = as_user(intake)

    overdue = client.get(LIST, {"overdue": "true"}).json()["results"]
    not_overdue = client.get(LIST, {"overdue": "false"}).json()["results"]

    assert [row["tracking_code"] for row in overdue] == [late.tracking_code]
    assert overdue[0]["overdue"] is True
    assert [row["tracking_code"] for row in not_overdue] == [on_time.tracking_code]


# --- Acting: the whole path through the API ------------------------------------------------


def test_a_question_walks_to_the_archive_through_the_api(
    api, intake, head_land, officer_land, land
):
    question = make_question(name="Đỗ Minh Khoa")

    def act(user, action, data=None):
        api.force_authenticate(user)
        response = api.post(_action(question, action), data or {}, format="json")
        assert response.status_code == 200, (action, response.json())
        return response.json()

    assert act(intake, "route", {"unit": "land"})["status"] == "routed"
    assert act(head_land, "assign", {"username": "officer_land"})["status"] == "in_progress"
    draft = act(officer_land, "draft", {"body": ANSWER_TEXT, "legal_references": "NĐ 15/2021"})
    assert draft["current_draft"]["body"] == ANSWER_TEXT
    assert act(officer_land, "submit")["status"] == "awaiting_approval"
    approved = act(head_land, "approve")
    assert approved["status"] == "answered"
    assert approved["approved_answer"]["legal_references"] == "NĐ 15/2021"
    published = act(
        intake,
        "publish",
        {
            "public_title": "Hồ sơ xin cấp giấy phép xây dựng",
            "public_body": "Hồ sơ xin cấp phép xây dựng nhà ở riêng lẻ gồm những gì?",
            "public_answer": ANSWER_TEXT,
        },
    )
    assert published["status"] == "published"

    api.force_authenticate(None)
    archive = api.get("/api/v1/archive/").json()
    assert [entry["id"] for entry in archive["results"]] == [question.pk]


def test_reject_requires_a_reason_and_shows_it_to_the_citizen(as_user, intake, walked):
    question = walked(Status.RECEIVED)
    client = as_user(intake)

    empty = client.post(_action(question, "reject"), {"reason": " "}, format="json")
    done = client.post(
        _action(question, "reject"), {"reason": "Đây là đơn khiếu nại."}, format="json"
    )

    assert empty.status_code == 400
    assert "reason" in empty.json()
    assert done.status_code == 200
    assert done.json()["status"] == "rejected"
    event = Event.objects.get(question=question, action="question.rejected")
    assert event.note == "Đây là đơn khiếu nại."
    assert event.actor == intake


def test_a_transfer_moves_the_question_out_of_the_heads_scope(as_user, head_land, walked, tax):
    question = walked(Status.IN_PROGRESS)
    client = as_user(head_land)

    response = client.post(
        _action(question, "transfer"),
        {"unit": tax.code, "reason": "Thuộc thẩm quyền của cơ quan thuế."},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["unit"]["code"] == "tax"
    assert response.json()["status"] == "routed"
    assert client.get(_detail(question)).status_code == 404


def test_request_clarification_and_return_with_messages(as_user, head_land, walked):
    question = walked(Status.IN_PROGRESS)
    client = as_user(head_land)

    response = client.post(
        _action(question, "request-clarification"),
        {"message": "Xin cho biết diện tích thửa đất."},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["status"] == "awaiting_citizen"


def test_return_sends_the_draft_back(as_user, head_land, walked):
    question = walked(Status.AWAITING_APPROVAL)

    response = as_user(head_land).post(
        _action(question, "return"), {"reason": "Bổ sung căn cứ pháp lý."}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"


def test_unpublish_takes_a_question_out_of_the_archive(as_user, intake, published):
    question = published()

    response = as_user(intake).post(
        _action(question, "unpublish"), {"reason": "Thông tin đã cũ."}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "answered"


@pytest.mark.parametrize(
    ("action", "data", "field"),
    [
        ("route", {"unit": "no-such-unit"}, "unit"),
        ("assign", {"username": "nobody"}, "username"),
        ("transfer", {"unit": "tax"}, "reason"),
        ("draft", {"body": ""}, "body"),
        ("publish", {"public_title": "x", "public_body": "y"}, "public_answer"),
    ],
)
def test_bad_action_input_is_a_400_per_field(
    as_user, intake, head_land, walked, action, data, field
):
    question = walked(Status.IN_PROGRESS)
    user = intake if action in ("route", "publish") else head_land

    response = as_user(user).post(_action(question, action), data, format="json")

    assert response.status_code == 400
    assert field in response.json()


# --- Refusals: role (403) and status (409) ------------------------------------------------


@pytest.mark.parametrize(
    ("user", "status", "action", "data"),
    [
        ("officer_land", Status.AWAITING_APPROVAL, "approve", {}),
        ("officer_land", Status.ROUTED, "assign", {"username": "officer_land"}),
        ("head_land", Status.ROUTED, "route", {"unit": "tax"}),
        (
            "supervisor",
            Status.ANSWERED,
            "publish",
            {"public_title": "a", "public_body": "b", "public_answer": "c"},
        ),
        ("intake", Status.AWAITING_APPROVAL, "approve", {}),
    ],
)
def test_a_role_that_may_not_act_is_forbidden(as_user, staff, walked, user, status, action, data):
    question = walked(status)

    response = as_user(staff[user]).post(_action(question, action), data, format="json")

    assert response.status_code == 403
    assert response.json()["detail"]
    question.refresh_from_db()
    assert question.status == status


@pytest.mark.parametrize(
    ("user", "status", "action", "data"),
    [
        ("head_land", Status.ROUTED, "approve", {}),
        ("head_land", Status.ANSWERED, "return", {"reason": "Sửa lại"}),
        ("intake", Status.IN_PROGRESS, "route", {"unit": "tax"}),
        (
            "intake",
            Status.PUBLISHED,
            "publish",
            {"public_title": "a", "public_body": "b", "public_answer": "c"},
        ),
        ("officer_land", Status.AWAITING_APPROVAL, "draft", {"body": "Sửa"}),
    ],
)
def test_an_illegal_move_is_a_409_with_a_message(
    as_user, staff, tax, walked, user, status, action, data
):
    question = walked(status)

    response = as_user(staff[user]).post(
        _action(question, action), data, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 409
    assert "cannot be done" in response.json()["detail"]
    question.refresh_from_db()
    assert question.status == status


def test_publishing_text_with_the_askers_name_is_a_409(as_user, intake, walked):
    question = walked(Status.ANSWERED)

    response = as_user(intake).post(
        _action(question, "publish"),
        {
            "public_title": "Câu hỏi của Nguyễn Văn An",
            "public_body": "Hồ sơ gồm những gì?",
            "public_answer": ANSWER_TEXT,
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 409
    detail = response.json()["detail"]
    assert "still contains personal data" in detail
    assert "name “Nguyễn Văn An”" in detail  # the finding is named, so the editor can fix it
    question.refresh_from_db()
    assert question.status == Status.ANSWERED
