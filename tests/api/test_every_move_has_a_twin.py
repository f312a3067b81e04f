"""Every move of the transition catalogue can be made on the web and through the API.

One parametrised walk over questions/transitions.py: for each move, a question is put where
the move is possible, the move is made through its API route, and the test checks that it
was made (the event it records, the status it leads to). A move added to the catalogue without
its API twin, or its web form, fails here.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from helpdesk import clock
from helpdesk.workspace import views as workspace
from questions import services, transitions
from questions import views as citizen_pages
from questions.audit import AuditAction
from questions.models import Question, Status
from tests.factories import ANSWER_TEXT

pytestmark = pytest.mark.django_db

# For each move: where the question starts, who makes the move, and what they send.
# ``{into}``/``{extension}`` are filled in from the setup.
SETUPS: dict[str, tuple[str, str, dict]] = {
    "route": (Status.RECEIVED, "intake", {"unit": "land"}),
    "reject": (Status.RECEIVED, "intake", {"reason": "Đây là đơn khiếu nại."}),
    "merge": (Status.RECEIVED, "intake", {"into": "{into}"}),
    "assign": (Status.ROUTED, "head_land", {"username": "officer_land"}),
    "transfer": (Status.IN_PROGRESS, "head_land", {"unit": "tax", "reason": "Thuộc ngành thuế."}),
    "request_clarification": (Status.IN_PROGRESS, "officer_land", {"message": "Số thửa?"}),
    "draft": (Status.IN_PROGRESS, "officer_land", {"body": ANSWER_TEXT}),
    "submit": ("draft_saved", "officer_land", {}),
    "approve": (Status.AWAITING_APPROVAL, "head_land", {}),
    "return": (Status.AWAITING_APPROVAL, "head_land", {"reason": "Bổ sung căn cứ."}),
    "request_extension": (
        Status.IN_PROGRESS,
        "head_land",
        {"working_days": 3, "reason": "Cần xác minh tại xã."},
    ),
    "decide_extension": (
        "extension_pending",
        "supervisor",
        {"extension": "{extension}", "decision": "approve"},
    ),
    "publish": (Status.ANSWERED, "intake", {}),  # the proposed public version, below
    "unpublish": (Status.PUBLISHED, "intake", {"reason": "Văn bản đã hết hiệu lực."}),
    "citizen_reply": (Status.AWAITING_CITIZEN, "citizen", {"message": "Thửa số 12."}),
    "withdraw": (Status.ROUTED, "citizen", {"reason": "Đã được giải đáp."}),
    "reopen": (Status.ANSWERED, "citizen", {"reason": "Chưa nêu thời hạn."}),
    "rate": (Status.ANSWERED, "citizen", {"score": 4, "comment": "Rõ ràng."}),
    "withdraw_consent": (Status.ANSWERED, "citizen", {}),
}


@pytest.fixture
def start(walked, staff):
    """``start(state)``: a land question in ``state`` (a status, or one of the named ones)."""

    def make(state: str) -> Question:
        at = clock.now()
        if state == Status.AWAITING_CITIZEN:
            question = walked(Status.IN_PROGRESS)
            return services.question_request_clarification(
                question=question, message="Số thửa?", actor=staff["officer_land"], at=at
            )
        if state == "draft_saved":
            question = walked(Status.IN_PROGRESS)
            services.answer_save_draft(
                question=question, body=ANSWER_TEXT, actor=staff["officer_land"], at=at
            )
            return question
        if state == "extension_pending":
            question = walked(Status.IN_PROGRESS)
            services.extension_request(
                question=question, working_days=3, reason="Cần xác minh.",
                requested_by=staff["head_land"], at=at,
            )  # fmt: skip
            return question
        return walked(state)

    return make


def test_every_move_of_the_catalogue_has_a_setup_here():
    assert set(SETUPS) == set(transitions.CATALOGUE)


def test_every_move_of_the_catalogue_has_a_web_form():
    staff_forms = set(workspace.ACTIONS) | set(workspace.OWN_PAGES)
    assert staff_forms == {row.name for row in transitions.STAFF_TRANSITIONS}
    assert set(citizen_pages.CITIZEN_FORMS) == {row.name for row in transitions.CITIZEN_TRANSITIONS}


@pytest.mark.parametrize("action", list(transitions.CATALOGUE))
def test_each_move_has_an_api_route_that_makes_it(action, start, staff, tax, walked, api):
    row = transitions.CATALOGUE[action]
    state, who, payload = SETUPS[action]
    question = start(state)
    if action == "merge":
        payload = {"into": walked(Status.ROUTED).tracking_code}
    if action == "decide_extension":
        payload = {**payload, "extension": question.extensions.get().pk}
    if action == "publish":
        payload = services.proposed_public_version(question)
    last_before = question.events.order_by("pk").last().pk

    if row.by_citizen:
        url = reverse(f"api:question-{row.slug}", args=[question.tracking_code])
        response = api.post(url, payload, format="json", HTTP_X_ACCESS_TOKEN=question.access_token)
    else:
        api.force_authenticate(staff[who])
        url = reverse(f"api:staff-question-{row.slug}", args=[question.tracking_code])
        response = api.post(url, payload, format="json")

    assert response.status_code == 200, response.content
    question.refresh_from_db()
    # The staff's answer is the question as it now is, whose reading is logged: not the move.
    made = question.events.filter(pk__gt=last_before).exclude(action=AuditAction.CONTACT_VIEWED)
    assert [event.action for event in made] in ([action] for action in row.events)
    if row.target is not None:
        assert question.status == row.target


def test_a_refused_citizen_move_is_a_409_with_the_pages_message(walked, api):
    question = walked(Status.ROUTED)  # nothing to rate yet

    response = api.post(
        reverse("api:question-rate", args=[question.tracking_code]),
        {"score": 5},
        format="json",
        HTTP_X_ACCESS_TOKEN=question.access_token,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 409
    assert (
        response.json()["detail"] == "This cannot be done while the question is “Routed to a unit”."
    )
    assert not question.events.filter(action=AuditAction.RATED).exists()


def test_a_citizen_move_with_a_wrong_token_is_not_found(walked, api):
    question = walked(Status.ANSWERED)

    response = api.post(
        reverse("api:question-reopen", args=[question.tracking_code]),
        {"reason": "Chưa rõ."},
        format="json",
        HTTP_X_ACCESS_TOKEN="not-the-token",
    )

    assert response.status_code == 404
    assert Question.objects.get(pk=question.pk).status == Status.ANSWERED


def test_merging_into_a_question_outside_what_the_user_sees_is_a_field_error(
    walked, api, head_land, intake
):
    question = walked(Status.RECEIVED)
    api.force_authenticate(intake)

    response = api.post(
        reverse("api:staff-question-merge", args=[question.tracking_code]),
        {"into": "HD-2026-ZZZZZ"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert response.json() == {"into": ["There is no question with this tracking code."]}
    assert Question.objects.get(pk=question.pk).status == Status.RECEIVED


def test_a_second_decision_on_an_extension_is_a_409(start, api, supervisor):
    question = start("extension_pending")
    extension = question.extensions.get()
    api.force_authenticate(supervisor)
    url = reverse("api:staff-question-decide-extension", args=[question.tracking_code])
    api.post(url, {"extension": extension.pk, "decision": "approve"}, format="json")

    response = api.post(
        url,
        {"extension": extension.pk, "decision": "refuse", "note": "Không cần."},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 409
    assert response.json()["detail"] == "This extension request has already been decided."
