"""Bad input on the ask form gets a clear error next to the field and stores nothing."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from questions import validators
from questions.models import Attachment, Question
from questions.uploads import MAX_BYTES
from tests.questions.conftest import PDF_BYTES, pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

ASK = reverse("questions:ask")


def assert_refused(response, field: str, message: str) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html  # summarised at the top…
    assert f'id="id_{field}_error"' in html  # …and announced next to the field
    assert message in html
    assert Question.objects.count() == 0
    assert Attachment.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"title": "   "}, "title", "This field is required."),
        ({"body": ""}, "body", "This field is required."),
        ({"body": "Ngắn"}, "body", "at least 10 characters"),
        ({"body": "x" * (validators.BODY_MAX + 1)}, "body", "at most 5000 characters"),
        ({"title": "x" * (validators.TITLE_MAX + 1)}, "title", "at most 200 characters"),
        ({"name": ""}, "name", "This field is required."),
        ({"body": "Câu hỏi có ký tự điều khiển \x07 ở giữa."}, "body", "not allowed"),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"phone": "12345"}, "phone", "Enter a Vietnamese phone number"),
        ({"email": "", "phone": ""}, "email", "Give an e-mail address or a phone number"),
    ],
    ids=[
        "empty title",
        "blank title",
        "empty body",
        "too short body",
        "oversized body",
        "oversized title",
        "no name",
        "control character",
        "invalid e-mail",
        "invalid phone",
        "no contact at all",
    ],
)
def test_bad_text_is_refused_and_nothing_is_stored(browser, ask_form, overrides, field, message):
    assert_refused(browser.post(ASK, ask_form(**overrides)), field, message)


def test_a_phone_number_alone_is_enough(browser, ask_form):
    response = browser.post(ASK, ask_form(email=""))
    assert response.status_code == 302
    assert Question.objects.get().asker_phone == "0912345678"


def test_a_disguised_executable_is_refused_by_its_content(browser, ask_form):
    disguised = pdf("hoa-don.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64)
    response = browser.post(ASK, ask_form(attachments=[disguised]))
    assert_refused(response, "attachments", "is not a PDF, JPEG or PNG file")


def test_a_file_over_10_mb_is_refused(browser, ask_form):
    too_big = pdf("ban-ve.pdf", PDF_BYTES + b"0" * (MAX_BYTES + 1 - len(PDF_BYTES)))
    response = browser.post(ASK, ask_form(attachments=[too_big]))
    assert_refused(response, "attachments", "is larger than 10 MB")


def test_more_files_than_allowed_are_refused(browser, ask_form, settings):
    settings.HELPDESK = {**settings.HELPDESK, "MAX_ATTACHMENTS": 2}
    files = [pdf(f"trang-{i}.pdf") for i in range(3)]
    response = browser.post(ASK, ask_form(attachments=files))
    assert_refused(response, "attachments", "Attach at most 2 files.")


def test_one_bad_file_among_good_ones_stores_none_of_them(browser, ask_form):
    files = [pdf("tot.pdf"), pdf("xau.pdf", b"not a pdf at all")]
    response = browser.post(ASK, ask_form(attachments=files))
    assert_refused(response, "attachments", "“xau.pdf” is not a PDF, JPEG or PNG file")


def test_a_filled_honeypot_pretends_success_but_stores_nothing(
    browser, ask_form, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(ASK, ask_form(website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == reverse("questions:thanks")
    assert Question.objects.count() == 0
    assert mail.outbox == []
    thanks = browser.get(response["Location"]).content.decode()
    assert "HD-" not in thanks


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(browser):
    html = browser.get(ASK).content.decode()
    start = html.index('class="honeypot"')
    honeypot = html[start : html.index("</div>", start)]
    assert 'aria-hidden="true"' in honeypot
    assert 'tabindex="-1"' in honeypot
    assert 'autocomplete="off"' in honeypot


def test_too_many_submissions_from_one_address_are_refused(browser, ask_form, settings):
    settings.HELPDESK = {**settings.HELPDESK, "RATE_LIMIT_PER_IP": 2}
    for i in range(2):
        browser.post(ASK, ask_form(email=f"nguoi{i}@example.com", phone=""))
    response = browser.post(ASK, ask_form(email="nguoi3@example.com", phone=""))
    assert "You have sent too many questions" in response.content.decode()
    assert Question.objects.count() == 2


def test_too_many_submissions_from_one_contact_are_refused(browser, ask_form, settings):
    settings.HELPDESK = {**settings.HELPDESK, "RATE_LIMIT_PER_CONTACT": 1}
    browser.post(ASK, ask_form())
    response = browser.post(ASK, ask_form(phone=""))  # same e-mail, new form
    assert "You have sent too many questions" in response.content.decode()
    assert Question.objects.count() == 1


def test_a_replayed_submission_returns_the_same_receipt(browser, ask_form):
    data = ask_form()
    first = browser.post(ASK, data)
    second = browser.post(ASK, data)
    assert Question.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]


def test_a_replay_does_not_count_against_the_rate_limit(browser, ask_form, settings):
    settings.HELPDESK = {**settings.HELPDESK, "RATE_LIMIT_PER_IP": 1}
    data = ask_form()
    browser.post(ASK, data)
    replay = browser.post(ASK, data)
    assert replay.status_code == 302
    assert Question.objects.count() == 1


def test_a_form_that_failed_validation_keeps_its_nonce(browser, ask_form):
    data = ask_form(title="")
    response = browser.post(ASK, data)
    assert f'value="{data["nonce"]}"' in response.content.decode()


def test_a_mangled_nonce_still_lets_the_question_through(browser, ask_form):
    response = browser.post(ASK, ask_form(nonce="'; DROP TABLE--"))
    assert response.status_code == 302
    assert Question.objects.count() == 1
