"""The draft history on the staff question page: every saved text is a version, what the head
returned and why, what changed since, a word-level diff (questions/desk.py); "save and submit
for approval" beside "save draft" (helpdesk/workspace/views.py)."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

import pytest
from django.urls import reverse

from helpdesk import clock
from questions import desk, privacy, services
from questions.audit import AuditAction
from questions.models import AnswerVersion, DataSubjectRequest, Status
from tests.workspace.conftest import messages_of

pytestmark = pytest.mark.django_db

FIRST = "Kính gửi ông An. Hồ sơ gồm đơn đề nghị và bản sao giấy tờ về đất."
SECOND = "Kính gửi ông An. Hồ sơ gồm đơn đề nghị, bản vẽ thiết kế và bản sao giấy tờ về đất."
REASON = "Thiếu bản vẽ thiết kế trong thành phần hồ sơ."


def _page(client, question):
    return client.get(reverse("workspace:question", args=[question.tracking_code]))


def _save(question, officer, body, minutes, references=""):
    services.answer_save_draft(
        question=question,
        body=body,
        legal_references=references,
        actor=officer,
        at=clock.now() + timedelta(minutes=minutes),
    )


@pytest.fixture
def returned(place, staff):
    """Saved twice, submitted, returned by the head with a reason, then corrected."""
    question = place(Status.IN_PROGRESS)
    officer, head = staff["officer_land"], staff["head_land"]
    _save(question, officer, "Hồ sơ gồm đơn.", 1)
    _save(question, officer, FIRST, 2, references="Luật Đất đai 2024")
    services.question_submit_draft(
        question=question, actor=officer, at=clock.now() + timedelta(minutes=3)
    )
    services.question_return_draft(
        question=question, reason=REASON, approver=head, at=clock.now() + timedelta(minutes=4)
    )
    _save(question, officer, SECOND, 5, references="Luật Đất đai 2024\nNghị định 101/2024")
    question.refresh_from_db()
    return question


# --- Versions -----------------------------------------------------------------------------------


def test_each_save_that_changes_the_text_keeps_a_version(place, staff):
    question = place(Status.IN_PROGRESS)
    officer = staff["officer_land"]

    _save(question, officer, "Một.", 1)
    _save(question, officer, "Một.", 2)  # saved again unchanged: no new version
    _save(question, officer, "Một. Hai.", 3)

    assert list(
        AnswerVersion.objects.filter(answer__question=question).values_list("body", flat=True)
    ) == ["Một.", "Một. Hai."]


def test_the_round_a_return_opens_is_not_a_new_version(returned):
    history = desk.draft_history(returned)

    assert [v.body for v in history.versions] == ["Hồ sơ gồm đơn.", FIRST, SECOND]
    assert [step.kind for step in history.steps] == [
        "version",
        "version",
        "submitted",
        "returned",
        "version",
    ]


def test_the_history_says_who_saved_each_version_and_from_which_published_answer(place, staff):
    question = place(Status.IN_PROGRESS)
    officer = staff["officer_land"]
    source = place(Status.IN_PROGRESS)  # any question: the event records its number
    services.answer_save_draft(
        question=question, body="Từ câu trả lời cũ.", based_on=source, actor=officer, at=clock.now()
    )

    [version] = desk.draft_history(question).versions

    assert version.saved_by_id == officer.pk
    assert version.source == source.pk


def test_what_changed_since_the_return_is_the_returned_text_against_the_latest(returned):
    history = desk.draft_history(returned)

    assert history.returned.note == REASON
    assert history.returned_version.body == FIRST
    assert history.since_return.body == SECOND
    assert "<ins>" in history.since_return_body
    assert "bản vẽ thiết kế" in history.since_return_body
    assert "Nghị định 101/2024" in history.since_return_references


# --- The diff -----------------------------------------------------------------------------------


def test_the_diff_marks_removed_and_added_words():
    diff = desk.diff_words("Hồ sơ gồm đơn và ảnh.", "Hồ sơ gồm đơn và bản vẽ.")

    assert diff == (
        "Hồ sơ gồm đơn và "
        '<del><span class="visually-hidden">removed: </span>ảnh</del>'
        '<ins><span class="visually-hidden">added: </span>bản vẽ</ins>.'
    )


def test_words_added_before_a_full_stop_are_an_insertion_not_a_replaced_word():
    diff = desk.diff_words("Thời hạn là 15 ngày.", "Thời hạn là 15 ngày làm việc.")

    assert "<del>" not in diff
    assert diff == (
        'Thời hạn là 15 ngày<ins><span class="visually-hidden">added: </span> làm việc</ins>.'
    )


def test_a_word_typed_with_combining_marks_is_the_same_word():
    decomposed = unicodedata.normalize("NFD", "Thời hạn giải quyết")

    assert "<ins>" not in desk.diff_words("Thời hạn giải quyết", decomposed)


def test_an_unchanged_text_has_no_marks():
    assert "<ins>" not in desk.diff_words("Một hai ba.", "Một hai ba.")
    assert "<del>" not in desk.diff_words("Một hai ba.", "Một hai ba.")


def test_the_diff_escapes_what_staff_typed():
    diff = desk.diff_words("An <b>", 'An <script>alert("x")</script> & co')

    assert "<script>" not in diff
    assert "<b>" not in diff
    assert "alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in diff
    assert "&lt;" in diff


def test_the_page_escapes_a_draft_holding_markup(place, staff, login):
    question = place(Status.IN_PROGRESS)
    _save(question, staff["officer_land"], "Một.", 1)
    _save(question, staff["officer_land"], "Một. <img src=x onerror=alert(1)>", 2)

    html = _page(login(staff["officer_land"]), question).content.decode()

    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


# --- On the question page -----------------------------------------------------------------------


def test_the_head_sees_the_history_with_the_reason_and_what_changed_since(returned, staff, login):
    response = _page(login(staff["head_land"]), returned)

    html = response.content.decode()
    assert "Draft history" in html
    assert REASON in html
    assert "What changed since it was returned (version 2 → version 3)" in html
    assert "bản vẽ thiết kế" in html
    assert "<ins>" in html
    assert "Version 3" in html


def test_the_officer_sees_the_history(returned, staff, login):
    assert _page(login(staff["officer_land"]), returned).context["history"]


def test_a_supervisor_sees_the_history(returned, staff, login):
    assert _page(login(staff["supervisor"]), returned).context["history"]


def test_the_intake_desk_does_not_see_the_history(returned, staff, login):
    response = _page(login(staff["intake"]), returned)

    assert response.context["history"] is None
    assert "Draft history" not in response.content.decode()


def test_another_units_staff_cannot_open_the_page_or_its_history(returned, staff, login):
    assert _page(login(staff["head_tax"]), returned).status_code == 404


def test_the_erasure_redacts_the_versions_too(place, staff):
    question = place(Status.IN_PROGRESS)
    _save(question, staff["officer_land"], "Kính gửi ông Nguyễn Văn An, hồ sơ gồm đơn.", 1)
    _save(question, staff["officer_land"], "Kính gửi ông Nguyễn Văn An, hồ sơ gồm đơn, ảnh.", 2)
    question.status = Status.WITHDRAWN  # closed: the erasure is carried out at once
    question.save(update_fields=["status"])
    request = DataSubjectRequest.objects.create(
        kind=DataSubjectRequest.Kind.ERASURE, question=question, due_on=clock.today()
    )

    assert privacy.erasure_carry_out(request=request, at=clock.now())

    bodies = AnswerVersion.objects.filter(answer__question=question).values_list("body", flat=True)
    assert len(bodies) == 2
    assert not any("Nguyễn Văn An" in body for body in bodies)


# --- Save and submit, side by side --------------------------------------------------------------


def _post_draft(client, question, body, **extra):
    return client.post(
        reverse("workspace:draft", args=[question.tracking_code]),
        {"body": body, "legal_references": "", **extra},
        follow=True,
    )


def test_the_draft_form_offers_save_and_submit_side_by_side(place, staff, login):
    question = place("draft_saved")

    response = _page(login(staff["officer_land"]), question)

    html = response.content.decode()
    form = html[html.index('id="act-draft"') : html.index("</form>", html.index('id="act-draft"'))]
    assert "Save draft" in form
    assert 'name="then" value="submit"' in form
    # …and the side panel does not offer the submit move a second time.
    assert "submit" not in [item["action"] for item in response.context["panel"]]


def test_save_and_submit_saves_the_text_and_submits_it(place, staff, login):
    question = place(Status.IN_PROGRESS)

    response = _post_draft(
        login(staff["officer_land"]), question, "Câu trả lời mới.", then="submit"
    )

    question.refresh_from_db()
    assert question.status == Status.AWAITING_APPROVAL
    assert question.current_draft.body == "Câu trả lời mới."
    assert messages_of(response) == ["The answer was submitted for approval."]
    assert list(question.events.values_list("action", flat=True))[-2:] == [
        AuditAction.ANSWER_DRAFTED,
        AuditAction.ANSWER_SUBMITTED,
    ]


def test_submitting_the_saved_text_unchanged_saves_nothing_again(place, staff, login):
    question = place("draft_saved")
    drafted = question.events.filter(action=AuditAction.ANSWER_DRAFTED).count()

    _post_draft(login(staff["officer_land"]), question, "Bản nháp câu trả lời.", then="submit")

    question.refresh_from_db()
    assert question.status == Status.AWAITING_APPROVAL
    assert question.events.filter(action=AuditAction.ANSWER_DRAFTED).count() == drafted


def test_save_draft_alone_does_not_submit(place, staff, login):
    question = place(Status.IN_PROGRESS)

    _post_draft(login(staff["officer_land"]), question, "Chưa xong.")

    question.refresh_from_db()
    assert question.status == Status.IN_PROGRESS
    assert question.current_draft.body == "Chưa xong."


def test_save_and_submit_with_an_empty_answer_submits_nothing(place, staff, login):
    question = place(Status.IN_PROGRESS)

    response = _post_draft(login(staff["officer_land"]), question, "  ", then="submit")

    assert response.status_code == 400
    question.refresh_from_db()
    assert question.status == Status.IN_PROGRESS
