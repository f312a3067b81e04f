"""Supervisors see the extension requests awaiting them on their workspace home, with the answer
date approving would give (helpdesk/workspace selectors.pending_extensions)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from helpdesk import clock
from questions import services, timeliness
from questions.models import Status
from routing.deadlines import working_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture
def requested(place, staff):
    question = place(Status.IN_PROGRESS)
    services.extension_request(
        question=question,
        working_days=5,
        reason="Cần lấy ý kiến Sở Xây dựng.",
        requested_by=staff["head_land"],
        at=clock.now(),
    )
    question.refresh_from_db()
    return question


def test_a_supervisor_sees_a_pending_request_with_the_date_approving_would_give(
    requested, staff, login
):
    response = login(staff["supervisor"]).get(reverse("workspace:home"))

    [row] = response.context["pending_extensions"]
    expected = working_calendar().add_working_days(
        requested.deadline_start, timeliness.answer_period(requested) + 5
    )
    assert row.extension.question == requested
    assert (row.current_due, row.new_due) == (requested.answer_due, expected)
    html = response.content.decode()
    assert "Extension requests awaiting your decision" in html
    assert requested.tracking_code in html
    assert row.new_due > row.current_due


def test_a_decided_request_leaves_the_list(requested, staff, login):
    extension = requested.extensions.get()
    services.extension_decide(
        extension=extension, approve=True, note="", decided_by=staff["supervisor"], at=clock.now()
    )

    response = login(staff["supervisor"]).get(reverse("workspace:home"))

    assert response.context["pending_extensions"] == []


def test_other_roles_do_not_get_the_list(requested, staff, login):
    for role in ("intake", "head_land", "officer_land"):
        response = login(staff[role]).get(reverse("workspace:home"))
        assert "pending_extensions" not in response.context
