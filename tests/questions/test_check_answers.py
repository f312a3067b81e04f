"""The ask form's "check your answers" step (views._check_answers, docs/decisions/0028).

check_answers.js posts the form with ``check_answers`` and each attachment's first bytes plus
its size; the server validates it like a submission and answers with the summary, or 422.
Sending is the ordinary post of the same form. The browser side is tests/e2e/test_ask_review.py.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from questions.models import Question
from tests.questions.conftest import PDF_BYTES, pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

ASK = reverse("questions:ask")
FIELDS = ["title", "body", "category", "commune", "attachments", "name", "email", "phone"]


def head(upload: SimpleUploadedFile, size: int | None = None) -> tuple[SimpleUploadedFile, str]:
    """What the script sends for a file: its first bytes, and its whole size."""
    content = upload.read()
    return (
        SimpleUploadedFile(upload.name, content[:512], content_type=upload.content_type),
        str(size if size is not None else len(content)),
    )


def check(browser, data: dict, files: list[SimpleUploadedFile] = ()):
    heads = [head(upload) for upload in files]
    return browser.post(
        ASK,
        {
            **data,
            "check_answers": "1",
            "attachments": [h for h, _ in heads],
            "attachment_size": [s for _, s in heads],
        },
    )


def test_the_summary_shows_every_answer_with_a_change_link_to_its_field(
    browser, ask_form, land_category, commune
):
    data = ask_form(category=land_category.pk, commune=commune.pk, notify_by="sms")
    response = check(browser, data, [pdf("so-do.pdf")])

    assert response.status_code == 200
    html = response.content.decode()
    assert "Check your answers before sending your question" in html
    for value in (
        "Hồ sơ cấp giấy phép xây dựng",
        "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
        "Land",
        commune.display_name,
        "so-do.pdf",
        "Lê Văn Hỏi",
        "le.van.hoi@example.com",
        "0912345678",
    ):
        assert value in html, value
    for field in [*FIELDS, "publish_consent"]:
        assert f'href="#id_{field}"' in html, field
    assert 'href="#id_notify_by_0"' in html
    assert Question.objects.count() == 0


def test_the_summary_escapes_what_the_citizen_typed(browser, ask_form):
    response = check(browser, ask_form(title="<script>alert(1)</script> Thủ tục"))
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Thủ tục" in response.content.decode()


def test_consent_given_is_stated_with_what_is_published_and_that_personal_data_is_removed(
    browser, ask_form
):
    html = check(browser, ask_form(publish_consent="on")).content.decode()
    consent = html[html.index('id="check-consent"') :]
    consent = consent[: consent.index("</dd>")]
    assert "You agree that your question and its answer may be published." in consent
    assert "public archive" in consent
    assert "your name, phone number, e-mail address, ID numbers, address" in consent
    assert "are removed" in consent
    assert "withdraw this consent" in consent


def test_consent_not_given_is_stated_as_no_publication(browser, ask_form):
    html = check(browser, ask_form()).content.decode()
    consent = html[html.index('id="check-consent"') :]
    consent = consent[: consent.index("</dd>")]
    assert "Your question will not be published." in consent
    assert "may be published" not in consent


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, "By e-mail to le.van.hoi@example.com"),
        ({"notify_by": "sms"}, "By SMS to 0912345678"),
        ({"notify_by": "zalo"}, "By Zalo to 0912345678"),
        # E-mail chosen but not given: the notifications' own rule, SMS to the phone.
        ({"email": ""}, "By SMS to 0912345678"),
    ],
)
def test_the_summary_says_on_which_channel_the_citizen_hears(
    browser, ask_form, overrides, expected
):
    html = check(browser, ask_form(**overrides)).content.decode()
    told = html[html.index('id="check-told-by"') :]
    assert expected in told[: told.index("</dd>")]


def test_the_summary_is_in_vietnamese_by_default(ask_form):
    from django.test import Client

    client = Client()
    nonce = client.get(ASK).context["form"].initial["nonce"]
    data = {**ask_form(publish_consent="on"), "nonce": nonce}
    html = check(client, data).content.decode()
    assert "Kiểm tra lại thông tin trước khi gửi câu hỏi" in html
    assert "đều được lược bỏ" in html


@pytest.mark.parametrize(
    "overrides",
    [
        {"title": ""},
        {"body": "Ngắn"},
        {"email": "", "phone": ""},
        {"email": "not-an-address"},
        {"notify_by": "sms", "phone": ""},
    ],
)
def test_an_invalid_form_gets_no_summary(browser, ask_form, overrides):
    response = check(browser, ask_form(**overrides))
    assert response.status_code == 422
    assert b"Check your answers" not in response.content
    assert Question.objects.count() == 0


def test_a_file_that_is_not_a_pdf_jpeg_or_png_gets_no_summary(browser, ask_form):
    fake = SimpleUploadedFile(
        "don.pdf", b"PK\x03\x04 a zip renamed", content_type="application/pdf"
    )
    assert check(browser, ask_form(), [fake]).status_code == 422


def test_a_file_too_large_gets_no_summary_though_only_its_first_bytes_were_sent(
    browser, ask_form, settings
):
    first_bytes, _ = head(pdf())
    too_large = str(settings.HELPDESK["MAX_ATTACHMENT_BYTES"] + 1)
    response = browser.post(
        ASK,
        {
            **ask_form(),
            "check_answers": "1",
            "attachments": [first_bytes],
            "attachment_size": [too_large],
        },
    )
    assert response.status_code == 422


def test_the_summary_gives_each_attachment_its_whole_size(browser, ask_form):
    first_bytes, _ = head(pdf())
    response = browser.post(
        ASK,
        {
            **ask_form(),
            "check_answers": "1",
            "attachments": [first_bytes],
            "attachment_size": ["2097152"],
        },
    )
    assert response.status_code == 200
    assert re.search(r"giay-to\.pdf <span[^>]*>\(2[.,]0\s*MB\)", response.content.decode())


def test_a_filled_honeypot_gets_no_summary(browser, ask_form):
    assert check(browser, ask_form(website="http://spam.example")).status_code == 422


def test_checking_is_not_counted_against_the_rate_limit(browser, ask_form, settings):
    settings.HELPDESK = {**settings.HELPDESK, "RATE_LIMIT_PER_IP": 1}
    data = ask_form()
    for _ in range(3):
        assert check(browser, data).status_code == 200
    response = browser.post(ASK, {**data, "send": "1"})
    assert response.status_code == 302
    assert Question.objects.count() == 1


def test_send_after_the_check_stores_exactly_one_question_with_its_attachments(
    browser, ask_form, django_capture_on_commit_callbacks
):
    data = ask_form(publish_consent="on")
    assert check(browser, data, [pdf()]).status_code == 200
    assert Question.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        sent = browser.post(ASK, {**data, "send": "1", "attachments": [pdf()]})
        # A double click on "Send" posts the same nonce: the same receipt, no second question.
        again = browser.post(ASK, {**data, "send": "1", "attachments": [pdf()]})

    question = Question.objects.get()
    receipt = reverse("questions:receipt", args=[question.tracking_code])
    assert sent.status_code == again.status_code == 302
    assert sent["Location"] == again["Location"] == receipt
    assert question.publish_consent is True
    stored = question.attachments.get()
    assert stored.size == len(PDF_BYTES)  # the whole file, not the first bytes of the check
    assert question.tracking_code in browser.get(receipt).content.decode()


def test_the_ask_page_sends_at_once_without_javascript_and_loads_the_check_script(browser):
    html = browser.get(ASK).content.decode()
    # Its visible button sends (no JavaScript: no summary); the script makes it "Continue".
    assert re.search(
        r'<button type="submit" class="button" data-continue="Continue">\s*Send my question', html
    )
    assert '<div id="check-answers" class="check-answers" hidden></div>' in html
    assert "questions/check_answers" in html
    # Enter in a text field still uses the first, hidden submit button, before the
    # similar-questions check.
    assert html.index('<input type="submit" hidden') < html.index('name="check_similar"')
