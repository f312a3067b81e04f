"""One question walked from the intake queue to the public archive by HTTP POSTs only."""

import pytest
from django.urls import reverse

from questions.models import Answer, Question, Status
from tests.factories import make_question

from .conftest import messages_of


def _post(client, name, question, data=None):
    response = client.post(reverse(name, args=[question.tracking_code]), data or {}, follow=True)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response


@pytest.mark.django_db
def test_staff_walk_a_question_from_the_intake_queue_to_the_archive(
    staff, land, land_category, login
):
    question = make_question(
        category=land_category,
        title="Hỏi về cấp sổ đỏ",
        body="Tôi tên là Nguyễn Văn An, số điện thoại 0912345678. Xin hỏi thủ tục cấp sổ đỏ?",
    )
    intake, head, officer = (
        login(staff["intake"]),
        login(staff["head_land"]),
        login(staff["officer_land"]),
    )

    queue = intake.get(reverse("workspace:intake"))
    assert question.tracking_code in queue.content.decode()
    response = _post(
        intake, "workspace:route", question, {"unit": land.pk, "next": reverse("workspace:intake")}
    )
    assert response.redirect_chain[-1][0] == reverse("workspace:intake")
    assert "The question was routed." in messages_of(response)

    _post(head, "workspace:assign", question, {"officer": staff["officer_land"].pk})
    _post(
        officer, "workspace:draft", question, {"body": "Bản nháp thứ nhất.", "legal_references": ""}
    )
    _post(officer, "workspace:submit", question)
    response = _post(head, "workspace:return", question, {"reason": "Thiếu căn cứ pháp lý."})
    assert "Thiếu căn cứ pháp lý." in response.content.decode()  # shown in the answer history

    _post(
        officer,
        "workspace:draft",
        question,
        {
            "body": "Theo Luật Đất đai 2024, hồ sơ gồm đơn và giấy tờ.",
            "legal_references": "Điều 137",
        },
    )
    _post(officer, "workspace:submit", question)
    _post(head, "workspace:approve", question)

    form = intake.get(reverse("workspace:publish", args=[question.tracking_code]))
    proposed = form.context["form"].initial
    assert "0912345678" not in proposed["public_body"]
    assert "Nguyễn Văn An" not in proposed["public_body"]
    response = _post(
        intake,
        "workspace:publish",
        question,
        {
            "public_title": "Thủ tục cấp giấy chứng nhận quyền sử dụng đất",
            "public_body": proposed["public_body"],
            "public_answer": proposed["public_answer"] + " (đã biên tập)",
        },
    )
    assert "The question is published in the public archive." in messages_of(response)

    question = Question.objects.get(pk=question.pk)
    assert question.status == Status.PUBLISHED
    assert question.public_title == "Thủ tục cấp giấy chứng nhận quyền sử dụng đất"
    assert question.public_answer.endswith("(đã biên tập)")
    # The original stays private and untouched.
    assert "0912345678" in question.body
    assert list(question.answers.values_list("state", flat=True)) == [
        Answer.State.RETURNED,
        Answer.State.APPROVED,
    ]
    assert list(question.events.values_list("action", flat=True)) == [
        "question.received",
        "question.routed",
        "question.assigned",
        "answer.drafted",
        "answer.submitted",
        "answer.returned",
        "answer.drafted",
        "answer.submitted",
        "question.answered",
        "question.published",
    ]
