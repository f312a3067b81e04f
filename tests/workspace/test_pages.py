"""What each page shows, and to whom: inbox scoping, filters, the intake queue, the question
page's private data and buttons, attachments, and the role-aware home page."""

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helpdesk import clock
from questions.models import Question, Status
from questions.uploads import check_upload
from tests.factories import make_question

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _codes(response) -> set[str]:
    return {q.tracking_code for q in response.context["page"].object_list}


@pytest.mark.django_db
def test_officer_tax_never_sees_land_questions_in_the_list_or_the_detail(staff, place, login):
    land_question = place(Status.IN_PROGRESS, unit="land", title="Hỏi về đất đai")
    tax_question = place(Status.ROUTED, unit="tax", title="Hỏi về thuế")
    client = login(staff["officer_tax"])

    for query in ("", "?status=in_progress", "?q=HD-", "?due=overdue", "?q=đất đai"):
        response = client.get(reverse("workspace:inbox") + query)
        assert land_question.tracking_code not in response.content.decode()
    by_code = client.get(reverse("workspace:inbox") + f"?q={land_question.tracking_code}")
    assert _codes(by_code) == set()
    assert _codes(client.get(reverse("workspace:inbox"))) == {tax_question.tracking_code}
    assert (
        client.get(reverse("workspace:question", args=[land_question.tracking_code])).status_code
        == 404
    )


@pytest.mark.django_db
def test_the_unit_inbox_shows_what_the_unit_holds_and_the_province_sees_all_open(
    staff, place, login
):
    held = place(Status.AWAITING_APPROVAL, unit="land")
    answered = place(Status.ANSWERED, unit="land")
    unrouted = place(Status.RECEIVED, unit=None)

    assert _codes(login(staff["head_land"]).get(reverse("workspace:inbox"))) == {held.tracking_code}
    assert _codes(login(staff["supervisor"]).get(reverse("workspace:inbox"))) == {
        held.tracking_code,
        unrouted.tracking_code,
    }
    answered_filter = login(staff["head_land"]).get(reverse("workspace:inbox") + "?status=answered")
    assert _codes(answered_filter) == {answered.tracking_code}


@pytest.mark.django_db
def test_the_province_inbox_filters_by_unit(staff, place, login, tax):
    place(Status.ROUTED, unit="land")
    tax_question = place(Status.ROUTED, unit="tax")

    response = login(staff["intake"]).get(reverse("workspace:inbox") + f"?unit={tax.pk}")

    assert _codes(response) == {tax_question.tracking_code}


@pytest.mark.django_db
def test_the_overdue_filter_shows_open_questions_past_their_answer_date(staff, place, login):
    with time_machine.travel("2026-03-02 09:00 +0700", tick=False):
        late = place(Status.IN_PROGRESS)
        answered_late = place(Status.ANSWERED)
    with time_machine.travel("2026-04-13 09:00 +0700", tick=False):
        fresh = place(Status.IN_PROGRESS)
    client = login(staff["head_land"])

    with time_machine.travel("2026-04-13 10:00 +0700", tick=False):
        assert late.answer_due < clock.today() <= fresh.answer_due
        overdue = client.get(reverse("workspace:inbox") + "?due=overdue")
        everything = client.get(reverse("workspace:inbox"))

    assert _codes(overdue) == {late.tracking_code}
    assert answered_late.tracking_code not in _codes(overdue)
    assert _codes(everything) == {late.tracking_code, fresh.tracking_code}
    assert overdue.content.decode().count('class="badge overdue"') == 1


@pytest.mark.django_db
def test_assigned_to_me_and_text_search_narrow_the_inbox(staff, place, login):
    mine = place(Status.IN_PROGRESS, title="Chuyển mục đích sử dụng đất")
    place(Status.ROUTED, title="Cấp đổi sổ đỏ")
    client = login(staff["officer_land"])

    assert _codes(client.get(reverse("workspace:inbox") + "?mine=on")) == {mine.tracking_code}
    assert _codes(client.get(reverse("workspace:inbox") + "?q=mục đích")) == {mine.tracking_code}
    code_search = client.get(reverse("workspace:inbox") + f"?q={mine.tracking_code.lower()}")
    assert _codes(code_search) == {mine.tracking_code}


@pytest.mark.django_db
def test_the_inbox_costs_the_same_queries_for_many_rows(
    staff, place, login, django_assert_max_num_queries
):
    for _ in range(12):
        place(Status.IN_PROGRESS)
    client = login(staff["head_land"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("workspace:inbox"))
    assert len(response.context["page"].object_list) == 12


@pytest.mark.django_db
def test_the_intake_queue_lists_received_questions_oldest_first_with_a_suggested_unit(
    staff, land, land_category, login
):
    with time_machine.travel("2026-03-02 09:00 +0700", tick=False):
        older = make_question(title="Câu hỏi cũ", category=land_category)
    with time_machine.travel("2026-03-03 09:00 +0700", tick=False):
        newer = make_question(title="Câu hỏi mới")

    response = login(staff["intake"]).get(reverse("workspace:intake"))

    rows = response.context["rows"]
    assert rows == [older, newer]
    assert rows[0].top.unit_id == land.pk  # the category's default, without a model
    # The forms of one question open on their own (helpdesk/workspace/queue_views.py).
    actions = login(staff["intake"]).get(
        reverse("workspace:intake_actions", args=[older.tracking_code])
    )
    assert actions.context["route"].initial["unit"] == str(land.pk)
    content = actions.content.decode()
    assert "Law on Complaints 2011" in content  # the reason templates
    assert '<optgroup label="Department">' in content  # units grouped by kind


@pytest.mark.django_db
def test_only_the_intake_desk_opens_the_intake_queue(staff, login):
    assert login(staff["intake"]).get(reverse("workspace:intake")).status_code == 200
    assert login(staff["head_land"]).get(reverse("workspace:intake")).status_code == 403
    assert login(staff["supervisor"]).get(reverse("workspace:intake")).status_code == 403


@pytest.mark.django_db
def test_the_question_page_shows_private_data_and_marks_internal_events(staff, place, login):
    question = place(Status.IN_PROGRESS, phone="0912345678", email="an@example.com")

    client = login(staff["officer_land"])
    client.post(reverse("workspace:show_contact", args=[question.tracking_code]))
    content = client.get(reverse("workspace:question", args=[question.tracking_code])).content
    content = content.decode()

    assert "0912345678" in content and "an@example.com" in content
    assert '<li class="internal">' in content  # "assigned" is an internal event
    assert "Assigned to an officer" in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("officer_land", {"draft", "request_clarification"}, {"approve", "assign", "transfer"}),
        ("head_land", {"assign", "draft", "transfer"}, {"approve", "route", "reject"}),
        ("intake", {"transfer"}, {"draft", "assign", "approve"}),
        ("supervisor", set(), {"draft", "assign", "transfer", "approve"}),
    ],
)
def test_the_action_panel_shows_only_what_the_user_may_do_now(
    role, shown, hidden, staff, place, login
):
    question = place(Status.IN_PROGRESS)
    response = login(staff[role]).get(reverse("workspace:question", args=[question.tracking_code]))
    actions = {item["action"] for item in response.context["panel"]}
    if response.context["draft"]:
        actions.add("draft")
    assert shown <= actions
    assert not (hidden & actions)
    for action in hidden:
        url = reverse(f"workspace:{action}", args=[question.tracking_code])
        assert f'action="{url}"' not in response.content.decode()


@pytest.mark.django_db
def test_the_head_sees_approve_and_return_only_while_an_answer_awaits_approval(staff, place, login):
    question = place(Status.AWAITING_APPROVAL)
    response = login(staff["head_land"]).get(
        reverse("workspace:question", args=[question.tracking_code])
    )
    actions = {item["action"] for item in response.context["panel"]}
    assert {"approve", "return"} <= actions
    assert response.context["draft"] is None


@pytest.mark.django_db
def test_an_attachment_downloads_for_staff_in_scope_only(staff, place, login):
    question = place(Status.IN_PROGRESS)
    upload = SimpleUploadedFile("scan.png", PNG, content_type="image/png")
    from questions.services import _attach

    attachment = _attach(question, upload, check_upload(upload), at=clock.now())
    url = reverse("workspace:attachment", args=[question.tracking_code, attachment.pk])

    response = login(staff["officer_land"]).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert "attachment" in response["Content-Disposition"]
    assert login(staff["officer_tax"]).get(url).status_code == 404
    assert login(None).get(url).status_code == 302
    other = place(Status.IN_PROGRESS)
    wrong_pair = reverse("workspace:attachment", args=[other.tracking_code, attachment.pk])
    assert login(staff["officer_land"]).get(wrong_pair).status_code == 404


@pytest.mark.django_db
def test_the_home_page_speaks_to_each_role(staff, place, login):
    place(Status.RECEIVED, unit=None)
    place(Status.ROUTED, unit="land")
    place(Status.AWAITING_APPROVAL, unit="land")

    intake = login(staff["intake"]).get(reverse("workspace:home")).context
    assert intake["intake"]["received"] == 1
    head = login(staff["head_land"]).get(reverse("workspace:home")).context
    assert (head["unit"]["new"], head["unit"]["awaiting_approval"]) == (1, 1)
    assert "by_unit" not in head
    tax_head = login(staff["head_tax"]).get(reverse("workspace:home")).context
    assert tax_head["unit"]["new"] == 0
    supervisor = login(staff["supervisor"]).get(reverse("workspace:home")).context
    counts = {value: n for value, _label, n in supervisor["by_status"]}
    assert (counts["received"], counts["routed"], counts["awaiting_approval"]) == (1, 1, 1)
    assert [(r.unit.code, r.open) for r in supervisor["by_unit"]] == [("land", 2)]


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_the_login_page_and_can_log_in(staff, client):
    response = client.get(reverse("workspace:inbox"))
    assert response["Location"] == reverse("workspace:login") + "?next=/staff/inbox/"

    assert client.get(reverse("workspace:login")).status_code == 200
    response = client.post(
        reverse("workspace:login"),
        {"username": "head_land", "password": "pw", "next": "/staff/inbox/"},
    )
    assert response["Location"] == "/staff/inbox/"
    assert client.get(reverse("workspace:inbox")).status_code == 200

    client.post(reverse("workspace:logout"))
    assert client.get(reverse("workspace:inbox")).status_code == 302


@pytest.mark.django_db
def test_the_publish_page_proposes_a_redacted_version_and_lists_what_was_removed(
    staff, place, login
):
    question = place(
        Status.ANSWERED,
        body="Tôi tên là Nguyễn Văn An, điện thoại 0912345678, hỏi về thửa đất số 123.",
    )

    response = login(staff["intake"]).get(
        reverse("workspace:publish", args=[question.tracking_code])
    )

    initial = response.context["form"].initial
    assert "0912345678" not in initial["public_body"]
    kinds = {f.kind for _field, _label, f in response.context["findings"]}
    assert {"name", "phone"} <= kinds
    assert Question.objects.get(pk=question.pk).status == Status.ANSWERED
