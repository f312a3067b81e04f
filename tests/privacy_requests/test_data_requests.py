"""Data-subject requests from the private link: see and download my data, erase it (ND 356/2025)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from helpdesk import clock
from questions import privacy, services
from questions.models import Attachment, DataSubjectRequest, Event, Question, Status
from tests.language import english_client
from tests.privacy_requests.conftest import holding_link

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def my_data_url(question: Question, name: str = "my_data") -> str:
    return reverse(f"questions:{name}", args=[question.tracking_code])


def erase(browser, question: Question, **data):
    return browser.post(my_data_url(question, "erase"), {"erase-confirm": "on", **data})


# --- Who may ask ----------------------------------------------------------------------------------


def test_the_my_data_page_is_a_404_without_the_private_link(browser, questions_in):
    question = questions_in(Status.ANSWERED)

    assert browser.get(my_data_url(question)).status_code == 404


def test_the_download_is_a_404_with_a_wrong_token(browser, questions_in):
    question = questions_in(Status.ANSWERED)

    response = browser.post(my_data_url(question, "my_data_download"), {"token": "wrong"})

    assert response.status_code == 404
    assert not DataSubjectRequest.objects.exists()


def test_an_erasure_with_a_wrong_token_changes_nothing(browser, questions_in):
    question = questions_in(Status.ANSWERED)

    response = erase(browser, question, token="wrong")

    assert response.status_code == 404
    assert Question.objects.get(pk=question.pk).asker_name == "Nguyễn Văn An"


def test_the_track_page_links_to_my_data(browser, questions_in):
    question = questions_in(Status.ANSWERED)

    response = holding_link(browser, question).get(
        reverse("questions:track", args=[question.tracking_code])
    )

    assert my_data_url(question) in response.content.decode()


# --- Access ---------------------------------------------------------------------------------------


def test_the_my_data_page_shows_what_we_hold_and_is_not_cached(browser, questions_in):
    question = questions_in(Status.ANSWERED)

    response = holding_link(browser, question).get(my_data_url(question))

    page = response.content.decode()
    assert "Nguyễn Văn An" in page
    assert "an.nguyen@example.com" in page
    assert "so-do-thua-dat-Nguyen-Van-An.pdf" in page
    assert "no-store" in response["Cache-Control"]


def test_the_download_is_a_json_of_everything_held_about_the_asker(browser, questions_in):
    question = questions_in(Status.ANSWERED)

    response = holding_link(browser, question).post(my_data_url(question, "my_data_download"))

    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["asker"] == {
        "name": "Nguyễn Văn An",
        "email": "an.nguyen@example.com",
        "phone": "0912345678",
        "language": "vi",
    }
    assert data["question"]["title"] == question.title
    assert data["answer"]["body"].startswith("Theo quy định")
    assert [item["name"] for item in data["attachments"]] == ["so-do-thua-dat-Nguyen-Van-An.pdf"]
    assert data["consent_to_publication"]["given"] is True
    assert data["consent_to_publication"]["wording"] == str(services.CONSENT_WORDING)
    assert "question.received" in [entry["action"] for entry in data["timeline"]]


def test_the_export_leaves_out_internal_steps(browser, questions_in):
    question = questions_in(Status.ANSWERED)

    response = holding_link(browser, question).post(my_data_url(question, "my_data_download"))

    actions = {entry["action"] for entry in json.loads(response.content)["timeline"]}
    assert "question.assigned" not in actions
    assert "answer.drafted" not in actions


def test_an_access_request_is_recorded_as_answered_at_once(browser, questions_in):
    question = questions_in(Status.ANSWERED)
    at = datetime(2026, 3, 6, 10, 0, tzinfo=VN)  # a Friday

    with time_machine.travel(at, tick=False):
        holding_link(browser, question).post(my_data_url(question, "my_data_download"))

    request = DataSubjectRequest.objects.get()
    assert (request.kind, request.outcome) == ("access", "exported")
    assert request.completed_at == at
    assert request.due_on == date(2026, 3, 10)


# --- The deadline ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 3, 4), date(2026, 3, 6)),  # Wednesday -> Friday
        (date(2026, 3, 6), date(2026, 3, 10)),  # Friday -> Tuesday, over the weekend
        (date(2026, 2, 13), date(2026, 2, 24)),  # the eve of Tết: 16-20 February are off
        (date(2026, 1, 9), date(2026, 1, 12)),  # Saturday 10 January 2026 is worked: it counts
    ],
)
def test_a_request_is_due_two_working_days_later_by_our_calendar(received, due):
    assert privacy.request_due_on(received) == due


def test_the_page_shows_when_a_request_made_today_is_answered(browser, questions_in):
    question = questions_in(Status.ANSWERED)

    with time_machine.travel(datetime(2026, 3, 6, 10, 0, tzinfo=VN), tick=False):
        response = holding_link(browser, question).get(my_data_url(question))

    assert "10/03/2026" in response.content.decode()


# --- Erasure of a closed question ---------------------------------------------------------------


def test_erasing_a_closed_question_empties_the_askers_contact_fields(browser, questions_in):
    question = questions_in(Status.ANSWERED)

    erase(holding_link(browser, question), question)

    question.refresh_from_db()
    assert (question.asker_name, question.asker_email, question.asker_phone) == ("", "", "")


def test_erasing_deletes_the_attachments_rows_and_files(
    browser, questions_in, django_capture_on_commit_callbacks
):
    question = questions_in(Status.ANSWERED)
    stored = Path(settings.MEDIA_ROOT) / question.attachments.get().file.name
    assert stored.is_file()

    with django_capture_on_commit_callbacks(execute=True):
        erase(holding_link(browser, question), question)

    assert not Attachment.objects.filter(question=question).exists()
    assert not stored.exists()


def test_erasing_masks_the_askers_details_in_the_private_text(browser, questions_in):
    question = questions_in(
        Status.ANSWERED,
        body="Tôi là Nguyễn Văn An, số điện thoại 0912345678, xin hỏi về giấy phép xây dựng.",
    )

    erase(holding_link(browser, question), question)

    question.refresh_from_db()
    assert "Nguyễn Văn An" not in question.body
    assert "0912345678" not in question.body
    assert "giấy phép xây dựng" in question.body


def test_erasing_masks_the_askers_details_in_the_audit_trails_notes(
    browser, questions_in, intake, head_land, officer_land, land
):
    question = questions_in(Status.IN_PROGRESS)
    services.question_request_clarification(
        question=question,
        message="Ông Nguyễn Văn An vui lòng gửi sổ đỏ.",
        actor=officer_land,
        at=clock.now(),
    )
    services.question_citizen_reply(
        question=question, message="Tôi gửi từ số 0912345678.", at=clock.now()
    )
    services.question_withdraw(question=question, at=clock.now())

    erase(holding_link(browser, question), question)

    notes = " ".join(Event.objects.filter(question=question).values_list("note", flat=True))
    assert "Nguyễn Văn An" not in notes
    assert "0912345678" not in notes


def test_erasing_a_published_question_takes_it_out_of_the_archive(browser, questions_in):
    question = questions_in(Status.PUBLISHED)

    erase(holding_link(browser, question), question)

    question.refresh_from_db()
    assert question.status == Status.ANSWERED
    assert question.publish_consent is False
    response = browser.get(reverse("questions:archive_detail", args=[question.pk]))
    assert response.status_code == 404


def test_an_erasure_of_a_closed_question_is_recorded_as_done(browser, questions_in):
    question = questions_in(Status.ANSWERED)
    at = datetime(2026, 3, 4, 9, 0, tzinfo=VN)

    with time_machine.travel(at, tick=False):
        erase(holding_link(browser, question), question)

    request = DataSubjectRequest.objects.get()
    assert (request.kind, request.outcome, request.completed_at) == ("erasure", "erased", at)
    assert request.due_on == date(2026, 3, 6)


def test_the_citizen_is_told_the_erasure_was_done(browser, questions_in):
    question = questions_in(Status.ANSWERED)

    response = erase(holding_link(browser, question), question)

    assert response.status_code == 302
    page = browser.get(response["Location"]).content.decode()
    assert "Your personal data for this question was erased." in page


def test_the_private_link_still_opens_the_question_after_erasure(browser, questions_in):
    question = questions_in(Status.ANSWERED)

    erase(holding_link(browser, question), question)

    response = browser.get(reverse("questions:track", args=[question.tracking_code]))
    assert response.status_code == 200
    assert "Your personal data was erased" in response.content.decode()


def test_erasing_needs_the_confirmation_ticked(browser, questions_in):
    question = questions_in(Status.ANSWERED)

    response = holding_link(browser, question).post(my_data_url(question, "erase"), {})

    assert response.status_code == 400
    assert "Tick the box to confirm." in response.content.decode()
    assert Question.objects.get(pk=question.pk).asker_name == "Nguyễn Văn An"


def test_erasing_twice_is_refused_with_a_clear_message(browser, questions_in):
    question = questions_in(Status.ANSWERED)
    erase(holding_link(browser, question), question)

    response = erase(browser, question, token=question.access_token)

    page = browser.get(response["Location"]).content.decode()
    assert "already been erased" in page
    assert Event.objects.filter(question=question, action=privacy.ERASED).count() == 1


def test_an_erasure_writes_the_request_then_the_erasure_to_the_audit_trail(browser, questions_in):
    question = questions_in(Status.ANSWERED)

    erase(holding_link(browser, question), question)

    actions = list(question.events.values_list("action", flat=True))
    assert actions[-2:] == [privacy.ERASURE_REQUESTED, privacy.ERASED]


# --- Erasure of an open question ----------------------------------------------------------------


def test_erasing_an_open_question_is_recorded_and_deferred(browser, questions_in):
    question = questions_in(Status.IN_PROGRESS)

    response = erase(holding_link(browser, question), question)

    request = DataSubjectRequest.objects.get()
    assert (request.outcome, request.completed_at) == ("deferred", None)
    assert Question.objects.get(pk=question.pk).asker_name == "Nguyễn Văn An"
    page = browser.get(response["Location"]).content.decode()
    assert "answering it is a duty of the state" in page


def test_asking_again_joins_the_waiting_request(browser, questions_in):
    question = questions_in(Status.IN_PROGRESS)
    erase(holding_link(browser, question), question)

    erase(browser, question)

    assert DataSubjectRequest.objects.count() == 1
    assert question.events.filter(action=privacy.ERASURE_REQUESTED).count() == 1


def test_a_deferred_erasure_is_carried_out_once_the_question_closes(browser, questions_in):
    question = questions_in(Status.IN_PROGRESS)
    erase(holding_link(browser, question), question)
    # The citizen no longer needs an answer: withdrawing closes the question.
    services.question_withdraw(question=question, at=clock.now())

    report = privacy.apply_retention(years=0, at=clock.now())

    assert report.erasures == [question.tracking_code]
    question.refresh_from_db()
    assert question.asker_name == ""
    request = DataSubjectRequest.objects.get()
    assert request.outcome == "erased"
    assert request.completed_at is not None


def test_a_deferred_erasure_waits_while_the_question_is_open(browser, questions_in):
    question = questions_in(Status.IN_PROGRESS)
    erase(holding_link(browser, question), question)

    report = privacy.apply_retention(years=0, at=clock.now())

    assert report.erasures == []
    assert Question.objects.get(pk=question.pk).asker_name == "Nguyễn Văn An"


def test_the_erasure_is_a_line_on_the_staff_question_page(browser, questions_in, supervisor):
    question = questions_in(Status.ANSWERED)
    erase(holding_link(browser, question), question)
    staff = english_client()
    staff.force_login(supervisor)

    response = staff.get(reverse("workspace:question", args=[question.tracking_code]))

    assert "The asker&#x27;s personal data was erased" in response.content.decode()


def test_the_my_data_page_speaks_vietnamese_by_default(questions_in):
    question = questions_in(Status.ANSWERED)
    browser = holding_link(Client(), question)

    response = browser.get(my_data_url(question))

    assert "Dữ liệu chúng tôi lưu về bạn" in response.content.decode()
