"""The deadline sweep records each notification once and sends it once (questions/sweep.py)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from questions.models import Notification, Role, Status
from questions.sweep import run_sweep
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def emails(head_land, officer_land, supervisor):
    for user, email in ((head_land, "head@x.vn"), (officer_land, "officer@x.vn"),
                        (supervisor, "sup@x.vn")):  # fmt: skip
        user.email = email
        user.save()


@pytest.fixture
def question(travel, place, emails):
    travel("2026-03-02")  # due Monday 23/3, progress notice Thursday 12/3
    return place(Status.IN_PROGRESS)


def kinds_sent():
    return sorted(Notification.objects.exclude(sent_at=None).values_list("kind", flat=True))


def test_nothing_is_sent_before_anything_is_due(question, travel):
    travel("2026-03-11")

    report = run_sweep()

    assert sum(report.recorded.values()) == 0
    assert mail.outbox == []


def test_the_citizen_gets_a_progress_notice_half_way(question, travel):
    travel("2026-03-12")

    run_sweep()

    assert kinds_sent() == ["progress"]
    assert [m.to for m in mail.outbox] == [[question.asker_email]]
    assert question.tracking_code in mail.outbox[0].subject


def test_the_assignee_is_reminded_two_working_days_before_the_due_date(question, travel):
    travel("2026-03-19")  # Thursday; due Monday 23/3

    run_sweep()

    reminder = Notification.objects.get(kind="reminder")
    assert reminder.due_on == date(2026, 3, 23)
    assert reminder.recipients == ["officer_land"]
    assert ["officer@x.vn"] in [m.to for m in mail.outbox]


def test_an_overdue_question_is_escalated_to_the_head_and_the_supervisors(question, travel):
    travel("2026-03-24")

    run_sweep()

    escalation = Notification.objects.get(kind="escalation")
    assert escalation.recipients == ["head_land", "supervisor"]
    staff_mail = [m for m in mail.outbox if m.to != [question.asker_email]]
    assert {tuple(m.to) for m in staff_mail} >= {("head@x.vn", "sup@x.vn")}


def test_a_second_sweep_sends_nothing_again(question, travel):
    travel("2026-03-24")
    run_sweep()
    sent = len(mail.outbox)

    report = run_sweep()
    call_command("run_deadline_sweep", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert len(mail.outbox) == sent
    assert sum(report.recorded.values()) == 0
    assert sum(report.sent.values()) == 0


def test_a_question_waiting_for_the_citizen_gets_no_reminder(question, travel, officer_land):
    from questions import services

    services.question_request_clarification(
        question=question, message="?", actor=officer_land, at=question.received_at
    )
    travel("2026-03-24")

    run_sweep()

    assert Notification.objects.count() == 0


def test_an_extension_brings_a_new_reminder_for_the_new_due_date(question, travel, head_land,
                                                                supervisor):  # fmt: skip
    from questions import services

    travel("2026-03-19")
    run_sweep()
    extension = services.extension_request(
        question=question, working_days=5, reason="Lý do", requested_by=head_land,
        at=question.received_at,
    )  # fmt: skip
    services.extension_decide(
        extension=extension, approve=True, decided_by=supervisor, at=question.received_at
    )
    travel("2026-03-26")  # due now Monday 30/3

    run_sweep()

    assert list(
        Notification.objects.filter(kind="reminder")
        .order_by("due_on")
        .values_list("due_on", flat=True)
    ) == [date(2026, 3, 23), date(2026, 3, 30)]


def test_a_failed_send_is_retried_by_the_next_sweep(question, travel, settings):
    travel("2026-03-12")
    settings.EMAIL_BACKEND = "tests.deadlines.test_sweep.FailingBackend"

    report = run_sweep()

    assert report.failed == 1
    row = Notification.objects.get()
    assert (row.sent_at, row.attempts, row.claim_token) == (None, 1, "")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    run_sweep()

    row.refresh_from_db()
    assert row.sent_at is not None
    assert len(mail.outbox) == 1


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP down")


def test_the_sweep_runs_a_fixed_number_of_queries_whatever_the_number_of_questions(
    travel, place, emails, land, head_land
):
    travel("2026-03-02")
    make_staff("officer_2", Role.OFFICER, land)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            run_sweep()
        return len(captured)

    place(Status.IN_PROGRESS)
    travel("2026-03-24")
    few = queries()
    travel("2026-03-02")
    for _ in range(6):
        place(Status.IN_PROGRESS)
    travel("2026-03-25")
    many = queries()

    assert few == many
