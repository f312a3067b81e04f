"""A rejection tells the citizen where to go instead: the reject form's next step, shown on the
tracking page and in the message (workspace RejectForm, services.question_reject)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from questions.audit import AuditAction
from questions.models import Event, Question, Status
from questions.notifications import private_url
from tests.factories import make_question
from tests.language import english_client

pytestmark = pytest.mark.django_db

INSPECTORATE = "Thanh tra tỉnh — Ban Tiếp công dân, 12 Lê Lợi"
INSPECTORATE_URL = "https://thanhtra.example.gov.vn/tiep-cong-dan"


@pytest.fixture
def received(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        question = make_question()
    mail.outbox.clear()
    return question


def _reject(client, question, capture, **data):
    with capture(execute=True):
        return client.post(
            reverse("workspace:reject", args=[question.tracking_code]),
            {"preset": "complaint", "reason": "", **data},
        )


def test_the_next_step_given_on_the_reject_form_is_kept_with_the_rejection(
    received, staff, login, django_capture_on_commit_callbacks
):
    _reject(
        login(staff["intake"]),
        received,
        django_capture_on_commit_callbacks,
        next_step=INSPECTORATE,
        next_step_url=INSPECTORATE_URL,
    )

    event = Event.objects.get(question=received, action=AuditAction.REJECTED)
    assert event.data == {"next_step": INSPECTORATE, "next_step_url": INSPECTORATE_URL}
    assert Question.objects.get(pk=received.pk).status == Status.REJECTED


def test_the_tracking_page_shows_the_next_step_with_its_link(
    received, staff, login, django_capture_on_commit_callbacks
):
    _reject(
        login(staff["intake"]),
        received,
        django_capture_on_commit_callbacks,
        next_step=INSPECTORATE,
        next_step_url=INSPECTORATE_URL,
    )
    citizen = english_client()
    citizen.get(private_url(received))

    html = citizen.get(reverse("questions:track", args=[received.tracking_code])).content.decode()

    assert "What you can do instead" in html
    assert INSPECTORATE in html
    assert f'href="{INSPECTORATE_URL}"' in html


def test_the_rejection_message_says_where_to_go_instead(
    received, staff, login, django_capture_on_commit_callbacks
):
    _reject(
        login(staff["intake"]),
        received,
        django_capture_on_commit_callbacks,
        next_step=INSPECTORATE,
        next_step_url=INSPECTORATE_URL,
    )

    [message] = mail.outbox
    assert INSPECTORATE in message.body
    assert INSPECTORATE_URL in message.body


def test_a_link_without_a_name_is_refused(
    received, staff, login, django_capture_on_commit_callbacks
):
    response = _reject(
        login(staff["intake"]),
        received,
        django_capture_on_commit_callbacks,
        preset="unclear",
        next_step_url=INSPECTORATE_URL,
    )

    assert response.status_code == 400
    assert Question.objects.get(pk=received.pk).status == Status.RECEIVED


def test_an_unclear_question_may_be_rejected_without_a_next_step(
    received, staff, login, django_capture_on_commit_callbacks
):
    _reject(login(staff["intake"]), received, django_capture_on_commit_callbacks, preset="unclear")

    assert Event.objects.get(question=received, action=AuditAction.REJECTED).data == {}
