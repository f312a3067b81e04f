"""The workspace's "Create for a citizen" form and the receipt it leads to."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from questions.models import Attachment, Channel, Question

from .conftest import PDF

pytestmark = pytest.mark.django_db


def _post(client, **fields):
    data = {
        "channel": Channel.COUNTER,
        "received_at": "2026-11-17T15:30",
        "name": "Lê Văn Cường",
        "phone": "0912 345 678",
        "email": "",
        "title": "Xin hỏi về trợ cấp thất nghiệp",
        "body": "Tôi nghỉ việc tháng trước, xin hỏi thủ tục hưởng trợ cấp thất nghiệp.",
        "consent": "no",
        "nonce": "0" * 32,
    }
    data.update(fields)
    return client.post(reverse("workspace:enter_question"), data)


def test_the_intake_desk_sees_the_form_in_its_navigation(frozen, intake, login):
    page = login(intake).get(reverse("workspace:home"))
    assert reverse("workspace:enter_question").encode() in page.content


def test_an_officer_is_refused_the_form(frozen, officer_land, login):
    assert login(officer_land).get(reverse("workspace:enter_question")).status_code == 403


def test_a_question_typed_in_leads_to_its_printable_receipt(frozen, intake, login):
    client = login(intake)
    response = _post(client)
    question = Question.objects.get()
    assert response.url == reverse("workspace:intake_receipt", args=[question.tracking_code])
    receipt = client.get(response.url)
    assert question.tracking_code in receipt.content.decode()
    assert b"<svg" in receipt.content  # the private link's QR code


def test_the_receipt_spells_the_code_for_the_phone(frozen, intake, login):
    client = login(intake)
    _post(client, channel=Channel.PHONE)
    question = Question.objects.get()
    page = client.get(reverse("workspace:intake_receipt", args=[question.tracking_code]))
    suffix = question.tracking_code.rsplit("-", 1)[1]
    for char in suffix:
        assert f"<strong>{char}</strong>".encode() in page.content


def test_a_date_of_receipt_in_the_future_is_refused_with_a_message(frozen, intake, login):
    response = _post(login(intake), received_at="2026-11-19T09:00")
    assert response.status_code == 200
    assert "future" in response.content.decode()
    assert not Question.objects.exists()


def test_a_scanned_letter_is_attached(frozen, intake, login, scanned_letter):
    _post(login(intake), channel=Channel.POST, attachments=scanned_letter)
    attachment = Attachment.objects.get()
    assert (attachment.content_type, attachment.size) == ("application/pdf", len(PDF))


def test_a_scan_that_is_not_a_pdf_or_image_is_refused(frozen, intake, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = _post(login(intake), attachments=fake)
    assert "is not a PDF, JPEG or PNG file" in response.content.decode()
    assert not Question.objects.exists()


def test_a_citizen_with_an_email_address_gets_the_receipt_by_mail(
    frozen, intake, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(login(intake), email="cuong@example.com")
    question = Question.objects.get()
    assert [m.to for m in mail.outbox] == [["cuong@example.com"]]
    assert question.tracking_code in mail.outbox[0].subject + mail.outbox[0].body


def test_the_consent_choice_is_recorded(frozen, intake, login):
    _post(login(intake), consent="yes")
    assert Question.objects.get().publish_consent


def test_the_receipt_of_a_web_question_is_not_shown_to_the_desk(frozen, intake, login):
    from tests.factories import make_question

    question = make_question()
    page = login(intake).get(reverse("workspace:intake_receipt", args=[question.tracking_code]))
    assert page.status_code == 403


def test_the_question_page_names_the_channel_and_who_entered_it(frozen, intake, login):
    client = login(intake)
    _post(client, channel=Channel.POST)
    question = Question.objects.get()
    page = client.get(reverse("workspace:question", args=[question.tracking_code])).content
    assert b"By post or on paper" in page
    assert b"entered by intake" in page
    assert reverse("workspace:intake_receipt", args=[question.tracking_code]).encode() in page
