"""What staff and citizens see of deadlines: inbox flags and filters, the deadline panel,
extension forms, and the citizen's "how your due date was computed"."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from questions.models import ExtensionRequest, Status
from tests.language import english_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def login():
    def as_user(user) -> Client:
        client = english_client()
        client.force_login(user)
        client.cookies["django_language"] = "en"
        return client

    return as_user


def codes(response) -> set[str]:
    return set(re.findall(r'class="code"><a [^>]*>(HD-\d{4}-\w+)<', response.content.decode()))


def test_the_inbox_flags_overdue_questions_in_working_days(travel, place, head_land, login):
    travel("2026-03-02")
    question = place(Status.IN_PROGRESS)  # due Monday 23/3
    travel("2026-03-25")  # Wednesday: 2 working days late

    page = login(head_land).get(reverse("workspace:inbox") + "?due=overdue")

    assert codes(page) == {question.tracking_code}
    assert "overdue by 2 working days" in page.content.decode()


def test_due_soon_is_counted_in_working_days_across_a_weekend(travel, place, head_land, login):
    travel("2026-03-02")
    question = place(Status.IN_PROGRESS)  # due Monday 23/3
    inbox = reverse("workspace:inbox") + "?due=soon"

    travel("2026-03-19")  # Thursday: Friday and Monday left
    assert codes(login(head_land).get(inbox)) == {question.tracking_code}
    travel("2026-03-18")  # Wednesday: 3 working days left
    assert codes(login(head_land).get(inbox)) == set()


def test_the_question_page_explains_the_due_date_and_offers_the_head_an_extension(
    travel, place, head_land, supervisor, login
):
    travel("2026-02-13")  # Friday before Tết
    question = place(Status.IN_PROGRESS)
    client = login(head_land)

    page = client.get(reverse("workspace:question", args=[question.tracking_code])).content.decode()
    assert "How the due date was computed" in page
    assert "Tết Nguyên Đán" in page
    assert "Ask for more time" in page

    response = client.post(
        reverse("workspace:extension_request", args=[question.tracking_code]),
        {"working_days": "5", "reason": "Chờ ý kiến Sở Tư pháp."},
    )
    assert response.status_code == 302
    extension = ExtensionRequest.objects.get()
    assert extension.state == "pending"

    supervisor_client = login(supervisor)
    page = supervisor_client.get(reverse("workspace:question", args=[question.tracking_code]))
    assert "Record the decision" in page.content.decode()
    response = supervisor_client.post(
        reverse("workspace:extension_decide", args=[question.tracking_code, extension.pk]),
        {f"x{extension.pk}-decision": "approve", f"x{extension.pk}-note": ""},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer_due == date(2026, 3, 20)  # 13/3 + 5 working days


def test_a_refusal_without_a_note_is_sent_back_to_the_form(travel, place, head_land, supervisor,
                                                          login):  # fmt: skip
    from questions import services

    travel("2026-03-02")
    question = place(Status.IN_PROGRESS)
    extension = services.extension_request(
        question=question, working_days=3, reason="Lý do", requested_by=head_land,
        at=question.received_at,
    )  # fmt: skip

    response = login(supervisor).post(
        reverse("workspace:extension_decide", args=[question.tracking_code, extension.pk]),
        {f"x{extension.pk}-decision": "refuse"},
    )

    assert response.status_code == 400
    extension.refresh_from_db()
    assert extension.state == "pending"


def test_an_officer_cannot_ask_for_an_extension(travel, place, officer_land, login):
    travel("2026-03-02")
    question = place(Status.IN_PROGRESS)

    response = login(officer_land).post(
        reverse("workspace:extension_request", args=[question.tracking_code]),
        {"working_days": "5", "reason": "x"},
    )

    assert response.status_code == 403
    assert not ExtensionRequest.objects.exists()


def test_the_citizen_sees_the_due_date_and_how_it_was_computed(travel, place, login):
    travel("2026-02-13")
    question = place(Status.IN_PROGRESS)
    client = english_client()
    client.cookies["django_language"] = "en"

    response = client.get(
        reverse("questions:track", args=[question.tracking_code])
        + f"?token={question.access_token}",
        follow=True,
    )
    page = response.content.decode()

    assert "Your answer deadline" in page
    assert "13/02/2026" in page  # day zero
    assert "13/03/2026" in page  # due
    assert "Tết Nguyên Đán" in page
    assert "Saturdays and Sundays" in page
