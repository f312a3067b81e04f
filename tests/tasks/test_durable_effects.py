"""The guarantees of the task queue (decision 0016): an effect's task is written with the change,
survives the process that wrote it, is retried with backoff, and never sends a mail twice."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from helpdesk import clock
from questions import receipt, services, tasks
from questions.models import Delivery, Question, Status
from tests.factories import ANSWER_TEXT, make_question, walk


class Boom(Exception):
    pass


def task_names() -> list[str]:
    return sorted(r.task_path.rsplit(".", 1)[1] for r in DBTaskResult.objects.all())


# --- (a) a rolled-back change enqueues nothing --------------------------------------------------


@pytest.mark.django_db
def test_a_submission_that_rolls_back_leaves_no_task_and_no_delivery():
    with pytest.raises(Boom), transaction.atomic():
        make_question()
        raise Boom

    assert not Question.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert not Delivery.objects.exists()


@pytest.mark.django_db
def test_an_approval_that_rolls_back_leaves_no_mail_task(intake, head_land, officer_land, land):
    question = make_question()
    walk(
        question,
        Status.AWAITING_APPROVAL,
        intake=intake,
        head=head_land,
        officer=officer_land,
        unit=land,
    )
    before = DBTaskResult.objects.count()

    with pytest.raises(Boom), transaction.atomic():
        services.question_approve(question=question, approver=head_land, at=clock.now())
        assert DBTaskResult.objects.count() == before + 1  # the answer's mail, in the transaction
        raise Boom

    assert DBTaskResult.objects.count() == before
    assert not Delivery.objects.filter(template="answered").exists()


# --- (b) a committed change has its tasks, whoever runs them ------------------------------------


@pytest.mark.django_db
def test_a_submission_writes_its_mail_and_routing_task_in_its_transaction():
    question = make_question()

    # One row for the receipt's mail and the routing together (decision 0016, "Worker cost").
    assert task_names() == ["receive_question"]
    (delivery,) = Delivery.objects.all()
    assert (delivery.question, delivery.template, delivery.recipient) == (
        question,
        "received",
        "citizen",
    )
    assert delivery.status == Delivery.Status.PENDING
    assert mail.outbox == []  # nothing is sent by the request


def test_a_task_written_by_a_process_that_died_is_run_by_the_next_worker(
    transactional_db, run_worker
):
    # The request commits and its process "dies": nothing ran the tasks it wrote.
    question = make_question()
    assert mail.outbox == []

    run_worker()

    (message,) = mail.outbox
    assert message.to == ["an.nguyen@example.com"]
    assert question.tracking_code in message.subject
    assert Delivery.objects.get().status == Delivery.Status.SENT
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


# --- (c) the mail server is down, then back -----------------------------------------------------


def test_a_mail_that_fails_is_retrying_with_its_attempts_and_next_run(
    transactional_db, run_worker, smtp
):
    smtp.down = True
    question = make_question()
    start = clock.now()

    run_worker()

    delivery = Delivery.objects.get(question=question)
    assert delivery.status == Delivery.Status.RETRYING
    assert delivery.attempts == 1
    assert "Connection unexpectedly closed" in delivery.last_error
    assert (
        start + timedelta(seconds=29)
        < delivery.next_attempt_at
        < clock.now() + timedelta(seconds=31)
    )
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.task_path == "questions.tasks.send_delivery"
    assert retry.run_after == delivery.next_attempt_at
    assert mail.outbox == []


def test_a_mail_server_that_accepts_and_never_answers_holds_the_worker_only_until_its_timeout(
    transactional_db, run_worker, settings
):
    # A listener that takes the connection and never sends its greeting: a hung mail server.
    # Without a timeout smtplib waits for the greeting forever, and the worker with it.
    assert 0 < settings.EMAIL_TIMEOUT <= 120  # the project's setting (HELPDESK_EMAIL_TIMEOUT)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = silent.getsockname()
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_TIMEOUT = 1
        question = make_question()

        run_worker()

    delivery = Delivery.objects.get(question=question)
    assert (delivery.status, delivery.attempts) == (Delivery.Status.RETRYING, 1)
    assert "timed out" in delivery.last_error
    assert DBTaskResult.objects.filter(
        status="READY", task_path="questions.tasks.send_delivery"
    ).exists()


def test_a_failed_send_keeps_its_error_without_the_recipients_address(
    transactional_db, run_worker, smtp
):
    smtp.down = True
    smtp.message = "550 5.1.1 <an.nguyen@example.com>: Recipient address rejected"
    question = make_question(email="an.nguyen@example.com")

    run_worker()

    delivery = Delivery.objects.get(question=question)
    assert "Recipient address rejected" in delivery.last_error
    assert "an.nguyen@example.com" not in delivery.last_error


def test_once_the_mail_server_is_back_the_mail_arrives_exactly_once(
    transactional_db, run_worker, smtp
):
    smtp.down = True
    make_question()
    run_worker()
    run_worker()  # too early for the retry: nothing happens
    assert Delivery.objects.get().attempts == 1

    smtp.down = False
    with time_machine.travel(clock.now() + timedelta(minutes=1)):
        run_worker()
        run_worker()

    assert len(mail.outbox) == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 2, "")


def test_the_backoff_doubles_and_gives_up_after_the_last_attempt(
    transactional_db, run_worker, smtp
):
    smtp.down = True
    make_question()
    waits = []
    moment = clock.now()
    for _attempt in range(tasks.MAX_ATTEMPTS):
        with time_machine.travel(moment, tick=False):
            run_worker()
        delivery = Delivery.objects.get()
        if delivery.next_attempt_at:
            waits.append(delivery.next_attempt_at - moment)
            moment = delivery.next_attempt_at + timedelta(seconds=1)

    assert [w.total_seconds() for w in waits] == [30, 60, 120, 240, 480, 960, 1920]
    assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, tasks.MAX_ATTEMPTS)
    assert mail.outbox == []


# --- (d) a retry never sends twice ---------------------------------------------------------------


def test_a_task_run_again_after_its_mail_was_sent_sends_nothing(transactional_db, run_worker):
    make_question()
    run_worker()
    delivery = Delivery.objects.get()

    tasks.send_delivery.enqueue(delivery.pk)
    run_worker()

    assert len(mail.outbox) == 1
    assert Delivery.objects.get().attempts == 1


def test_a_worker_killed_after_sending_does_not_send_again_when_its_task_is_requeued(
    transactional_db, run_worker
):
    make_question()
    run_worker()
    # As if the worker had died after the send, before marking its task done.
    DBTaskResult.objects.update(status="RUNNING", started_at=clock.now() - timedelta(hours=1))

    assert tasks.requeue_stalled() == 1
    run_worker()

    assert len(mail.outbox) == 1


def test_a_delivery_being_sent_by_another_worker_is_not_sent_again(transactional_db):
    make_question()
    delivery = Delivery.objects.get()
    Delivery.objects.update(next_attempt_at=clock.now() + tasks.SEND_LEASE)  # claimed elsewhere

    assert tasks.send_delivery.call(delivery.pk) == Delivery.Status.PENDING
    assert mail.outbox == []


# --- A new question's one task: its mail and its routing retry apart ---------------------------


@pytest.mark.django_db
def test_a_receipt_whose_mail_fails_is_still_routed_and_its_mail_retried_alone(smtp, monkeypatch):
    smtp.down = True
    question = make_question()
    routed = []
    monkeypatch.setattr("questions.autoroute.route_new_question", lambda pk, **_: routed.append(pk))

    receipt.receive_question.call(question.pk, [Delivery.objects.get().pk])

    assert routed == [question.pk]
    retry = DBTaskResult.objects.get(status="READY", task_path__endswith="send_delivery")
    assert retry.run_after > clock.now()


@pytest.mark.django_db
def test_a_receipt_whose_delivery_cannot_be_read_still_routes_and_owes_the_mail(monkeypatch):
    question = make_question()
    delivery = Delivery.objects.get()
    routed = []
    monkeypatch.setattr("questions.autoroute.route_new_question", lambda pk, **_: routed.append(pk))
    # Not the mail server: the database, say, fails under the send itself.
    monkeypatch.setattr(tasks, "_claim", broken_query)

    receipt.receive_question.call(question.pk, [delivery.pk])

    assert routed == [question.pk]
    retry = DBTaskResult.objects.get(status="READY", task_path__endswith="send_delivery")
    assert retry.args_kwargs["args"] == [delivery.pk]


def broken_query(*args, **kwargs):
    raise Boom


@pytest.mark.django_db
def test_a_receipt_whose_routing_fails_sends_its_mail_once_and_retries_routing_alone(
    monkeypatch,
):
    question = make_question()

    def broken(question_id, **_kwargs):
        raise Boom

    monkeypatch.setattr("questions.autoroute.route_new_question", broken)
    receipt.receive_question.call(question.pk, [Delivery.objects.get().pk])

    assert len(mail.outbox) == 1
    retry = DBTaskResult.objects.get(status="READY", args_kwargs__kwargs__attempt=2)
    assert retry.task_path == "questions.receipt.route_new_question"


# --- Routing and the index ---------------------------------------------------------------------


@pytest.mark.django_db
def test_routing_that_fails_is_tried_again_later(monkeypatch):
    question = make_question()

    def broken(question_id, **_kwargs):
        raise Boom

    monkeypatch.setattr("questions.autoroute.route_new_question", broken)
    receipt.route_new_question.call(question.pk)

    retry = DBTaskResult.objects.get(status="READY", args_kwargs__kwargs__attempt=2)
    assert retry.args_kwargs["args"] == [question.pk]
    assert retry.run_after > clock.now()


@pytest.mark.django_db
def test_routing_raises_on_its_last_attempt(monkeypatch):
    question = make_question()

    def broken(question_id, **_kwargs):
        raise Boom

    monkeypatch.setattr("questions.autoroute.route_new_question", broken)

    with pytest.raises(Boom):
        receipt.route_new_question.call(question.pk, attempt=tasks.MAX_ATTEMPTS)


@pytest.mark.django_db
def test_publishing_enqueues_the_index_update(intake, head_land, officer_land, land):
    question = make_question()
    walk(question, Status.ANSWERED, intake=intake, head=head_land, officer=officer_land, unit=land)
    assert "sync_search_index" not in task_names()

    services.question_publish(
        question=question,
        public_title="Hồ sơ xin cấp giấy phép xây dựng",
        public_body="Hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
        public_answer=ANSWER_TEXT,
        actor=intake,
        at=clock.now(),
    )

    assert "sync_search_index" in task_names()
