"""The citizen's path through the web pages: ask, receipt, e-mail, track, and act on a question."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from helpdesk import clock
from questions import services
from questions.models import Question, Status
from tests.factories import make_question, walk
from tests.questions.conftest import PDF_BYTES, pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def track_url(question: Question, token: str | None = None) -> str:
    url = reverse("questions:track", args=[question.tracking_code])
    return f"{url}?token={token}" if token is not None else url


def open_private_link(browser: Client, question: Question):
    return browser.get(track_url(question, question.access_token), follow=True)


@pytest.fixture
def submitted(browser, ask_form, django_capture_on_commit_callbacks):
    """A question sent through the web form with one PDF, as a citizen would."""
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            reverse("questions:ask"), ask_form(attachments=[pdf()]), follow=False
        )
    return response, Question.objects.get()


# --- Asking --------------------------------------------------------------------------------------


def test_the_ask_form_shows_the_consent_wording_with_the_box_unticked(browser):
    response = browser.get(reverse("questions:ask"))
    html = response.content.decode()
    assert str(services.CONSENT_WORDING) in html
    consent_input = html[
        html.index('name="publish_consent"') - 80 : html.index("publish_consent") + 80
    ]
    assert "checked" not in consent_input


def test_a_valid_submission_redirects_to_a_receipt_showing_the_tracking_code(browser, submitted):
    response, question = submitted
    assert response.status_code == 302
    assert response["Location"] == reverse("questions:receipt", args=[question.tracking_code])
    receipt = browser.get(response["Location"])
    assert receipt.status_code == 200
    assert question.tracking_code in receipt.content.decode()
    assert 'class="receipt-code"' in receipt.content.decode()


def test_the_receipt_shows_the_private_link_and_the_due_date(browser, submitted):
    response, question = submitted
    html = browser.get(response["Location"]).content.decode()
    assert f"/track/{question.tracking_code}/?token={question.access_token}" in html
    assert question.answer_due.strftime("%d/%m/%Y") in html


def test_the_question_is_stored_as_received_without_consent_when_the_box_is_unticked(submitted):
    _, question = submitted
    assert question.status == Status.RECEIVED
    assert question.publish_consent is False
    assert question.consent_wording == ""
    assert question.asker_phone == "0912345678"  # normalised
    assert question.source == "web"
    assert question.idempotency_key.startswith("web:")


def test_a_ticked_box_records_consent_with_its_wording(browser, ask_form):
    browser.post(reverse("questions:ask"), ask_form(publish_consent="on"))
    question = Question.objects.get()
    assert question.publish_consent is True
    assert question.consent_wording == str(services.CONSENT_WORDING)
    assert question.consent_recorded_at is not None


def test_the_pdf_is_stored_with_the_type_read_from_its_content(submitted):
    _, question = submitted
    attachment = question.attachments.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "giay-to.pdf"
    assert attachment.file.read() == PDF_BYTES


def test_an_email_receipt_carries_the_private_link(submitted):
    _, question = submitted
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["le.van.hoi@example.com"]
    assert question.tracking_code in message.body
    assert f"?token={question.access_token}" in message.body


def test_the_question_keeps_the_language_of_the_page_it_was_asked_on(ask_form):
    vietnamese = Client(HTTP_ACCEPT_LANGUAGE="vi")
    data = ask_form()
    vietnamese.post(reverse("questions:ask"), data)
    assert Question.objects.get().language == "vi"


def test_an_english_page_records_english(browser, ask_form):
    browser.post(reverse("questions:ask"), ask_form())
    assert Question.objects.get().language == "en"


# --- The private link ---------------------------------------------------------------------------


def test_the_private_link_shows_the_timeline(browser):
    question = make_question()
    response = open_private_link(browser, question)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your question was received" in html
    assert question.title in html


def test_the_token_is_taken_out_of_the_address_after_the_first_visit(browser):
    question = make_question()
    response = browser.get(track_url(question, question.access_token))
    assert response.status_code == 302
    assert response["Location"] == track_url(question)
    assert "token" not in response["Location"]


def test_the_tracking_page_without_a_token_is_not_found(browser):
    question = make_question()
    assert browser.get(track_url(question)).status_code == 404


def test_the_tracking_page_with_a_wrong_token_is_not_found(browser):
    question = make_question()
    assert browser.get(track_url(question, "not-the-token")).status_code == 404


def test_the_receipt_without_the_token_is_not_found(browser):
    question = make_question()
    url = reverse("questions:receipt", args=[question.tracking_code])
    assert browser.get(url).status_code == 404
    assert browser.get(f"{url}?token=wrong").status_code == 404


def test_the_private_timeline_hides_internal_steps(browser, intake, head_land, officer_land, land):
    question = walk(
        make_question(),
        Status.IN_PROGRESS,
        intake=intake,
        head=head_land,
        officer=officer_land,
        unit=land,
    )
    html = open_private_link(browser, question).content.decode()
    assert "Sent to the responsible agency" in html
    assert "officer_land" not in html  # the assignment is an internal event


def test_looking_up_by_code_alone_shows_the_status_but_no_private_data(browser):
    question = make_question(
        title="Tiêu đề riêng tư ABC", body="Nội dung riêng tư của câu hỏi XYZ, chỉ người hỏi xem."
    )
    response = browser.get(reverse("questions:lookup"), {"code": question.tracking_code.lower()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Received" in html
    for private in (
        question.title,
        question.body,
        question.asker_name,
        question.asker_email,
        question.asker_phone,
        question.access_token,
    ):
        assert private not in html


def test_looking_up_an_unknown_code_says_so(browser):
    response = browser.get(reverse("questions:lookup"), {"code": "HD-2026-ZZZZZ"})
    assert "No question has this tracking code" in response.content.decode()


def test_pasting_the_private_link_into_the_lookup_opens_the_question(browser):
    question = make_question()
    link = f"http://127.0.0.1:8000{track_url(question, question.access_token)}"
    response = browser.get(reverse("questions:lookup"), {"code": link})
    assert response.status_code == 302
    assert response["Location"] == track_url(question)


def test_an_attachment_downloads_with_the_private_link(browser, submitted):
    _, question = submitted
    attachment = question.attachments.get()
    url = reverse("questions:attachment", args=[question.tracking_code, attachment.pk])
    response = browser.get(f"{url}?token={question.access_token}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_an_attachment_is_not_found_without_the_token(submitted):
    _, question = submitted
    attachment = question.attachments.get()
    url = reverse("questions:attachment", args=[question.tracking_code, attachment.pk])
    assert Client().get(url).status_code == 404


# --- Acting on the question ----------------------------------------------------------------------


@pytest.fixture
def answered(intake, head_land, officer_land, land):
    return walk(
        make_question(),
        Status.ANSWERED,
        intake=intake,
        head=head_land,
        officer=officer_land,
        unit=land,
    )


@pytest.fixture
def awaiting_citizen(intake, head_land, officer_land, land):
    question = walk(
        make_question(),
        Status.IN_PROGRESS,
        intake=intake,
        head=head_land,
        officer=officer_land,
        unit=land,
    )
    return services.question_request_clarification(
        question=question, message="Xin cho biết số thửa đất.", actor=officer_land, at=clock.now()
    )


def act(browser: Client, question: Question, action: str, data: dict, **extra):
    url = reverse(f"questions:{action}", args=[question.tracking_code])
    return browser.post(url, {"token": question.access_token, **data}, **extra)


def test_the_clarification_request_is_shown_with_a_reply_form(browser, awaiting_citizen):
    html = open_private_link(browser, awaiting_citizen).content.decode()
    assert "Xin cho biết số thửa đất." in html
    assert 'name="reply-message"' in html


def test_replying_to_a_clarification_puts_the_question_back_in_progress(browser, awaiting_citizen):
    response = act(
        browser,
        awaiting_citizen,
        "reply",
        {"reply-message": "Thửa số 123, tờ bản đồ 45.", "reply-attachments": [pdf("so-do.pdf")]},
        follow=True,
    )
    awaiting_citizen.refresh_from_db()
    assert awaiting_citizen.status == Status.IN_PROGRESS
    assert awaiting_citizen.attachments.count() == 1
    assert "your reply was sent" in response.content.decode()


def test_an_empty_reply_is_refused_next_to_the_field(browser, awaiting_citizen):
    response = act(browser, awaiting_citizen, "reply", {"reply-message": "  "})
    assert response.status_code == 400
    assert 'id="id_reply-message_error"' in response.content.decode()
    awaiting_citizen.refresh_from_db()
    assert awaiting_citizen.status == Status.AWAITING_CITIZEN


def test_withdrawing_needs_the_confirmation_box(browser):
    question = make_question()
    response = act(browser, question, "withdraw", {})
    assert response.status_code == 400
    question.refresh_from_db()
    assert question.status == Status.RECEIVED


def test_withdrawing_a_question_closes_it(browser):
    question = make_question()
    act(browser, question, "withdraw", {"withdraw-confirm": "on", "withdraw-reason": "Đã rõ."})
    question.refresh_from_db()
    assert question.status == Status.WITHDRAWN


def test_an_answer_can_be_rated_once(browser, answered):
    act(browser, answered, "rate", {"rate-score": "4", "rate-comment": "Rõ ràng."})
    response = act(browser, answered, "rate", {"rate-score": "1"}, follow=True)
    answered.refresh_from_db()
    assert answered.satisfaction == 4
    assert "already been rated" in response.content.decode()


def test_a_rated_answer_no_longer_offers_the_rating_form(browser, answered):
    act(browser, answered, "rate", {"rate-score": "5"})
    response = open_private_link(browser, answered)
    html = response.content.decode()
    # The question's own page, showing the rating, not an error page without any form.
    assert response.status_code == 200
    assert "5/5" in html
    assert 'name="rate-score"' not in html


def test_reopening_an_answer_with_a_reason(browser, answered):
    act(browser, answered, "reopen", {"reopen-reason": "Chưa rõ về lệ phí."})
    answered.refresh_from_db()
    assert answered.status == Status.REOPENED


def test_an_action_the_status_does_not_allow_is_refused_with_a_message(browser):
    question = make_question()
    response = act(browser, question, "reopen", {"reopen-reason": "Chưa rõ."}, follow=True)
    question.refresh_from_db()
    assert question.status == Status.RECEIVED
    assert "This cannot be done while the question is" in response.content.decode()


def test_an_action_with_a_wrong_token_is_not_found(answered):
    url = reverse("questions:rate", args=[answered.tracking_code])
    response = Client().post(url, {"token": "wrong", "rate-score": "5"})
    assert response.status_code == 404
    answered.refresh_from_db()
    assert answered.satisfaction is None


def test_withdrawing_consent_takes_a_published_question_out_of_the_archive(browser, publish):
    question = publish()
    detail = reverse("questions:archive_detail", args=[question.pk])
    assert browser.get(detail).status_code == 200
    act(browser, question, "withdraw_consent", {})
    question.refresh_from_db()
    assert question.publish_consent is False
    assert question.status == Status.ANSWERED
    assert browser.get(detail).status_code == 404
    assert question.public_title not in browser.get(reverse("questions:archive")).content.decode()
