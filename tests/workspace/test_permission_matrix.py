"""The permission matrix over HTTP: each role, on its own or another unit, for each action.

Each row places a question where the action is possible by status (so only the permission
decides), sends the request as the named user, and checks the HTTP outcome; every refusal
must leave the question exactly as it was (status, unit, assignee, events, answers).

Outcomes: "ok" (the action happened: 200 for viewing, a redirect and a change for a POST),
403 (in scope but not this role's job), 404 (outside the user's scope: its existence is not
revealed), "login" (anonymous: redirected to the login page).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from questions import services
from questions.models import Question, Status
from tests.factories import make_question

from .conftest import snapshot

# Where the question must stand for the action to be possible by status.
SETUP = {
    "view": Status.IN_PROGRESS,
    "route": Status.RECEIVED,
    "reject": Status.RECEIVED,
    "merge": Status.RECEIVED,
    "assign": Status.ROUTED,
    "transfer": Status.ROUTED,
    "request_clarification": Status.IN_PROGRESS,
    "draft": Status.IN_PROGRESS,
    "submit": "draft_saved",
    "approve": Status.AWAITING_APPROVAL,
    "return": Status.AWAITING_APPROVAL,
    "publish": Status.ANSWERED,
    "unpublish": Status.PUBLISHED,
}

# Unit roles act on their "own" unit's question or the "other" unit's; the intake desk and
# the supervisor see the whole province ("any"); nobody owns an unrouted question ("none").
MATRIX = [
    # view
    ("intake", "any", "view", "ok"),
    ("supervisor", "any", "view", "ok"),
    ("head_land", "own", "view", "ok"),
    ("head_land", "other", "view", 404),
    ("officer_land", "own", "view", "ok"),
    ("officer_land", "other", "view", 404),
    ("head_tax", "own", "view", "ok"),
    ("officer_tax", "other", "view", 404),
    ("anonymous", "any", "view", "login"),
    # route / reject / merge: the intake desk only
    ("intake", "none", "route", "ok"),
    ("supervisor", "none", "route", 403),
    ("head_land", "none", "route", 404),
    ("officer_land", "none", "route", 404),
    ("head_tax", "none", "route", 404),
    ("officer_tax", "none", "route", 404),
    ("anonymous", "none", "route", "login"),
    ("intake", "none", "reject", "ok"),
    ("supervisor", "none", "reject", 403),
    ("head_land", "none", "reject", 404),
    ("officer_land", "none", "reject", 404),
    ("officer_tax", "none", "reject", 404),
    ("anonymous", "none", "reject", "login"),
    ("intake", "none", "merge", "ok"),
    ("supervisor", "none", "merge", 403),
    ("head_land", "none", "merge", 404),
    ("officer_land", "none", "merge", 404),
    ("anonymous", "none", "merge", "login"),
    # assign: the head of the unit
    ("head_land", "own", "assign", "ok"),
    ("head_land", "other", "assign", 404),
    ("head_tax", "own", "assign", "ok"),
    ("head_tax", "other", "assign", 404),
    ("officer_land", "own", "assign", 403),
    ("officer_tax", "other", "assign", 404),
    ("intake", "any", "assign", 403),
    ("supervisor", "any", "assign", 403),
    ("anonymous", "any", "assign", "login"),
    # transfer: the head of the unit or the intake desk
    ("head_land", "own", "transfer", "ok"),
    ("head_tax", "other", "transfer", 404),
    ("officer_land", "own", "transfer", 403),
    ("officer_tax", "other", "transfer", 404),
    ("intake", "any", "transfer", "ok"),
    ("supervisor", "any", "transfer", 403),
    ("anonymous", "any", "transfer", "login"),
    # request clarification: the head, or the officer the question is assigned to
    ("head_land", "own", "request_clarification", "ok"),
    ("officer_land", "own", "request_clarification", "ok"),
    ("officer_land", "other", "request_clarification", 404),
    ("head_tax", "other", "request_clarification", 404),
    ("intake", "any", "request_clarification", 403),
    ("supervisor", "any", "request_clarification", 403),
    ("anonymous", "any", "request_clarification", "login"),
    # draft and submit: the same
    ("officer_land", "own", "draft", "ok"),
    ("head_land", "own", "draft", "ok"),
    ("officer_tax", "own", "draft", "ok"),
    ("officer_tax", "other", "draft", 404),
    ("head_land", "other", "draft", 404),
    ("intake", "any", "draft", 403),
    ("supervisor", "any", "draft", 403),
    ("anonymous", "any", "draft", "login"),
    ("officer_land", "own", "submit", "ok"),
    ("head_land", "own", "submit", "ok"),
    ("officer_land", "other", "submit", 404),
    ("head_tax", "other", "submit", 404),
    ("intake", "any", "submit", 403),
    ("supervisor", "any", "submit", 403),
    ("anonymous", "any", "submit", "login"),
    # approve and return: the head of the unit only
    ("head_land", "own", "approve", "ok"),
    ("head_tax", "own", "approve", "ok"),
    ("head_land", "other", "approve", 404),
    ("officer_land", "own", "approve", 403),
    ("officer_tax", "own", "approve", 403),
    ("officer_tax", "other", "approve", 404),
    ("intake", "any", "approve", 403),
    ("supervisor", "any", "approve", 403),
    ("anonymous", "any", "approve", "login"),
    ("head_land", "own", "return", "ok"),
    ("head_tax", "other", "return", 404),
    ("officer_land", "own", "return", 403),
    ("officer_tax", "other", "return", 404),
    ("intake", "any", "return", 403),
    ("supervisor", "any", "return", 403),
    ("anonymous", "any", "return", "login"),
    # publish and unpublish: the intake desk only
    ("intake", "any", "publish", "ok"),
    ("head_land", "own", "publish", 403),
    ("officer_land", "own", "publish", 403),
    ("head_tax", "other", "publish", 404),
    ("officer_tax", "other", "publish", 404),
    ("supervisor", "any", "publish", 403),
    ("anonymous", "any", "publish", "login"),
    ("intake", "any", "unpublish", "ok"),
    ("head_land", "own", "unpublish", 403),
    ("officer_land", "own", "unpublish", 403),
    ("head_tax", "other", "unpublish", 404),
    ("supervisor", "any", "unpublish", 403),
    ("anonymous", "any", "unpublish", "login"),
]


def _unit_for(role: str, scope: str) -> str | None:
    if scope == "none":
        return None
    if scope == "any" or role in ("intake", "supervisor", "anonymous"):
        return "land"
    mine = role.split("_")[1]
    return mine if scope == "own" else ({"land": "tax", "tax": "land"}[mine])


def _post_data(action: str, question: Question, staff, units) -> dict:
    other_unit = units["tax"] if question.unit_id == units["land"].pk else units["land"]
    unit_code = "tax" if question.unit_id == units["tax"].pk else "land"
    if action == "publish":
        return services.proposed_public_version(question)
    return {
        "route": lambda: {"unit": units["land"].pk},
        "reject": lambda: {"reason": "Đây là đơn khiếu nại, không phải câu hỏi."},
        "merge": lambda: {"into": make_question(title="Câu hỏi gốc").tracking_code},
        "assign": lambda: {"officer": staff[f"officer_{unit_code}"].pk},
        "transfer": lambda: {"to_unit": other_unit.pk, "reason": "Không thuộc thẩm quyền."},
        "request_clarification": lambda: {"message": "Xin cho biết số thửa đất."},
        "draft": lambda: {"body": "Câu trả lời mới.", "legal_references": "Luật Đất đai 2024"},
        "submit": dict,
        "approve": dict,
        "return": lambda: {"reason": "Cần dẫn chiếu điều luật."},
        "unpublish": lambda: {"reason": "Văn bản đã hết hiệu lực."},
    }[action]()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "scope", "action", "expected"),
    MATRIX,
    ids=[f"{role}-{scope}-{action}-{expected}" for role, scope, action, expected in MATRIX],
)
def test_permission_matrix(role, scope, action, expected, staff, units, place, login):
    question = place(SETUP[action], unit=_unit_for(role, scope))
    before = snapshot(question)
    client = login(None if role == "anonymous" else staff[role])

    if action == "view":
        response = client.get(reverse("workspace:question", args=[question.tracking_code]))
    else:
        url_name = "workspace:publish" if action == "publish" else f"workspace:{action}"
        url = reverse(url_name, args=[question.tracking_code])
        response = client.post(url, _post_data(action, question, staff, units))

    if expected == "ok":
        if action == "view":
            assert response.status_code == 200
            assert question.title in response.content.decode()
        else:
            assert response.status_code == 302, response.content.decode()[:2000]
            assert "/staff/login/" not in response["Location"]
            assert snapshot(question) != before
        return
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("workspace:login") + "?next=")
    else:
        assert response.status_code == expected
    assert snapshot(question) == before


def test_every_action_has_rows_for_every_role():
    # A guard for the table itself: adding an action without its rows must fail here.
    covered = {(role, action) for role, _scope, action, _expected in MATRIX}
    roles = ["intake", "supervisor", "head_land", "officer_land", "anonymous"]
    missing = [(r, a) for a in SETUP for r in roles if (r, a) not in covered]
    assert missing == []
