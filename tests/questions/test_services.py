"""The lifecycle services (docs/lifecycle.md): every move, from where it is allowed and not.

Each allowed move is checked for its new status, the fields it sets and the one event it
appends (dotted action, from/to status, actor, note, internal or public). Each refused move is
checked for a readable error and for changing nothing. Staff actions are performed by the role
the policy gives them to; the refusal table uses an administrator (allowed everything), so that
it is the status, not a permission, that refuses.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone, translation

from helpdesk import clock
from questions import receipt, services, transitions
from questions.models import OPEN_STATUSES, Answer, Event, Question, Role, Status
from tests.factories import ANSWER_TEXT, make_category, make_question, make_staff, walk

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")

# Committing a transition runs its notification, whose e-mail links to the citizen's private
# page. These are service tests: they must not depend on the web layer's URLs existing yet.
urlpatterns = [
    path(
        "",
        include(
            ([path("track/<str:code>/", lambda r, code: HttpResponse(), name="track")], "questions")
        ),
    )
]

pytestmark = pytest.mark.django_db

REASON = "Nội dung này là đơn khiếu nại, đề nghị gửi theo thủ tục giải quyết khiếu nại."
PUBLIC = {
    "public_title": "Hồ sơ xin cấp giấy phép xây dựng",
    "public_body": "Hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
    "public_answer": ANSWER_TEXT,
}


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in the source language; Vietnamese is the site default."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _service_urls(settings):
    settings.ROOT_URLCONF = __name__


@pytest.fixture
def admin_user(office):
    return make_staff("admin", Role.ADMIN, office)


def build_in_status(status: str, *, intake, head, officer, unit, **question_fields) -> Question:
    """A question in any stored status, walked there through the real services."""
    question = make_question(**question_fields)
    at = clock.now()
    people = {"intake": intake, "head": head, "officer": officer, "unit": unit}
    main_path = {
        Status.ROUTED,
        Status.IN_PROGRESS,
        Status.AWAITING_APPROVAL,
        Status.ANSWERED,
        Status.PUBLISHED,
    }
    if status == Status.RECEIVED:
        return question
    if status in main_path:
        return walk(question, status, **people)
    if status == Status.AWAITING_CITIZEN:
        question = walk(question, Status.IN_PROGRESS, **people)
        return services.question_request_clarification(
            question=question, message="Ông cho biết số thửa đất.", actor=officer, at=at
        )
    if status == Status.REOPENED:
        question = walk(question, Status.ANSWERED, **people)
        return services.question_reopen(question=question, reason="Câu trả lời chưa rõ.", at=at)
    if status == Status.REJECTED:
        return services.question_reject(question=question, reason=REASON, actor=intake, at=at)
    if status == Status.MERGED:
        return services.question_merge(question=question, into=make_question(), actor=intake, at=at)
    if status == Status.WITHDRAWN:
        return services.question_withdraw(question=question, at=at)
    raise ValueError(status)


@pytest.fixture
def in_status(intake, head_land, officer_land, land):
    """``in_status(Status.X, **question_fields)``: a land question in status X."""

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


def snapshot(question: Question) -> dict:
    """Everything a refused move must leave as it was."""
    question = Question.objects.get(pk=question.pk)
    return {
        "status": question.status,
        "unit": question.unit_id,
        "assignee": question.assignee_id,
        "answered_at": question.answered_at,
        "published_at": question.published_at,
        "public": (question.public_title, question.public_body, question.public_answer),
        "publish_consent": question.publish_consent,
        "satisfaction": question.satisfaction,
        "merged_into": question.merged_into_id,
        "events": list(question.events.values_list("pk", flat=True)),
        "answers": list(question.answers.values_list("pk", "state", "body")),
    }


def new_events(question: Question, before: list[int]) -> list[Event]:
    return list(Event.objects.filter(question_id=question.pk).exclude(pk__in=before))


def event_ids(question: Question) -> list[int]:
    return list(Event.objects.filter(question_id=question.pk).values_list("pk", flat=True))


# --- Every move, performed by the role that may perform it ---------------------------------------


def perform(action: str, question: Question, who: dict, *, at: datetime | None = None):
    """Do ``action`` on ``question`` as ``who['actor']``, with valid input."""
    at = at or clock.now()
    actor = who["actor"]
    land, tax = who["land"], who["tax"]
    calls = {
        "route": lambda: services.question_route(
            question=question,
            unit=tax if question.unit_id == land.pk else land,
            actor=actor,
            at=at,
            note="Thuộc lĩnh vực đất đai",
        ),
        "reject": lambda: services.question_reject(
            question=question, reason=REASON, actor=actor, at=at
        ),
        "merge": lambda: services.question_merge(
            question=question, into=who["other_question"], actor=actor, at=at
        ),
        "assign": lambda: services.question_assign(
            question=question, officer=who["officer"], actor=actor, at=at
        ),
        "transfer": lambda: services.question_transfer(
            question=question,
            to_unit=tax if question.unit_id == land.pk else land,
            reason="Thuộc thẩm quyền của cơ quan thuế.",
            actor=actor,
            at=at,
        ),
        "request_clarification": lambda: services.question_request_clarification(
            question=question, message="Ông cho biết số thửa đất.", actor=actor, at=at
        ),
        "citizen_reply": lambda: services.question_citizen_reply(
            question=question, message="Thửa đất số 12, tờ bản đồ số 3.", at=at
        ),
        "draft": lambda: services.answer_save_draft(
            question=question,
            body=ANSWER_TEXT,
            legal_references="Luật Đất đai 2024",
            actor=actor,
            at=at,
        ),
        "submit": lambda: services.question_submit_draft(question=question, actor=actor, at=at),
        "approve": lambda: services.question_approve(question=question, approver=actor, at=at),
        "return": lambda: services.question_return_draft(
            question=question, reason="Bổ sung căn cứ pháp lý.", approver=actor, at=at
        ),
        "publish": lambda: services.question_publish(
            question=question, actor=actor, at=at, **PUBLIC
        ),
        "unpublish": lambda: services.question_unpublish(
            question=question, reason="Thông tin đã cũ.", actor=actor, at=at
        ),
        "withdraw": lambda: services.question_withdraw(
            question=question, reason="Tôi đã được giải đáp trực tiếp.", at=at
        ),
        "reopen": lambda: services.question_reopen(
            question=question, reason="Câu trả lời chưa nêu thời hạn.", at=at
        ),
        "rate": lambda: services.question_rate(
            question=question, score=4, comment="Rõ ràng", at=at
        ),
        "request_extension": lambda: services.extension_request(
            question=question,
            working_days=5,
            reason="Cần xác minh hồ sơ địa chính.",
            requested_by=actor,
            at=at,
        ),
        "decide_extension": lambda: services.extension_decide(
            extension=question.extensions.get(state="pending"),
            approve=True,
            decided_by=actor,
            at=at,
            note="Đồng ý gia hạn.",
        ),
    }
    return calls[action]()


# Who performs each move in the allowed cases (None: the citizen, through the private link).
PERFORMER = {
    "route": "intake",
    "reject": "intake",
    "merge": "intake",
    "assign": "head_land",
    "transfer": "head_land",
    "request_clarification": "officer_land",
    "citizen_reply": None,
    "draft": "officer_land",
    "submit": "officer_land",
    "approve": "head_land",
    "return": "head_land",
    "publish": "intake",
    "unpublish": "intake",
    "withdraw": None,
    "reopen": None,
    "rate": None,
}

# (action, from, to, event action, internal, note)
ALLOWED = [
    ("route", Status.RECEIVED, Status.ROUTED, "question.routed", False, "Thuộc lĩnh vực đất đai"),
    ("route", Status.ROUTED, Status.ROUTED, "question.rerouted", False, "Thuộc lĩnh vực đất đai"),
    ("reject", Status.RECEIVED, Status.REJECTED, "question.rejected", False, REASON),
    ("reject", Status.ROUTED, Status.REJECTED, "question.rejected", False, REASON),
    ("merge", Status.RECEIVED, Status.MERGED, "question.merged", False, ""),
    ("merge", Status.ROUTED, Status.MERGED, "question.merged", False, ""),
    ("assign", Status.ROUTED, Status.IN_PROGRESS, "question.assigned", True, ""),
    ("assign", Status.IN_PROGRESS, Status.IN_PROGRESS, "question.assigned", True, ""),
    ("assign", Status.REOPENED, Status.IN_PROGRESS, "question.assigned", True, ""),
    ("transfer", Status.ROUTED, Status.ROUTED, "question.transferred", False,
     "Thuộc thẩm quyền của cơ quan thuế."),
    ("transfer", Status.IN_PROGRESS, Status.ROUTED, "question.transferred", False,
     "Thuộc thẩm quyền của cơ quan thuế."),
    ("transfer", Status.REOPENED, Status.ROUTED, "question.transferred", False,
     "Thuộc thẩm quyền của cơ quan thuế."),
    ("request_clarification", Status.IN_PROGRESS, Status.AWAITING_CITIZEN,
     "question.clarification_requested", False, "Ông cho biết số thửa đất."),
    ("citizen_reply", Status.AWAITING_CITIZEN, Status.IN_PROGRESS, "question.citizen_replied",
     False, "Thửa đất số 12, tờ bản đồ số 3."),
    ("draft", Status.IN_PROGRESS, Status.IN_PROGRESS, "answer.drafted", True, ""),
    ("submit", Status.IN_PROGRESS, Status.AWAITING_APPROVAL, "answer.submitted", True, ""),
    ("approve", Status.AWAITING_APPROVAL, Status.ANSWERED, "question.answered", False, ""),
    ("return", Status.AWAITING_APPROVAL, Status.IN_PROGRESS, "answer.returned", True,
     "Bổ sung căn cứ pháp lý."),
    ("publish", Status.ANSWERED, Status.PUBLISHED, "question.published", False, ""),
    ("unpublish", Status.PUBLISHED, Status.ANSWERED, "question.unpublished", False,
     "Thông tin đã cũ."),
    *[
        ("withdraw", status, Status.WITHDRAWN, "question.withdrawn", False,
         "Tôi đã được giải đáp trực tiếp.")
        for status in sorted(OPEN_STATUSES)
    ],
    ("reopen", Status.ANSWERED, Status.REOPENED, "question.reopened", False,
     "Câu trả lời chưa nêu thời hạn."),
    ("reopen", Status.PUBLISHED, Status.REOPENED, "question.reopened", False,
     "Câu trả lời chưa nêu thời hạn."),
    ("rate", Status.ANSWERED, Status.ANSWERED, "question.rated", True, "Rõ ràng"),
    ("rate", Status.PUBLISHED, Status.PUBLISHED, "question.rated", True, "Rõ ràng"),
]  # fmt: skip


# Moves whose sources are tested elsewhere: the extensions (tests/deadlines) and the
# withdrawal of consent (possible from every status, tests/privacy_requests).
ELSEWHERE = {"request_extension", "decide_extension", "withdraw_consent"}


def test_the_allowed_table_covers_every_move_from_every_source_status():
    covered = {(action, source) for action, source, *_ in ALLOWED}
    declared = {
        (name, source)
        for name, row in transitions.CATALOGUE.items()
        if name not in ELSEWHERE
        for source in row.sources
    }
    assert covered == declared


@pytest.mark.parametrize(
    ("action", "source", "target", "event_action", "internal", "note"),
    ALLOWED,
    ids=[f"{a}-from-{s}" for a, s, *_ in ALLOWED],
)
def test_an_allowed_move_changes_the_status_and_writes_exactly_one_event(
    action, source, target, event_action, internal, note, in_status, staff, land, tax
):
    question = in_status(source)
    if action == "submit":  # submitting needs a saved draft first
        services.answer_save_draft(
            question=question, body=ANSWER_TEXT, actor=staff["officer_land"], at=clock.now()
        )
    actor = staff[PERFORMER[action]] if PERFORMER[action] else None
    who = {
        "actor": actor,
        "land": land,
        "tax": tax,
        "officer": staff["officer_land"],
        "other_question": make_question(title="Một câu hỏi tương tự"),
    }
    before = event_ids(question)
    at = clock.now()

    perform(action, question, who, at=at)

    question.refresh_from_db()
    assert question.status == target
    (event,) = new_events(question, before)
    assert event.action == event_action
    assert (event.from_status, event.to_status) == (source, target)
    assert event.actor == actor
    assert event.actor_kind == ("staff" if actor else "citizen")
    assert event.note == note
    assert event.is_internal is internal
    assert event.created_at == at


# Representative refusals: (action, status it is not allowed from).
REFUSED = [
    ("route", Status.IN_PROGRESS),
    ("route", Status.ANSWERED),
    ("route", Status.REJECTED),
    ("reject", Status.IN_PROGRESS),
    ("reject", Status.PUBLISHED),
    ("merge", Status.ANSWERED),
    ("merge", Status.WITHDRAWN),
    ("assign", Status.RECEIVED),
    ("assign", Status.AWAITING_APPROVAL),
    ("assign", Status.ANSWERED),
    ("transfer", Status.RECEIVED),
    ("transfer", Status.AWAITING_APPROVAL),
    ("transfer", Status.PUBLISHED),
    ("request_clarification", Status.ROUTED),
    ("request_clarification", Status.AWAITING_CITIZEN),
    ("citizen_reply", Status.IN_PROGRESS),
    ("citizen_reply", Status.ANSWERED),
    ("draft", Status.ROUTED),
    ("draft", Status.AWAITING_APPROVAL),
    ("draft", Status.ANSWERED),
    ("submit", Status.ROUTED),
    ("submit", Status.AWAITING_APPROVAL),
    ("submit", Status.ANSWERED),
    ("approve", Status.IN_PROGRESS),
    ("approve", Status.ANSWERED),
    ("return", Status.IN_PROGRESS),
    ("return", Status.PUBLISHED),
    ("publish", Status.AWAITING_APPROVAL),
    ("publish", Status.PUBLISHED),
    ("publish", Status.REJECTED),
    ("unpublish", Status.ANSWERED),
    ("unpublish", Status.REOPENED),
    ("withdraw", Status.ANSWERED),
    ("withdraw", Status.PUBLISHED),
    ("withdraw", Status.REJECTED),
    ("withdraw", Status.MERGED),
    ("withdraw", Status.WITHDRAWN),
    ("reopen", Status.IN_PROGRESS),
    ("reopen", Status.REJECTED),
    ("reopen", Status.REOPENED),
    ("rate", Status.IN_PROGRESS),
    ("rate", Status.WITHDRAWN),
    ("rate", Status.REOPENED),
]


@pytest.mark.parametrize(("action", "source"), REFUSED, ids=[f"{a}-from-{s}" for a, s in REFUSED])
def test_a_move_from_a_status_that_does_not_allow_it_is_refused_and_changes_nothing(
    action, source, in_status, admin_user, officer_land, land, tax
):
    assert transitions.status_refusal(action, Question(status=source)) is not None
    question = in_status(source)
    who = {
        "actor": admin_user,
        "land": land,
        "tax": tax,
        "officer": officer_land,
        "other_question": make_question(title="Một câu hỏi tương tự"),
    }
    before = snapshot(question)

    with pytest.raises(services.TransitionError) as refused:
        perform(action, question, who)

    # Readable: names the status in words, not an identifier or a traceback.
    message = str(refused.value)
    assert str(Status(source).label) in message
    assert source not in message.replace(str(Status(source).label), "")
    assert snapshot(question) == before


# --- What each move sets ------------------------------------------------------------------------


def test_routing_sets_the_unit_and_records_where_it_came_from(in_status, intake, land, tax):
    question = in_status(Status.RECEIVED)
    at = clock.now()

    question = services.question_route(question=question, unit=land, actor=intake, at=at)
    question = services.question_route(question=question, unit=tax, actor=intake, at=at)

    question.refresh_from_db()
    assert question.unit == tax
    assert question.routed_at == at
    assert question.assignee is None
    routed, rerouted = question.events.filter(action__in=["question.routed", "question.rerouted"])
    assert routed.data == {"unit": "land", "previous_unit": None, "source": "person"}
    assert rerouted.data == {"unit": "tax", "previous_unit": "land", "source": "person"}


def test_automatic_routing_is_recorded_as_the_systems_decision_with_its_evidence(in_status, land):
    question = in_status(Status.RECEIVED)

    services.question_route(
        question=question,
        unit=land,
        actor=None,
        at=clock.now(),
        source="model",
        data={"confidence": 0.91},
    )

    event = question.events.get(action="question.routed")
    assert (event.actor, event.actor_kind) == (None, "system")
    assert event.data == {
        "unit": "land",
        "previous_unit": None,
        "source": "model",
        "confidence": 0.91,
    }


def test_routing_by_a_person_needs_a_person_allowed_to_route(in_status, land):
    question = in_status(Status.RECEIVED)

    with pytest.raises(PermissionDenied):
        services.question_route(question=question, unit=land, actor=None, at=clock.now())


def test_routing_again_to_the_unit_that_already_has_it_is_refused(in_status, intake, land):
    question = in_status(Status.ROUTED)
    before = snapshot(question)

    with pytest.raises(services.TransitionError, match="already with this unit"):
        services.question_route(question=question, unit=land, actor=intake, at=clock.now())

    assert snapshot(question) == before


def test_routing_with_an_outdated_view_of_the_question_is_refused(in_status, intake, land, tax):
    seen_by_second_user = in_status(Status.RECEIVED)
    services.question_route(
        question=Question.objects.get(pk=seen_by_second_user.pk),
        unit=land,
        actor=intake,
        at=clock.now(),
    )
    before = snapshot(seen_by_second_user)

    with pytest.raises(services.TransitionError, match="Someone else"):
        services.question_route(
            question=seen_by_second_user, unit=tax, actor=intake, at=clock.now()
        )

    assert snapshot(seen_by_second_user) == before


def test_assigning_sets_the_assignee(in_status, head_land, officer_land):
    question = in_status(Status.ROUTED)

    question = services.question_assign(
        question=question, officer=officer_land, actor=head_land, at=clock.now()
    )

    question.refresh_from_db()
    assert question.assignee == officer_land
    assert question.events.get(action="question.assigned").data == {"assignee": "officer_land"}


@pytest.mark.parametrize("outsider", ["officer_tax", "head_tax", "intake", "supervisor"])
def test_assigning_to_someone_outside_the_unit_is_refused(outsider, in_status, staff):
    question = in_status(Status.ROUTED)
    before = snapshot(question)

    with pytest.raises(services.TransitionError, match="officer of the responsible unit"):
        services.question_assign(
            question=question, officer=staff[outsider], actor=staff["head_land"], at=clock.now()
        )

    assert snapshot(question) == before


def test_assigning_to_a_deactivated_officer_is_refused(in_status, head_land, officer_land):
    question = in_status(Status.ROUTED)
    officer_land.is_active = False
    officer_land.save()

    with pytest.raises(services.TransitionError):
        services.question_assign(
            question=question, officer=officer_land, actor=head_land, at=clock.now()
        )


def test_transferring_moves_the_question_to_the_other_unit_and_clears_the_assignee(
    in_status, head_land, tax
):
    question = in_status(Status.IN_PROGRESS)
    at = clock.now()

    question = services.question_transfer(
        question=question, to_unit=tax, reason="Thuộc thẩm quyền thuế.", actor=head_land, at=at
    )

    question.refresh_from_db()
    assert (question.status, question.unit, question.assignee) == (Status.ROUTED, tax, None)
    assert question.routed_at == at
    assert question.events.get(action="question.transferred").data == {
        "from_unit": "land",
        "to_unit": "tax",
    }


def test_transferring_to_the_same_unit_is_refused(in_status, head_land, land):
    question = in_status(Status.IN_PROGRESS)
    before = snapshot(question)

    with pytest.raises(services.TransitionError, match="already with this unit"):
        services.question_transfer(
            question=question, to_unit=land, reason="Lý do", actor=head_land, at=clock.now()
        )

    assert snapshot(question) == before


BLANK = ["", "   ", "\n\t "]


def _reject(q, s, text):
    return services.question_reject(question=q, reason=text, actor=s["intake"], at=clock.now())


def _transfer(q, s, text):
    return services.question_transfer(
        question=q, to_unit=s["tax_unit"], reason=text, actor=s["head_land"], at=clock.now()
    )


def _return(q, s, text):
    return services.question_return_draft(
        question=q, reason=text, approver=s["head_land"], at=clock.now()
    )


def _unpublish(q, s, text):
    return services.question_unpublish(question=q, reason=text, actor=s["intake"], at=clock.now())


def _clarify(q, s, text):
    return services.question_request_clarification(
        question=q, message=text, actor=s["officer_land"], at=clock.now()
    )


def _reply(q, s, text):
    return services.question_citizen_reply(question=q, message=text, at=clock.now())


def _reopen(q, s, text):
    return services.question_reopen(question=q, reason=text, at=clock.now())


def _draft(q, s, text):
    return services.answer_save_draft(
        question=q, body=text, actor=s["officer_land"], at=clock.now()
    )


REQUIRED_TEXT = [
    ("reject", Status.RECEIVED, _reject),
    ("transfer", Status.IN_PROGRESS, _transfer),
    ("return", Status.AWAITING_APPROVAL, _return),
    ("unpublish", Status.PUBLISHED, _unpublish),
    ("request_clarification", Status.IN_PROGRESS, _clarify),
    ("citizen_reply", Status.AWAITING_CITIZEN, _reply),
    ("reopen", Status.ANSWERED, _reopen),
    ("draft", Status.IN_PROGRESS, _draft),
]


@pytest.mark.parametrize("blank", BLANK, ids=["empty", "spaces", "whitespace"])
@pytest.mark.parametrize(
    ("action", "source", "call"), REQUIRED_TEXT, ids=[a for a, *_ in REQUIRED_TEXT]
)
def test_a_move_that_needs_a_reason_or_text_refuses_a_blank_one(
    action, source, call, blank, in_status, staff, tax
):
    question = in_status(source)
    before = snapshot(question)

    with pytest.raises(services.TransitionError) as refused:
        call(question, {**staff, "tax_unit": tax}, blank)

    assert str(refused.value)
    assert snapshot(question) == before


def test_a_reason_is_stored_without_surrounding_whitespace(in_status, intake):
    question = in_status(Status.RECEIVED)

    services.question_reject(
        question=question, reason=f"  {REASON}\n", actor=intake, at=clock.now()
    )

    assert question.events.get(action="question.rejected").note == REASON


def test_approving_records_the_answer_time_and_the_approver(in_status, head_land):
    question = in_status(Status.AWAITING_APPROVAL)
    at = clock.now()

    question = services.question_approve(question=question, approver=head_land, at=at)

    question.refresh_from_db()
    assert question.answered_at == at
    answer = question.approved_answer
    assert (answer.body, answer.decided_by, answer.decided_at) == (ANSWER_TEXT, head_land, at)
    assert question.current_draft is None


def test_returning_keeps_the_returned_round_and_opens_a_new_draft_with_its_text(
    in_status, head_land, officer_land
):
    question = in_status(Status.AWAITING_APPROVAL)

    services.question_return_draft(
        question=question, reason="Bổ sung căn cứ.", approver=head_land, at=clock.now()
    )

    states = list(question.answers.order_by("pk").values_list("state", "body", "author"))
    assert states == [
        (Answer.State.RETURNED, ANSWER_TEXT, officer_land.pk),
        (Answer.State.DRAFT, ANSWER_TEXT, officer_land.pk),
    ]
    assert question.answers.get(state=Answer.State.RETURNED).decided_by == head_land


def test_saving_a_draft_twice_edits_the_same_draft(in_status, officer_land):
    question = in_status(Status.IN_PROGRESS)

    first = services.answer_save_draft(
        question=question, body="Bản nháp một.", actor=officer_land, at=clock.now()
    )
    second = services.answer_save_draft(
        question=question, body="Bản nháp hai.", actor=officer_land, at=clock.now()
    )

    assert first.pk == second.pk
    assert list(question.answers.values_list("body", flat=True)) == ["Bản nháp hai."]


def test_submitting_without_a_saved_draft_is_refused(in_status, officer_land):
    question = in_status(Status.IN_PROGRESS)
    before = snapshot(question)

    with pytest.raises(services.TransitionError, match="save an answer"):
        services.question_submit_draft(question=question, actor=officer_land, at=clock.now())

    assert snapshot(question) == before


def test_approving_when_no_answer_is_awaiting_approval_is_refused_clearly(in_status, head_land):
    # Data that the services cannot produce (e.g. an import), handled as a refusal, not a crash.
    question = in_status(Status.AWAITING_APPROVAL)
    question.answers.all().delete()

    with pytest.raises(services.TransitionError, match="no answer awaiting approval"):
        services.question_approve(question=question, approver=head_land, at=clock.now())


def test_a_reopened_question_can_be_answered_again(in_status, head_land, officer_land):
    question = in_status(Status.REOPENED)
    later = clock.now() + timedelta(days=2)

    services.question_assign(question=question, officer=officer_land, actor=head_land, at=later)
    services.answer_save_draft(
        question=question, body="Trả lời bổ sung.", actor=officer_land, at=later
    )
    services.question_submit_draft(question=question, actor=officer_land, at=later)
    question = services.question_approve(question=question, approver=head_land, at=later)

    assert question.status == Status.ANSWERED
    assert question.answered_at == later
    assert question.approved_answer.body == "Trả lời bổ sung."


# --- Merge ---------------------------------------------------------------------------------------


def test_merging_points_the_duplicate_at_the_question_that_will_be_answered(in_status, intake):
    duplicate = in_status(Status.RECEIVED)
    original = in_status(Status.ROUTED)

    duplicate = services.question_merge(
        question=duplicate, into=original, actor=intake, at=clock.now()
    )

    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (Status.MERGED, original)
    assert duplicate.events.get(action="question.merged").data == {"into": original.tracking_code}


def test_merging_a_question_into_itself_is_refused(in_status, intake):
    question = in_status(Status.RECEIVED)
    before = snapshot(question)

    with pytest.raises(services.TransitionError, match="itself"):
        services.question_merge(question=question, into=question, actor=intake, at=clock.now())

    assert snapshot(question) == before


@pytest.mark.parametrize("target_status", [Status.REJECTED, Status.WITHDRAWN, Status.MERGED])
def test_merging_into_a_closed_question_is_refused(target_status, in_status, intake):
    question = in_status(Status.RECEIVED)
    target = in_status(target_status)
    before = snapshot(question)

    with pytest.raises(services.TransitionError, match="still being handled"):
        services.question_merge(question=question, into=target, actor=intake, at=clock.now())

    assert snapshot(question) == before


def test_merging_checks_the_target_as_it_is_now_not_as_the_caller_last_saw_it(in_status, intake):
    question = in_status(Status.RECEIVED)
    target = in_status(Status.RECEIVED)
    services.question_withdraw(question=Question.objects.get(pk=target.pk), at=clock.now())
    assert target.status == Status.RECEIVED  # the caller's copy is out of date

    with pytest.raises(services.TransitionError, match="still being handled"):
        services.question_merge(question=question, into=target, actor=intake, at=clock.now())


# --- Publication ---------------------------------------------------------------------------------


def test_publishing_stores_the_public_version_and_keeps_the_original_private(in_status, intake):
    question = in_status(Status.ANSWERED)
    original = (question.title, question.body)
    at = clock.now()

    question = services.question_publish(question=question, actor=intake, at=at, **PUBLIC)

    question.refresh_from_db()
    assert question.published_at == at
    assert question.public_title == PUBLIC["public_title"]
    assert question.public_body == PUBLIC["public_body"]
    assert question.public_answer == PUBLIC["public_answer"]
    assert (question.title, question.body) == original


def test_publishing_without_the_citizens_consent_is_refused(in_status, intake):
    question = in_status(Status.ANSWERED, publish_consent=False)
    before = snapshot(question)

    with pytest.raises(services.TransitionError, match="not agreed to publication"):
        services.question_publish(question=question, actor=intake, at=clock.now(), **PUBLIC)

    assert snapshot(question) == before


# The asker is Nguyễn Văn An, an.nguyen@example.com, 0912345678 (tests/factories.py).
PERSONAL_DATA_IN_TEXT = [
    ("public_title", "Câu hỏi của Nguyễn Văn An"),
    ("public_body", "Tôi là Nguyen Van An, xin hỏi thủ tục"),
    ("public_body", "Liên hệ an.nguyen@example.com để biết thêm"),
    ("public_body", "Gọi 0912345678 để hỏi"),
    ("public_answer", "Chúng tôi đã gọi số 0912 345 678 của ông"),
    ("public_answer", "Đã gọi +84 912 345 678"),
    ("public_answer", "Đã gọi 0912.345.678"),
    ("public_answer", "Gửi ông NGUYỄN VĂN AN"),
]


@pytest.mark.parametrize(("field", "text"), PERSONAL_DATA_IN_TEXT)
def test_publishing_text_that_still_names_or_contacts_the_asker_is_refused(
    field, text, in_status, intake
):
    question = in_status(Status.ANSWERED)
    before = snapshot(question)

    with pytest.raises(services.PersonalDataInPublicText) as refused:
        services.question_publish(
            question=question, actor=intake, at=clock.now(), **{**PUBLIC, field: text}
        )

    # The asker's own data: listed, and never something the editor may declare public.
    assert [(f.field, f.asker) for f in refused.value.findings] == [(field, True)]
    assert snapshot(question) == before


@pytest.mark.parametrize("field", ["public_title", "public_body", "public_answer"])
def test_publishing_with_an_empty_public_text_is_refused(field, in_status, intake):
    question = in_status(Status.ANSWERED)
    before = snapshot(question)

    with pytest.raises(services.TransitionError):
        services.question_publish(
            question=question, actor=intake, at=clock.now(), **{**PUBLIC, field: "  "}
        )

    assert snapshot(question) == before


def test_publishing_a_public_title_longer_than_the_field_is_refused(in_status, intake):
    question = in_status(Status.ANSWERED)
    before = snapshot(question)

    with pytest.raises(services.TransitionError, match="at most 200"):
        services.question_publish(
            question=question, actor=intake, at=clock.now(), **{**PUBLIC, "public_title": "a" * 201}
        )

    assert snapshot(question) == before


def test_the_proposed_public_version_has_the_askers_data_removed(in_status):
    question = in_status(Status.ANSWERED, body="Tôi là Nguyễn Văn An, số 0912345678, xin hỏi.")

    proposal = services.proposed_public_version(question)

    assert "Nguyễn Văn An" not in proposal["public_body"]
    assert "0912345678" not in proposal["public_body"]
    assert proposal["public_answer"] == ANSWER_TEXT


def test_unpublishing_takes_the_question_out_of_the_archive(in_status, intake):
    question = in_status(Status.PUBLISHED)

    services.question_unpublish(question=question, reason="Đã cũ.", actor=intake, at=clock.now())

    question.refresh_from_db()
    assert (question.status, question.published_at) == (Status.ANSWERED, None)
    assert not Question.objects.published().filter(pk=question.pk).exists()


def test_unpublishing_without_a_staff_actor_is_recorded_as_the_systems_doing(in_status):
    question = in_status(Status.PUBLISHED)

    services.question_unpublish(question=question, reason="Hết hạn.", actor=None, at=clock.now())

    event = question.events.get(action="question.unpublished")
    assert (event.actor, event.actor_kind) == (None, "system")


# --- Citizen actions -----------------------------------------------------------------------------


def test_withdrawing_consent_of_a_published_question_unpublishes_it(in_status):
    question = in_status(Status.PUBLISHED)
    before = event_ids(question)
    at = clock.now()

    services.question_withdraw_consent(question=question, at=at)

    question.refresh_from_db()
    assert (question.status, question.published_at) == (Status.ANSWERED, None)
    assert question.publish_consent is False
    (event,) = new_events(question, before)
    assert (event.action, event.from_status, event.to_status) == (
        "question.unpublished",
        Status.PUBLISHED,
        Status.ANSWERED,
    )
    assert (event.actor, event.actor_kind, event.is_internal) == (None, "citizen", False)
    assert event.note


def test_a_question_whose_consent_was_withdrawn_cannot_be_published_again(in_status, intake):
    question = in_status(Status.PUBLISHED)
    services.question_withdraw_consent(question=question, at=clock.now())

    with pytest.raises(services.TransitionError, match="not agreed"):
        services.question_publish(question=question, actor=intake, at=clock.now(), **PUBLIC)


def test_withdrawing_consent_before_publication_is_recorded(in_status):
    question = in_status(Status.IN_PROGRESS)
    before = event_ids(question)

    services.question_withdraw_consent(question=question, at=clock.now())

    question.refresh_from_db()
    assert (question.status, question.publish_consent) == (Status.IN_PROGRESS, False)
    (event,) = new_events(question, before)
    assert (event.action, event.from_status, event.to_status) == (
        "question.consent_withdrawn",
        Status.IN_PROGRESS,
        Status.IN_PROGRESS,
    )


def test_withdrawing_consent_that_was_never_given_is_refused(in_status):
    question = in_status(Status.ANSWERED, publish_consent=False)
    before = snapshot(question)

    with pytest.raises(services.TransitionError, match="nothing to withdraw"):
        services.question_withdraw_consent(question=question, at=clock.now())

    assert snapshot(question) == before


def test_rating_stores_the_score_and_comment(in_status):
    question = in_status(Status.ANSWERED)
    at = clock.now()

    services.question_rate(question=question, score=5, comment="  Rất rõ ràng ", at=at)

    question.refresh_from_db()
    assert (question.satisfaction, question.satisfaction_comment, question.rated_at) == (
        5,
        "Rất rõ ràng",
        at,
    )
    assert question.events.get(action="question.rated").data == {"score": 5}


@pytest.mark.parametrize("score", [0, 6, -1, 10])
def test_a_rating_out_of_range_is_refused(score, in_status):
    question = in_status(Status.ANSWERED)
    before = snapshot(question)

    with pytest.raises(services.TransitionError, match="1 to 5"):
        services.question_rate(question=question, score=score, at=clock.now())

    assert snapshot(question) == before


def test_rating_twice_is_refused(in_status):
    question = in_status(Status.ANSWERED)
    services.question_rate(question=question, score=2, at=clock.now())
    before = snapshot(question)

    with pytest.raises(services.TransitionError, match="already been rated"):
        services.question_rate(question=question, score=5, at=clock.now())

    assert snapshot(question) == before
    assert Question.objects.get(pk=question.pk).satisfaction == 2


def _end_of_local_day(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=HANOI)


@pytest.mark.parametrize("days", [30, 7])
def test_reopening_is_allowed_until_the_end_of_the_last_day_of_the_window(
    days, settings, in_status
):
    settings.HELPDESK = {**settings.HELPDESK, "REOPEN_WITHIN_DAYS": days}
    question = in_status(Status.ANSWERED)
    answered_on = timezone.localdate(question.answered_at)

    question = services.question_reopen(
        question=question,
        reason="Chưa rõ.",
        at=_end_of_local_day(answered_on + timedelta(days=days)),
    )

    assert question.status == Status.REOPENED


@pytest.mark.parametrize("days", [30, 7])
def test_reopening_after_the_window_is_refused(days, settings, in_status):
    settings.HELPDESK = {**settings.HELPDESK, "REOPEN_WITHIN_DAYS": days}
    question = in_status(Status.PUBLISHED)
    answered_on = timezone.localdate(question.answered_at)
    first_day_too_late = datetime.combine(
        answered_on + timedelta(days=days + 1), time(0, 0), tzinfo=HANOI
    )
    before = snapshot(question)

    with pytest.raises(services.TransitionError, match=f"within {days} days"):
        services.question_reopen(question=question, reason="Chưa rõ.", at=first_day_too_late)

    assert snapshot(question) == before


def test_the_new_answer_after_a_reopening_can_be_rated_again(in_status):
    question = in_status(Status.ANSWERED)
    services.question_rate(question=question, score=2, comment="Chưa đủ.", at=clock.now())

    question = services.question_reopen(question=question, reason="Chưa rõ.", at=clock.now())

    question.refresh_from_db()
    assert (question.satisfaction, question.rated_at) == (None, None)
    assert question.events.filter(action="question.rated", data__score=2).exists()


def test_reopening_a_published_answer_takes_it_out_of_the_archive(in_status):
    question = in_status(Status.PUBLISHED)

    question = services.question_reopen(question=question, reason="Chưa rõ.", at=clock.now())

    question.refresh_from_db()
    assert (question.status, question.published_at) == (Status.REOPENED, None)
    assert not Question.objects.published().filter(pk=question.pk).exists()


def test_a_citizens_reply_reopens_work_on_the_question(in_status):
    question = in_status(Status.AWAITING_CITIZEN)

    question = services.question_citizen_reply(
        question=question, message="  Thửa số 12.  ", at=clock.now()
    )

    assert question.status == Status.IN_PROGRESS
    assert question.events.get(action="question.citizen_replied").note == "Thửa số 12."


# --- Submission ---------------------------------------------------------------------------------


TRACKING_CODE = re.compile(r"^HD-\d{4}-[23456789ABCDEFGHJKMNPQRSTWXYZ]{5}$")


def test_a_submitted_question_gets_a_readable_tracking_code_and_a_separate_secret_token():
    question, created = receipt.question_submit(
        title="Hỏi về đất", body="Xin hỏi thủ tục tách thửa.", name="Lê Thị Cúc", at=clock.now()
    )

    assert created is True
    assert TRACKING_CODE.match(question.tracking_code)
    assert question.tracking_code.split("-")[1] == str(
        timezone.localdate(question.received_at).year
    )
    assert question.access_token != question.tracking_code
    assert question.tracking_code not in question.access_token
    assert len(question.access_token) >= 32
    assert question.status == Status.RECEIVED
    (event,) = question.events.all()
    assert (event.action, event.to_status, event.actor, event.actor_kind) == (
        "question.received",
        Status.RECEIVED,
        None,
        "citizen",
    )


def test_tracking_codes_and_tokens_are_different_for_every_question():
    questions = [make_question(email="", phone="") for _ in range(20)]

    assert len({q.tracking_code for q in questions}) == 20
    assert len({q.access_token for q in questions}) == 20
    assert all(TRACKING_CODE.match(q.tracking_code) for q in questions)


def test_the_tracking_code_year_is_the_year_in_vietnam():
    # 31 Dec 2026 20:00 UTC is already 1 Jan 2027 in Hanoi.
    question = make_question(at=datetime(2026, 12, 31, 20, 0, tzinfo=ZoneInfo("UTC")))

    assert question.tracking_code.startswith("HD-2027-")


def test_submitting_again_with_the_same_idempotency_key_returns_the_first_question():
    first, created_first = receipt.question_submit(
        title="Hỏi về thuế", body="Xin hỏi về thuế đất.", name="Phạm Văn Dũng",
        idempotency_key="abc-123", at=clock.now(),
    )  # fmt: skip
    again, created_again = receipt.question_submit(
        title="Hỏi về thuế (gửi lại)", body="Xin hỏi về thuế đất.", name="Phạm Văn Dũng",
        idempotency_key="abc-123", at=clock.now(),
    )  # fmt: skip

    assert (created_first, created_again) == (True, False)
    assert again.pk == first.pk
    assert again.access_token == first.access_token
    assert Question.objects.count() == 1
    assert Event.objects.filter(action="question.received").count() == 1


def test_submitting_without_an_idempotency_key_always_creates_a_question():
    make_question()
    make_question()

    assert Question.objects.count() == 2
    assert Question.objects.filter(idempotency_key__isnull=False).count() == 0


def test_consent_is_recorded_with_its_time_and_wording_only_when_given():
    at = clock.now()
    consenting = make_question(publish_consent=True, at=at)
    not_consenting = make_question(publish_consent=False, at=at)

    assert consenting.consent_recorded_at == at
    assert consenting.consent_wording == str(services.CONSENT_WORDING)
    assert (not_consenting.consent_recorded_at, not_consenting.consent_wording) == (None, "")


def test_deadlines_of_a_question_received_before_tet_skip_the_holiday():
    # Received Friday 13 Feb 2026 in Hanoi. Day zero is the day of receipt; 14-15 Feb is a
    # weekend, 16-20 Feb is Tết (5 days off), 21-22 Feb a weekend. Working days then run
    # Mon 23 Feb (1), Tue 24 (2) ... Fri 27 (5); 2-6 Mar (6-10); 9-13 Mar (11-15).
    received = datetime(2026, 2, 13, 10, 30, tzinfo=HANOI)

    question = make_question(at=received)

    assert question.route_by == date(2026, 2, 24)  # 2 working days
    assert question.answer_due == date(2026, 3, 13)  # 15 working days


def test_deadlines_follow_the_category_policy(land):
    category = make_category("ho-tich", unit=land, route_within_days=1, answer_within_days=3)

    # Received Thursday 5 Mar 2026: Fri 6 Mar (1), Mon 9 (2), Tue 10 (3).
    question = make_question(at=datetime(2026, 3, 5, 9, 0, tzinfo=HANOI), category=category)

    assert question.route_by == date(2026, 3, 6)
    assert question.answer_due == date(2026, 3, 10)


def test_the_day_of_receipt_is_the_local_date_not_the_utc_date():
    # 17:30 UTC on Thursday 5 Mar is 00:30 on Friday 6 Mar in Hanoi: day zero is the Friday,
    # so the 2 working days to route are Mon 9 and Tue 10.
    question = make_question(at=datetime(2026, 3, 5, 17, 30, tzinfo=ZoneInfo("UTC")))

    assert question.route_by == date(2026, 3, 10)


# --- Side effects wait for the commit ----------------------------------------------------------


def test_the_receipt_is_mailed_only_after_the_question_is_stored(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        question = make_question()
        assert mail.outbox == []  # nothing is announced before the commit

    assert callbacks  # the mail waits for the commit
    (message,) = mail.outbox
    assert message.to == ["an.nguyen@example.com"]
    assert question.tracking_code in message.subject + message.body
    assert question.access_token in message.body


def test_no_mail_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_question()

    assert callbacks  # the mail waits for the commit
    assert mail.outbox == []


def test_a_question_without_an_email_address_gets_no_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_question(email="")

    assert mail.outbox == []


def test_the_answer_is_mailed_only_after_the_approval_is_committed(
    in_status, head_land, django_capture_on_commit_callbacks
):
    question = in_status(Status.AWAITING_APPROVAL)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.question_approve(question=question, approver=head_land, at=clock.now())
        assert mail.outbox == []

    assert callbacks  # the mail waits for the commit
    (message,) = mail.outbox
    assert message.to == ["an.nguyen@example.com"]
    assert question.tracking_code in message.subject + message.body


def test_a_clarification_request_is_mailed_after_commit(
    in_status, officer_land, django_capture_on_commit_callbacks
):
    question = in_status(Status.IN_PROGRESS)

    with django_capture_on_commit_callbacks(execute=True):
        services.question_request_clarification(
            question=question,
            message="Ông cho biết số thửa đất.",
            actor=officer_land,
            at=clock.now(),
        )
        assert mail.outbox == []

    (message,) = mail.outbox
    assert message.to == ["an.nguyen@example.com"]
    assert question.tracking_code in message.subject


@pytest.mark.parametrize(
    ("source", "action"),
    [
        (Status.ROUTED, "assign"),
        (Status.IN_PROGRESS, "draft"),
        (Status.AWAITING_APPROVAL, "return"),
    ],
)
def test_internal_steps_send_the_citizen_no_mail(
    source, action, in_status, staff, land, tax, django_capture_on_commit_callbacks
):
    question = in_status(source)
    actor = staff[PERFORMER[action]]
    who = {"actor": actor, "land": land, "tax": tax, "officer": staff["officer_land"]}

    with django_capture_on_commit_callbacks(execute=True):
        perform(action, question, who)

    assert mail.outbox == []


def test_a_refused_move_announces_nothing(in_status, head_land, django_capture_on_commit_callbacks):
    question = in_status(Status.ANSWERED)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(services.TransitionError),
    ):
        services.question_approve(question=question, approver=head_land, at=clock.now())

    assert callbacks == []
    assert mail.outbox == []


# --- The whole walk ------------------------------------------------------------------------------


def test_a_question_walks_from_receipt_to_publication_with_a_complete_audit_trail(
    intake, head_land, officer_land, land
):
    question = walk(
        make_question(),
        Status.PUBLISHED,
        intake=intake,
        head=head_land,
        officer=officer_land,
        unit=land,
    )

    assert question.status == Status.PUBLISHED
    trail = list(question.events.values_list("action", "from_status", "to_status", "is_internal"))
    assert trail == [
        ("question.received", "", Status.RECEIVED, False),
        ("question.routed", Status.RECEIVED, Status.ROUTED, False),
        ("question.assigned", Status.ROUTED, Status.IN_PROGRESS, True),
        ("answer.drafted", Status.IN_PROGRESS, Status.IN_PROGRESS, True),
        ("answer.submitted", Status.IN_PROGRESS, Status.AWAITING_APPROVAL, True),
        ("question.answered", Status.AWAITING_APPROVAL, Status.ANSWERED, False),
        ("question.published", Status.ANSWERED, Status.PUBLISHED, False),
    ]
    public = list(question.events.public().values_list("action", flat=True))
    assert public == [
        "question.received",
        "question.routed",
        "question.answered",
        "question.published",
    ]


def test_events_cannot_be_edited_or_deleted(in_status):
    question = in_status(Status.ROUTED)
    event = question.events.first()

    with pytest.raises(RuntimeError, match="append-only"):
        event.save()
    with pytest.raises(RuntimeError, match="append-only"):
        event.delete()
