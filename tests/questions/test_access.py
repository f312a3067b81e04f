"""Who may see and do what (questions/access.py), at the policy level and through the services.

The question is the Department of Agriculture and Environment's ("land"); ``officer_land`` is
its assignee, ``officer_land_2`` a colleague it is not assigned to; ``head_tax`` and
``officer_tax`` belong to another unit. intake, supervisor and admin work province-wide.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from helpdesk import clock
from questions import access, services, transitions
from questions.models import Question, Role, Status
from tests.factories import ANSWER_TEXT, make_question, make_staff
from tests.questions.test_services import build_in_status, perform, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_status(intake, head_land, officer_land, land):
    def build(status: str, **question_fields) -> Question:
        return build_in_status(
            status,
            intake=intake,
            head=head_land,
            officer=officer_land,
            unit=land,
            **question_fields,
        )

    return build


PEOPLE = [
    "intake",
    "supervisor",
    "admin",
    "head_land",
    "officer_land",
    "officer_land_2",
    "head_tax",
    "officer_tax",
    "citizen",
]
# Scope of each person relative to the land question: own unit, other unit, or province-wide.
SCOPE = {
    "intake": "province",
    "supervisor": "province",
    "admin": "province",
    "head_land": "own unit",
    "officer_land": "own unit (assignee)",
    "officer_land_2": "own unit",
    "head_tax": "other unit",
    "officer_tax": "other unit",
    "citizen": "none",
}

# The matrix (docs/design.md#users, transitions.py): Y allowed, . refused. Columns: PEOPLE's order.
#                                intake  super  admin  head_l off_l  off_l2 head_t off_t  citizen
MATRIX_ROWS = {
    "route":                 "   Y      .      Y      .      .      .      .      .      .   ",
    "reject":                "   Y      .      Y      .      .      .      .      .      .   ",
    "merge":                 "   Y      .      Y      .      .      .      .      .      .   ",
    "assign":                "   .      .      Y      Y      .      .      .      .      .   ",
    "transfer":              "   Y      .      Y      Y      .      .      .      .      .   ",
    "request_clarification": "   .      .      Y      Y      Y      .      .      .      .   ",
    "draft":                 "   .      .      Y      Y      Y      .      .      .      .   ",
    "submit":                "   .      .      Y      Y      Y      .      .      .      .   ",
    "approve":               "   .      .      Y      Y      .      .      .      .      .   ",
    "return":                "   .      .      Y      Y      .      .      .      .      .   ",
    "publish":               "   Y      .      Y      .      .      .      .      .      .   ",
    "unpublish":             "   Y      .      Y      .      .      .      .      .      .   ",
    "request_extension":     "   .      .      Y      Y      .      .      .      .      .   ",
    "decide_extension":      "   .      Y      Y      .      .      .      .      .      .   ",
}  # fmt: skip
MATRIX = [
    (action, person, SCOPE[person], mark == "Y")
    for action, row in MATRIX_ROWS.items()
    for person, mark in zip(PEOPLE, row.split(), strict=True)
]
IDS = [f"{action}-{person}-{'allowed' if ok else 'refused'}" for action, person, _s, ok in MATRIX]


@pytest.fixture
def people(staff, office, land):
    return {
        **staff,
        "admin": make_staff("admin", Role.ADMIN, office),
        "officer_land_2": make_staff("officer_land_2", Role.OFFICER, land),
        "citizen": AnonymousUser(),
    }


def test_the_matrix_covers_every_action_of_the_policy():
    assert set(MATRIX_ROWS) == {row.name for row in transitions.STAFF_TRANSITIONS}


@pytest.mark.parametrize(("action", "person", "scope", "expected"), MATRIX, ids=IDS)
def test_the_policy_allows_each_role_what_the_matrix_says(
    action, person, scope, expected, people, in_status
):
    question = in_status(Status.IN_PROGRESS)  # in land, assigned to officer_land

    assert transitions.permitted(people[person], action, question) is expected


# The status each action is possible from, so that only the permission can refuse it.
START = {
    "route": Status.RECEIVED,
    "reject": Status.RECEIVED,
    "merge": Status.RECEIVED,
    "assign": Status.ROUTED,
    "transfer": Status.IN_PROGRESS,
    "request_clarification": Status.IN_PROGRESS,
    "draft": Status.IN_PROGRESS,
    "submit": Status.IN_PROGRESS,
    "approve": Status.AWAITING_APPROVAL,
    "return": Status.AWAITING_APPROVAL,
    "publish": Status.ANSWERED,
    "unpublish": Status.PUBLISHED,
    "request_extension": Status.IN_PROGRESS,
    "decide_extension": Status.IN_PROGRESS,
}


def _ready(action: str, question: Question, people: dict) -> Question:
    if action == "submit":  # submitting needs a saved draft
        services.answer_save_draft(
            question=question, body=ANSWER_TEXT, actor=people["officer_land"], at=clock.now()
        )
    if action == "decide_extension":  # deciding needs a pending request
        services.extension_request(
            question=question,
            working_days=5,
            reason="Cần thêm thời gian xác minh.",
            requested_by=people["head_land"],
            at=clock.now(),
        )
    return question


@pytest.mark.parametrize(("action", "person", "scope", "expected"), MATRIX, ids=IDS)
def test_the_services_enforce_the_same_matrix(
    action, person, scope, expected, people, in_status, land, tax
):
    question = _ready(action, in_status(START[action]), people)
    user = people[person]
    who = {
        "actor": user,
        "land": land,
        "tax": tax,
        "officer": people["officer_land"],
        "other_question": make_question(title="Một câu hỏi tương tự"),
    }
    before = snapshot(question)

    if expected:
        perform(action, question, who)
        assert snapshot(question)["events"] != before["events"]
    else:
        with pytest.raises(PermissionDenied):
            perform(action, question, who)
        assert snapshot(question) == before


def test_a_head_of_another_unit_cannot_approve_and_nothing_changes(in_status, head_tax):
    question = in_status(Status.AWAITING_APPROVAL)
    before = snapshot(question)

    with pytest.raises(PermissionDenied):
        services.question_approve(question=question, approver=head_tax, at=clock.now())

    assert snapshot(question) == before


def test_after_a_transfer_the_old_unit_loses_the_question_and_the_new_one_gains_it(
    in_status, head_land, head_tax, officer_land, tax
):
    question = in_status(Status.IN_PROGRESS)
    services.question_transfer(
        question=question, to_unit=tax, reason="Thẩm quyền thuế.", actor=head_land, at=clock.now()
    )
    question.refresh_from_db()

    assert not transitions.permitted(head_land, "assign", question)
    assert not transitions.permitted(officer_land, "draft", question)  # no longer theirs
    assert transitions.permitted(head_tax, "assign", question)
    with pytest.raises(Http404):
        access.access_question(head_land, question.tracking_code)
    assert access.access_question(head_tax, question.tracking_code) == question


# --- What each role sees --------------------------------------------------------------------------


@pytest.fixture
def three_questions(in_status, intake, tax):
    in_land = in_status(Status.ROUTED)
    in_tax = services.question_route(
        question=make_question(title="Hỏi về thuế"), unit=tax, actor=intake, at=clock.now()
    )
    unrouted = make_question(title="Chưa chuyển")
    return {"land": in_land, "tax": in_tax, "unrouted": unrouted}


VISIBLE = [
    ("intake", {"land", "tax", "unrouted"}),
    ("supervisor", {"land", "tax", "unrouted"}),
    ("admin", {"land", "tax", "unrouted"}),
    ("head_land", {"land"}),
    ("officer_land", {"land"}),
    ("officer_land_2", {"land"}),
    ("head_tax", {"tax"}),
    ("officer_tax", {"tax"}),
    ("citizen", set()),
]


@pytest.mark.parametrize(("person", "expected"), VISIBLE, ids=[p for p, _e in VISIBLE])
def test_each_role_sees_the_questions_of_its_scope(person, expected, people, three_questions):
    visible = access.questions_visible_to(people[person])

    assert set(visible.values_list("pk", flat=True)) == {three_questions[k].pk for k in expected}


def test_an_account_without_a_staff_profile_sees_nothing(three_questions):
    user = get_user_model().objects.create_user(username="someone", password="pw")

    assert not access.questions_visible_to(user).exists()
    assert not transitions.permitted(user, "route", three_questions["unrouted"])


@pytest.mark.parametrize(("person", "expected"), VISIBLE, ids=[p for p, _e in VISIBLE])
def test_opening_a_question_outside_ones_scope_answers_404(
    person, expected, people, three_questions
):
    for key, question in three_questions.items():
        if key in expected:
            assert access.access_question(people[person], question.tracking_code) == question
        else:
            with pytest.raises(Http404):
                access.access_question(people[person], question.tracking_code)


def test_staff_can_open_a_question_by_its_code_typed_in_lower_case(three_questions, intake):
    question = three_questions["land"]

    assert access.access_question(intake, f" {question.tracking_code.lower()} ") == question


def test_an_unknown_code_answers_404_even_for_intake(intake):
    with pytest.raises(Http404):
        access.access_question(intake, "HD-2026-ZZZZZ")


# --- The citizen's private link -----------------------------------------------------------------


def test_the_citizen_opens_the_question_with_its_code_and_token():
    question = make_question()

    assert access.access_question_as_citizen(question.tracking_code, question.access_token) == (
        question
    )


def test_the_code_is_read_case_insensitively_and_without_surrounding_spaces():
    question = make_question()

    found = access.access_question_as_citizen(
        f"  {question.tracking_code.lower()} ", question.access_token
    )

    assert found == question


@pytest.mark.parametrize(
    "token_of",
    [
        lambda q, other: "",
        lambda q, other: None,
        lambda q, other: "wrong-token",
        lambda q, other: other.access_token,
        lambda q, other: q.access_token[:-1],
        lambda q, other: q.access_token + "x",
        lambda q, other: q.access_token.upper(),
        lambda q, other: q.tracking_code,
        lambda q, other: "mã-bí-mật-ẩn",  # non-ASCII must not crash the comparison
    ],
    ids=[
        "empty",
        "none",
        "wrong",
        "other-questions-token",
        "truncated",
        "extended",
        "wrong-case",
        "the-code-itself",
        "non-ascii",
    ],
)
def test_anything_but_the_exact_token_answers_404(token_of):
    question = make_question()
    other = make_question(title="Câu hỏi khác")

    with pytest.raises(Http404):
        access.access_question_as_citizen(question.tracking_code, token_of(question, other))


def test_the_right_token_with_another_questions_code_answers_404():
    question = make_question()
    other = make_question(title="Câu hỏi khác")

    with pytest.raises(Http404):
        access.access_question_as_citizen(other.tracking_code, question.access_token)


def test_an_unknown_code_answers_404_for_the_citizen():
    with pytest.raises(Http404):
        access.access_question_as_citizen("HD-2026-ZZZZZ", "anything")
