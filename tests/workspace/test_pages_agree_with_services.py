"""The pages, the API and the services answer "may this be done now?" alike.

Each case is a disagreement that once existed: a page re-derived a rule of its own and hid a
move the service accepts (or the API offered one the service refuses). All of them now read
the transition catalogue (questions/transitions.py).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from helpdesk import clock
from questions import services
from questions.models import Status

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _track_page(client, question):
    url = reverse("questions:track", args=[question.tracking_code])
    return client.get(f"{url}?token={question.access_token}", follow=True)


def test_the_tracking_page_offers_a_reopen_on_the_last_day_of_the_window_after_the_hour(
    place, login
):
    # Answered on 2 March at 16:00; the window is 30 days counted in dates, so 1 April is its
    # last day, all of it: at 17:00 the service still accepts a reopen.
    with time_machine.travel(datetime(2026, 3, 2, 16, 0, tzinfo=VN), tick=False):
        question = place(Status.ANSWERED)

    with time_machine.travel(datetime(2026, 4, 1, 17, 0, tzinfo=VN), tick=False):
        page = _track_page(login(None), question)
        reopened = services.question_reopen(question=question, reason="Chưa rõ.", at=clock.now())

    assert page.context.get("reopen_form") is not None
    assert reopened.status == Status.REOPENED


def test_the_head_may_ask_for_an_extension_again_in_the_answer_period_after_a_reopen(
    place, staff, login
):
    head, supervisor = staff["head_land"], staff["supervisor"]
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        question = place("draft_saved")
        extension = services.extension_request(
            question=question, working_days=3, reason="Cần xác minh.", requested_by=head,
            at=clock.now(),
        )  # fmt: skip
        services.extension_decide(
            extension=extension, approve=True, decided_by=supervisor, at=clock.now()
        )
        services.question_submit_draft(
            question=question, actor=staff["officer_land"], at=clock.now()
        )
        services.question_approve(question=question, approver=head, at=clock.now())
    with time_machine.travel(datetime(2026, 3, 16, 9, 0, tzinfo=VN), tick=False):
        services.question_reopen(question=question, reason="Chưa rõ.", at=clock.now())
        services.question_assign(
            question=question, officer=staff["officer_land"], actor=head, at=clock.now()
        )
        page = login(head).get(reverse("workspace:question", args=[question.tracking_code]))
        asked = services.extension_request(
            question=question, working_days=2, reason="Cần xác minh lại.", requested_by=head,
            at=clock.now(),
        )  # fmt: skip

    assert page.context["extension_form"] is not None
    assert asked.pk != extension.pk


def test_the_api_does_not_offer_submit_without_a_saved_draft(place, staff):
    question = place(Status.IN_PROGRESS)
    client = APIClient()
    client.force_authenticate(staff["officer_land"])

    body = client.get(f"/api/v1/staff/questions/{question.tracking_code}/").json()

    assert "draft" in body["available_actions"]
    assert "submit" not in body["available_actions"]
