"""The publish guard: the de-identification engine checks every public text on the server.

Observation 1 of the trust review: a public text with a CCCD number, a house address, a third
person's phone or a relative's name was published with 200. Each must now be a 409 that lists
the findings, on the API, the staff page and the import; a finding that is public information
is published only when the editor declares it, and the declaration is in the audit trail.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from questions.models import Event, Question, Status
from questions.services import proposed_public_version
from tests.factories import ANSWER_TEXT

pytestmark = pytest.mark.django_db

TITLE = "Hồ sơ cấp giấy phép xây dựng"
BODY = "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?"


def _publish(api, user, question: Question, **texts):
    api.force_authenticate(user)
    payload = {"public_title": TITLE, "public_body": BODY, "public_answer": ANSWER_TEXT} | texts
    return api.post(
        f"/api/v1/staff/questions/{question.tracking_code}/publish/",
        payload,
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


@pytest.mark.parametrize(
    ("field", "text", "kind", "found"),
    [
        (
            "public_body",
            "Số CCCD của tôi là 079177555444, xin hỏi thủ tục.",
            "id_number",
            "079177555444",
        ),
        (
            "public_body",
            "Nhà tôi ở số 47 hẻm 215 đường Trần Khắc Chân, phường Tân Định.",
            "address",
            "số 47 hẻm 215 đường Trần Khắc Chân",
        ),
        ("public_answer", "Ông liên hệ anh Bình, số 0987 654 321.", "phone", "0987 654 321"),
        ("public_body", "Con trai tôi là Đoàn Văn Hậu, sinh năm 2001.", "name", "Đoàn Văn Hậu"),
    ],
)
def test_it_refuses_public_text_holding_someone_elses_personal_data(
    api, intake, walked, field, text, kind, found
):
    question = walked(Status.ANSWERED)

    response = _publish(api, intake, question, **{field: text})

    assert response.status_code == 409
    assert {"field": field, "kind": kind, "text": found, "asker": False} in response.json()[
        "findings"
    ]
    assert found in response.json()["detail"]
    question.refresh_from_db()
    assert question.status == Status.ANSWERED
    assert question.public_body == ""


def test_a_finding_declared_not_personal_is_published_and_the_declaration_audited(
    api, intake, walked
):
    question = walked(Status.ANSWERED)
    answer = ANSWER_TEXT + " Mọi thắc mắc xin gọi Văn phòng Sở, điện thoại (0263) 3822 141."

    refused = _publish(api, intake, question, public_answer=answer)
    accepted = _publish(
        api, intake, question, public_answer=answer, not_personal=["(0263) 3822 141"]
    )

    assert refused.status_code == 409
    assert accepted.status_code == 200, accepted.content
    question.refresh_from_db()
    assert question.status == Status.PUBLISHED
    event = Event.objects.get(question=question, action="question.published")
    assert event.actor == intake
    assert event.data["not_personal"] == [
        {"field": "public_answer", "kind": "phone", "text": "(0263) 3822 141", "asker": False}
    ]


def test_the_askers_own_phone_cannot_be_declared_not_personal(api, intake, walked):
    question = walked(Status.ANSWERED, phone="0912345678")

    response = _publish(
        api,
        intake,
        question,
        public_answer=ANSWER_TEXT + " Gọi lại 0912 345 678.",
        not_personal=["0912 345 678"],
    )

    assert response.status_code == 409
    assert response.json()["findings"] == [
        {"field": "public_answer", "kind": "phone", "text": "0912 345 678", "asker": True}
    ]
    question.refresh_from_db()
    assert question.status == Status.ANSWERED


def test_the_proposed_redaction_passes_the_guard_it_was_made_by(api, intake, walked):
    question = walked(
        Status.ANSWERED,
        body="Tôi là Trần Thị Mai, CCCD 079177555444, ở số 47 hẻm 215 đường Trần Khắc Chân. "
        "Con trai tôi là Đoàn Văn Hậu muốn xin giấy phép xây dựng.",
    )
    response = _publish(api, intake, question, **proposed_public_version(question))

    assert response.status_code == 200, response.json()
    question.refresh_from_db()
    for leaked in ("Trần Thị Mai", "079177555444", "hẻm 215", "Đoàn Văn Hậu"):
        assert leaked not in question.public_body


def test_the_staff_page_lists_the_findings_and_publishes_once_one_is_declared_public(
    client, intake, walked
):
    question = walked(Status.ANSWERED)
    client.force_login(intake)
    url = reverse("workspace:publish", args=[question.tracking_code])
    data = {
        "public_title": TITLE,
        "public_body": BODY,
        "public_answer": ANSWER_TEXT + " Địa chỉ tiếp dân: số 18 đường Phạm Hùng.",
    }

    refused = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    page = refused.content.decode()
    accepted = client.post(url, data | {"not_personal": ["số 18 đường Phạm Hùng"]})

    assert refused.status_code == 400
    assert 'name="not_personal" value="số 18 đường Phạm Hùng"' in page
    assert accepted.status_code == 302
    question.refresh_from_db()
    assert question.status == Status.PUBLISHED
    assert (
        Event.objects.get(question=question, action="question.published").data["not_personal"][0][
            "text"
        ]
        == "số 18 đường Phạm Hùng"
    )


def test_import_with_publish_holds_back_rows_with_personal_data(db, land, tmp_path):

    path = tmp_path / "archive.jsonl"
    rows = [
        {"id": "a-1", "question": BODY, "answer": ANSWER_TEXT, "agency": land.name},
        {
            "id": "a-2",
            "question": "Tôi là Lê Văn Tám, CCCD 079177555444, hỏi về sổ đỏ.",
            "answer": ANSWER_TEXT,
            "agency": land.name,
        },
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    out = StringIO()

    call_command("import_questions", str(path), "--publish", "--no-progress", stdout=out)

    assert Question.objects.get(external_id="a-1").status == Status.PUBLISHED
    held = Question.objects.get(external_id="a-2")
    assert held.status == Status.ANSWERED
    assert held.public_body == ""
    assert held.publish_consent  # an editor can publish the de-identified version later
    assert "line 2:" in out.getvalue()
    assert "079177555444" in out.getvalue()


def test_every_kind_the_engine_finds_has_a_translated_label():
    from questions.publication import KIND_LABELS
    from questions.redaction import Kind

    assert set(KIND_LABELS) == {str(kind) for kind in Kind}


def test_the_admin_is_no_way_around_the_guard(client, walked, intake):
    """The Django admin shows questions read-only: no form can set a public text there."""
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    question = walked(Status.ANSWERED)
    client.force_login(admin)
    url = reverse("admin:questions_question_change", args=[question.pk])

    page = client.get(url)
    posted = client.post(url, {"public_title": TITLE, "status": Status.PUBLISHED})

    assert page.status_code == 200
    assert 'name="public_title"' not in page.content.decode()
    assert posted.status_code == 403
    question.refresh_from_db()
    assert question.status == Status.ANSWERED
