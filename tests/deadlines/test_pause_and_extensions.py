"""Pauses for the citizen's clarification and extensions move the answer deadline
(docs/lifecycle.md)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from helpdesk import clock
from questions import services
from questions.models import Event, ExtensionRequest, Status
from tests.deadlines.conftest import at

pytestmark = pytest.mark.django_db

# Received Monday 2 March 2026: day zero; 15 working days later is Monday 23 March.
RECEIVED = "2026-03-02"
DUE = date(2026, 3, 23)


@pytest.fixture
def in_progress(travel, place):
    travel(RECEIVED)
    question = place(Status.IN_PROGRESS)
    assert question.answer_due == DUE
    return question


def ask_and_reply(question, officer, *, asked: str, replied: str):
    services.question_request_clarification(
        question=question, message="Xin bổ sung số thửa.", actor=officer, at=at(asked)
    )
    return services.question_citizen_reply(question=question, message="Thửa số 12.", at=at(replied))


def test_a_question_is_received_with_its_category_policy_copied(in_progress, land_category):
    assert in_progress.deadline_start == date(2026, 3, 2)
    assert in_progress.answer_within_days == land_category.answer_within_days == 15
    assert in_progress.route_by == date(2026, 3, 4)
    assert in_progress.progress_notice_on == date(2026, 3, 12)  # day 8 of 15


def test_the_deadline_moves_by_the_working_days_the_clock_was_paused(in_progress, officer_land):
    # Asked Thursday 5/3, replied Tuesday 10/3: Fri 6, Mon 9, Tue 10 = 3 working days.
    question = ask_and_reply(in_progress, officer_land, asked="2026-03-05", replied="2026-03-10")

    assert question.paused_working_days == 3
    assert question.paused_on is None
    assert question.answer_due == date(2026, 3, 26)
    event = question.events.get(action="question.citizen_replied")
    assert event.data["old_due"] == "2026-03-23"
    assert event.data["new_due"] == "2026-03-26"


def test_a_reply_on_the_day_of_the_request_moves_nothing(in_progress, officer_land):
    question = ask_and_reply(in_progress, officer_land, asked="2026-03-05", replied="2026-03-05")

    assert question.paused_working_days == 0
    assert question.answer_due == DUE


def test_a_pause_over_a_weekend_counts_only_working_days(in_progress, officer_land):
    # Asked Friday 6/3, replied Monday 9/3: only Monday counts.
    question = ask_and_reply(in_progress, officer_land, asked="2026-03-06", replied="2026-03-09")

    assert question.paused_working_days == 1
    assert question.answer_due == date(2026, 3, 24)


def test_an_approved_extension_moves_the_deadline_and_tells_the_citizen_why(
    in_progress, head_land, supervisor, django_capture_on_commit_callbacks
):
    extension = services.extension_request(
        question=in_progress,
        working_days=5,
        reason="Cần xác minh hồ sơ địa chính tại xã.",
        requested_by=head_land,
        at=at("2026-03-10"),
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.extension_decide(
            extension=extension, approve=True, decided_by=supervisor, at=at("2026-03-11")
        )

    in_progress.refresh_from_db()
    extension.refresh_from_db()
    assert in_progress.extended_working_days == 5
    assert in_progress.answer_due == date(2026, 3, 30)
    assert (extension.state, extension.due_before, extension.due_after) == (
        ExtensionRequest.State.APPROVED,
        DUE,
        date(2026, 3, 30),
    )
    event = in_progress.events.get(action="question.extended")
    assert not event.is_internal
    assert event.note == "Cần xác minh hồ sơ địa chính tại xã."
    assert [m.to for m in mail.outbox] == [[in_progress.asker_email]]
    assert "Cần xác minh hồ sơ địa chính tại xã." in mail.outbox[0].body


def test_a_refused_extension_keeps_the_deadline_and_tells_the_head(
    in_progress, head_land, supervisor, django_capture_on_commit_callbacks
):
    head_land.email = "head@example.com"
    head_land.save()
    extension = services.extension_request(
        question=in_progress, working_days=5, reason="Nhiều việc.", requested_by=head_land,
        at=at("2026-03-10"),
    )  # fmt: skip
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.extension_decide(
            extension=extension,
            approve=False,
            note="Câu hỏi đơn giản, trả lời đúng hạn.",
            decided_by=supervisor,
            at=at("2026-03-11"),
        )

    in_progress.refresh_from_db()
    assert in_progress.answer_due == DUE
    assert in_progress.events.get(action="question.extension_refused").is_internal
    assert [m.to for m in mail.outbox] == [["head@example.com"]]


def test_refusing_without_a_reason_is_refused(in_progress, head_land, supervisor):
    extension = services.extension_request(
        question=in_progress, working_days=5, reason="Lý do", requested_by=head_land,
        at=clock.now(),
    )  # fmt: skip

    with pytest.raises(services.TransitionError):
        services.extension_decide(
            extension=extension, approve=False, decided_by=supervisor, at=clock.now()
        )


def test_a_second_extension_is_refused_when_the_category_allows_one(
    in_progress, head_land, supervisor
):
    first = services.extension_request(
        question=in_progress, working_days=3, reason="Lý do", requested_by=head_land,
        at=clock.now(),
    )  # fmt: skip
    services.extension_decide(extension=first, approve=True, decided_by=supervisor, at=clock.now())

    with pytest.raises(services.TransitionError, match="already had"):
        services.extension_request(
            question=in_progress, working_days=3, reason="Lý do", requested_by=head_land,
            at=clock.now(),
        )  # fmt: skip


def test_a_category_may_allow_more_extensions(in_progress, head_land, supervisor, land_category):
    land_category.max_extensions = 2
    land_category.save()
    for _round in range(2):
        extension = services.extension_request(
            question=in_progress, working_days=2, reason="Lý do", requested_by=head_land,
            at=clock.now(),
        )  # fmt: skip
        services.extension_decide(
            extension=extension, approve=True, decided_by=supervisor, at=clock.now()
        )

    in_progress.refresh_from_db()
    assert in_progress.extended_working_days == 4
    assert in_progress.answer_due == date(2026, 3, 27)


def test_only_one_request_waits_for_a_decision_at_a_time(in_progress, head_land):
    services.extension_request(
        question=in_progress, working_days=3, reason="Lý do", requested_by=head_land,
        at=clock.now(),
    )  # fmt: skip

    with pytest.raises(services.TransitionError, match="awaits a decision"):
        services.extension_request(
            question=in_progress, working_days=3, reason="Lý do", requested_by=head_land,
            at=clock.now(),
        )  # fmt: skip


@pytest.mark.parametrize("who", ["officer_land", "head_tax", "supervisor", "intake"])
def test_only_the_head_of_the_unit_asks_for_an_extension(in_progress, staff, who):
    with pytest.raises(PermissionDenied):
        services.extension_request(
            question=in_progress, working_days=3, reason="Lý do", requested_by=staff[who],
            at=clock.now(),
        )  # fmt: skip
    assert not Event.objects.filter(action="question.extension_requested").exists()


@pytest.mark.parametrize("who", ["head_land", "officer_land", "intake"])
def test_only_a_supervisor_decides_an_extension(in_progress, staff, head_land, who):
    extension = services.extension_request(
        question=in_progress, working_days=3, reason="Lý do", requested_by=head_land,
        at=clock.now(),
    )  # fmt: skip

    with pytest.raises(PermissionDenied):
        services.extension_decide(
            extension=extension, approve=True, decided_by=staff[who], at=clock.now()
        )


def test_a_reopened_question_gets_a_new_answer_period_from_the_reopening(travel, place, head_land):
    travel(RECEIVED)
    question = place(Status.ANSWERED)
    travel("2026-03-16")

    question = services.question_reopen(question=question, reason="Chưa rõ.", at=clock.now())

    assert question.deadline_start == date(2026, 3, 16)
    assert question.answer_due == date(2026, 4, 6)
