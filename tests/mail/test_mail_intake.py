"""questions.mail_intake: a message to the mailbox becomes a question, a reply, or nothing."""

from __future__ import annotations

import io
import sys

import pytest
from django.core import mail
from django.core.management import call_command

from helpdesk import clock
from questions import mail_headers, mail_intake, services
from questions.models import Attachment, Channel, Event, Question, Status
from tests.factories import make_question, walk

from .conftest import eml

pytestmark = pytest.mark.django_db


def test_a_utf8_mail_becomes_a_question_by_e_mail(frozen):
    outcome = mail_intake.receive(eml("utf8.eml"))
    question = Question.objects.get()
    assert outcome.action == "question"
    assert question.source == Channel.EMAIL
    assert question.title == "Hỏi về cấp giấy phép xây dựng"
    assert "Hồ sơ xin cấp giấy phép xây dựng gồm những gì?" in question.body
    assert (question.asker_name, question.asker_email) == ("Nguyễn Văn An", "an.nguyen@example.com")


def test_a_windows_1258_mail_is_read_as_composed_vietnamese(frozen):
    mail_intake.receive(eml("windows-1258.eml"))
    question = Question.objects.get()
    assert question.title == "Đăng ký kết hôn"
    assert "thủ tục đăng ký kết hôn với người nước ngoài" in question.body


def test_a_base64_body_and_a_q_encoded_subject_are_decoded(frozen):
    mail_intake.receive(eml("base64.eml"))
    question = Question.objects.get()
    assert question.title == "Thuế khi bán nhà"
    assert "thuế thu nhập cá nhân" in question.body


def test_an_html_only_mail_is_taken_as_its_text_without_scripts(frozen):
    mail_intake.receive(eml("html-only.eml"))
    body = Question.objects.get().body
    assert "Xin hỏi thủ tục cấp lại căn cước công dân & hộ chiếu?" in body
    assert "alert" not in body and "color" not in body and "<" not in body


def test_a_pdf_attachment_is_kept_and_a_refused_one_is_listed_to_the_sender(
    frozen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = mail_intake.receive(eml("attachment.eml"))
    assert [a.original_name for a in Attachment.objects.all()] == ["so-do.pdf"]
    assert len(outcome.refused_files) == 1 and "hóa đơn.exe" in outcome.refused_files[0]
    notice = next(m for m in mail.outbox if "hóa đơn.exe" in m.body)
    assert notice.to == ["em.vo@example.com"]


def test_a_new_question_by_e_mail_gets_its_receipt_with_the_tracking_code(
    frozen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mail_intake.receive(eml("utf8.eml"))
    question = Question.objects.get()
    receipt = next(m for m in mail.outbox if m.to == ["an.nguyen@example.com"])
    assert question.tracking_code in receipt.subject


def test_the_same_message_received_twice_is_one_question(frozen):
    mail_intake.receive(eml("utf8.eml"))
    again = mail_intake.receive(eml("utf8.eml"))
    assert again.action == "ignored"
    assert Question.objects.count() == 1


@pytest.mark.parametrize("name", ["auto-reply.eml", "bounce.eml", "loop.eml"])
def test_auto_replies_bounces_and_our_own_mail_are_ignored(frozen, name):
    outcome = mail_intake.receive(eml(name))
    assert outcome.action == "ignored"
    assert not Question.objects.exists()
    assert mail.outbox == []


def _awaiting(staff, land):
    question = walk(
        make_question(),
        Status.IN_PROGRESS,
        intake=staff["intake"],
        head=staff["head_land"],
        officer=staff["officer_land"],
        unit=land,
    )
    return services.question_request_clarification(
        question=question,
        message="Xin ông cho biết diện tích thửa đất.",
        actor=staff["officer_land"],
        at=clock.now(),
    )


def test_a_reply_with_the_token_is_threaded_as_the_citizen_s_reply(frozen, staff, land):
    question = _awaiting(staff, land)
    token = mail_headers.reply_token(question)
    outcome = mail_intake.receive(eml("reply.eml", token=token))
    question.refresh_from_db()
    assert outcome.action == "reply"
    assert question.status != Status.AWAITING_CITIZEN
    event = Event.objects.filter(question=question, action="question.citizen_replied").get()
    assert "120 m²" in event.note and "wrote:" not in event.note


def test_a_forged_token_does_not_reach_the_question(frozen, staff, land):
    question = _awaiting(staff, land)
    forged = f"{question.pk}.{'0' * 20}"
    mail_intake.receive(eml("reply.eml", token=forged))
    question.refresh_from_db()
    assert question.status == Status.AWAITING_CITIZEN
    assert Question.objects.count() == 2  # taken as a new question instead


def test_the_tracking_code_alone_is_not_a_reply_token(frozen, staff):
    question = make_question()
    assert mail_headers.question_for_token(question.tracking_code) is None


def test_mails_to_citizens_carry_the_reply_address_and_our_loop_header(frozen):
    question = make_question()
    headers = mail_headers.outgoing_headers(question)
    assert headers["Reply-To"] == f"hoidap+{mail_headers.reply_token(question)}@example.gov.vn"
    assert mail_intake.ignore_reason(
        mail_intake.parse(f"From: a@example.com\nMessage-ID: {headers['Message-ID']}\n\nx".encode())
    )


def _run_receive_mail(raw: bytes, monkeypatch) -> int:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    with pytest.raises(SystemExit) as exited:
        call_command("receive_mail", stdout=io.StringIO(), stderr=io.StringIO())
    return exited.value.code


def test_receive_mail_reads_a_message_on_standard_input(frozen, monkeypatch):
    assert _run_receive_mail(eml("utf8.eml"), monkeypatch) == 0
    assert Question.objects.get().source == Channel.EMAIL


def test_receive_mail_accepts_a_bounce_without_acting_on_it(frozen, monkeypatch):
    assert _run_receive_mail(eml("bounce.eml"), monkeypatch) == 0
    assert not Question.objects.exists()


def test_receive_mail_refuses_empty_input_as_a_data_error(frozen, monkeypatch):
    assert _run_receive_mail(b"", monkeypatch) == 65


def test_receive_mail_asks_the_mta_to_retry_when_the_database_is_down(frozen, monkeypatch):
    from django.db import OperationalError

    def down(raw):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(mail_intake, "receive", down)
    assert _run_receive_mail(eml("utf8.eml"), monkeypatch) == 75


def test_a_reply_while_no_information_is_asked_is_not_added(frozen, staff):
    question = make_question()
    outcome = mail_intake.receive(eml("reply.eml", token=mail_headers.reply_token(question)))
    assert outcome.action == "ignored"
    assert not Event.objects.filter(action="question.citizen_replied").exists()
    assert services  # the reply service is the only way a reply is stored


def test_the_receipt_mail_carries_the_reply_token_and_a_reply_to_it_is_threaded(
    frozen, staff, land, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = _awaiting(staff, land)
    clarification = next(m for m in mail.outbox if question.tracking_code in m.subject)
    token = mail_headers.reply_token(question)
    assert clarification.extra_headers["Reply-To"] == f"hoidap+{token}@example.gov.vn"
    assert mail_intake.receive(eml("reply.eml", token=token)).action == "reply"
