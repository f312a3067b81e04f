"""Two people acting on one question at the same moment: exactly one of them succeeds.

Each test starts its threads together on a barrier, so that both read the question before
either has written (without the row lock / SQLite's write lock taken at BEGIN, both would see
"awaiting approval" and both would approve). Every thread has its own database connection and
closes it when done. Runs on SQLite (a WAL file, see conftest.py) and on PostgreSQL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connections
from django.http import HttpResponse
from django.urls import include, path

from helpdesk import clock
from questions import receipt, services
from questions.models import Answer, Event, Question, Role, Status
from tests.factories import make_question, make_staff, walk

# Committing runs the notification hooks, whose e-mails link to the citizen's page; these tests
# are about the services, so they do not depend on the web layer's URLs being there.
urlpatterns = [
    path(
        "",
        include(
            ([path("track/<str:code>/", lambda r, code: HttpResponse(), name="track")], "questions")
        ),
    )
]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _service_urls(settings):
    settings.ROOT_URLCONF = __name__


def run_together(*calls: Callable[[], object]) -> list[object]:
    """Run ``calls`` in threads released at the same moment; return each result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    return results


def outcome(results: list[object]) -> tuple[list[object], list[BaseException]]:
    errors = [r for r in results if isinstance(r, BaseException)]
    return [r for r in results if not isinstance(r, BaseException)], errors


@pytest.fixture
def awaiting_approval(intake, head_land, officer_land, land) -> Question:
    return walk(
        make_question(),
        Status.AWAITING_APPROVAL,
        intake=intake,
        head=head_land,
        officer=officer_land,
        unit=land,
    )


@pytest.fixture
def second_head_land(land):
    return make_staff("deputy_head_land", Role.HEAD, land)


def test_two_heads_approving_the_same_answer_at_once_approve_it_once(
    awaiting_approval, head_land, second_head_land
):
    question = awaiting_approval
    at = clock.now()

    results = run_together(
        lambda: services.question_approve(question=question, approver=head_land, at=at),
        lambda: services.question_approve(question=question, approver=second_head_land, at=at),
    )

    successes, errors = outcome(results)
    assert len(successes) == 1
    assert len(errors) == 1
    assert isinstance(errors[0], services.TransitionError), repr(errors[0])
    assert Event.objects.filter(question=question, action="question.answered").count() == 1
    question.refresh_from_db()
    assert question.status == Status.ANSWERED
    approved = question.answers.get(state=Answer.State.APPROVED)
    assert approved.decided_by == successes[0].answers.get(state="approved").decided_by


def test_the_same_head_approving_twice_at_once_approves_once(awaiting_approval, head_land):
    question = awaiting_approval
    at = clock.now()

    results = run_together(
        lambda: services.question_approve(question=question, approver=head_land, at=at),
        lambda: services.question_approve(question=question, approver=head_land, at=at),
    )

    successes, errors = outcome(results)
    assert len(successes) == 1
    assert [type(e) for e in errors] == [services.TransitionError]
    assert Event.objects.filter(question=question, action="question.answered").count() == 1
    assert question.answers.filter(state=Answer.State.APPROVED).count() == 1


def test_approve_and_return_at_once_leave_one_consistent_outcome(
    awaiting_approval, head_land, second_head_land
):
    question = awaiting_approval
    at = clock.now()

    results = run_together(
        lambda: services.question_approve(question=question, approver=head_land, at=at),
        lambda: services.question_return_draft(
            question=question, reason="Bổ sung căn cứ pháp lý.", approver=second_head_land, at=at
        ),
    )

    successes, errors = outcome(results)
    assert len(successes) == 1
    assert [type(e) for e in errors] == [services.TransitionError]
    question.refresh_from_db()
    decisions = Event.objects.filter(
        question=question, action__in=["question.answered", "answer.returned"]
    )
    assert decisions.count() == 1
    expected = (
        Status.ANSWERED if decisions.get().action == "question.answered" else (Status.IN_PROGRESS)
    )
    assert question.status == expected


def test_two_intake_users_routing_the_same_question_to_different_units_one_wins(
    intake, office, land, tax
):
    other_intake = make_staff("intake_2", Role.INTAKE, office)
    question = make_question()
    at = clock.now()

    results = run_together(
        lambda: services.question_route(question=question, unit=land, actor=intake, at=at),
        lambda: services.question_route(question=question, unit=tax, actor=other_intake, at=at),
    )

    successes, errors = outcome(results)
    # The loser does not silently re-route the winner's choice: it is refused, because the
    # question it meant to route from "received" has already been routed.
    assert len(successes) == 1
    routing_events = Event.objects.filter(
        question=question, action__in=["question.routed", "question.rerouted"]
    )
    question.refresh_from_db()
    if errors:
        assert [type(e) for e in errors] == [services.TransitionError]
        assert routing_events.count() == 1
    else:  # pragma: no cover - documents the other acceptable outcome
        pytest.fail("both routings succeeded")
    assert question.unit == successes[0].unit
    assert routing_events.get().data["unit"] == question.unit.code


def test_two_submissions_with_the_same_idempotency_key_at_once_store_one_question():
    def submit():
        return receipt.question_submit(
            title="Hỏi về thuế thu nhập cá nhân",
            body="Xin hỏi thu nhập từ cho thuê nhà có phải nộp thuế không?",
            name="Trần Thị Bình",
            email="binh@example.com",
            idempotency_key="retry-7f3a",
        )

    results = run_together(submit, submit)

    successes, errors = outcome(results)
    assert errors == []
    assert sorted(created for _question, created in successes) == [False, True]
    assert successes[0][0].pk == successes[1][0].pk
    assert Question.objects.filter(idempotency_key="retry-7f3a").count() == 1


def test_two_questions_merged_into_each_other_at_once_end_with_only_one_merged(intake, office):
    other_intake = make_staff("intake_2", Role.INTAKE, office)
    first = make_question(title="Câu hỏi thứ nhất")
    second = make_question(title="Câu hỏi thứ hai")
    at = clock.now()

    results = run_together(
        lambda: services.question_merge(question=first, into=second, actor=intake, at=at),
        lambda: services.question_merge(question=second, into=first, actor=other_intake, at=at),
    )

    successes, errors = outcome(results)
    assert len(successes) == 1
    assert [type(e) for e in errors] == [services.TransitionError]
    statuses = sorted(Question.objects.filter(pk__in=[first.pk, second.pk]).values_list("status"))
    assert statuses == [(Status.MERGED,), (Status.RECEIVED,)]
