"""The transition catalogue's own rules (questions/transitions.py), without a database."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from questions import services, transitions
from questions.audit import AuditAction
from questions.models import Question, Role, Status

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ANSWERED_AT = datetime(2026, 3, 2, 16, 0, tzinfo=VN)


@pytest.mark.parametrize(
    ("moment", "refused"),
    [
        (datetime(2026, 3, 2, 16, 1, tzinfo=VN), False),
        (datetime(2026, 4, 1, 9, 0, tzinfo=VN), False),
        (datetime(2026, 4, 1, 23, 59, tzinfo=VN), False),  # after 16:00 of the last day
        (datetime(2026, 4, 2, 0, 0, tzinfo=VN), True),
        (datetime(2026, 5, 1, 12, 0, tzinfo=VN), True),
    ],
)
def test_the_reopen_window_counts_local_dates_and_includes_its_last_day(moment, refused, settings):
    settings.HELPDESK = {**settings.HELPDESK, "REOPEN_WITHIN_DAYS": 30}
    question = Question(status=Status.ANSWERED, answered_at=ANSWERED_AT)

    assert (transitions.reopen_refusal(question, moment) is not None) is refused


def test_the_citizen_is_offered_the_moves_an_answered_question_allows():
    question = Question(status=Status.ANSWERED, answered_at=ANSWERED_AT, publish_consent=True)

    offered = transitions.available_actions(question, None, at=ANSWERED_AT)

    assert offered == ["reopen", "rate", "withdraw_consent"]


def test_a_rated_answer_without_consent_offers_only_the_reopen():
    question = Question(
        status=Status.PUBLISHED,
        answered_at=ANSWERED_AT,
        rated_at=ANSWERED_AT,
        publish_consent=False,
    )

    assert transitions.available_actions(question, None, at=ANSWERED_AT) == ["reopen"]


def test_a_status_outside_a_moves_sources_is_refused_in_words_naming_the_status():
    refused = transitions.refusal("approve", Question(status=Status.ROUTED), at=ANSWERED_AT)

    assert refused == "This cannot be done while the question is “Routed to a unit”."


def test_an_administrator_may_make_every_staff_move():
    assert all(
        row.roles[Role.ADMIN] == transitions.Scope.ALL for row in transitions.STAFF_TRANSITIONS
    )


def test_the_citizens_moves_belong_to_no_staff_role():
    assert {row.name for row in transitions.CITIZEN_TRANSITIONS} == {
        "citizen_reply",
        "withdraw",
        "reopen",
        "rate",
        "withdraw_consent",
    }
    assert all(not row.roles for row in transitions.CITIZEN_TRANSITIONS)


def test_every_move_records_events_of_the_audit_vocabulary():
    assert all(
        row.events and all(isinstance(event, AuditAction) for event in row.events)
        for row in transitions.CATALOGUE.values()
    )


def test_every_move_of_the_catalogue_has_its_service_and_no_service_is_left_without_a_row():
    assert set(services._PERFORM) == set(transitions.CATALOGUE)


def test_a_move_the_catalogue_does_not_know_is_a_programming_error():
    with pytest.raises(ValueError, match="No move is called"):
        services.perform("escalate", question=Question(), actor=None, at=ANSWERED_AT)
