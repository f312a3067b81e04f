"""Deliveries are visible: on the staff question page, in the admin, by `manage.py deliveries`."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from helpdesk import clock
from questions import receipt, tasks
from questions.models import Delivery
from tests.factories import make_question
from tests.language import choose_english, english_client

pytestmark = pytest.mark.django_db


def page(user, question) -> str:
    client = english_client()
    client.force_login(user)
    return client.get(reverse("workspace:question", args=[question.tracking_code])).content.decode()


def test_the_question_page_shows_a_retrying_mail_with_its_attempts(intake):
    question = make_question()
    Delivery.objects.update(
        status=Delivery.Status.RETRYING,
        attempts=2,
        next_attempt_at=clock.now() + timedelta(minutes=1),
        last_error="Connection unexpectedly closed",
    )

    html = page(intake, question)

    assert "Retrying" in html
    assert "2 failed attempts, next at" in html
    assert "Connection unexpectedly closed" in html


def test_the_question_page_shows_a_sent_mail(intake):
    question = make_question()
    Delivery.objects.update(status=Delivery.Status.SENT, attempts=1, sent_at=clock.now())

    html = page(intake, question)

    assert "<strong>Sent</strong>" in html
    assert "Receipt" in html  # what the mail is, not its template's identifier


def test_the_admin_lists_deliveries_with_their_status(admin_client):
    make_question()
    Delivery.objects.update(status=Delivery.Status.FAILED, attempts=8)

    response = choose_english(admin_client).get(reverse("admin:questions_delivery_changelist"))

    assert response.status_code == 200
    assert "Failed" in response.content.decode()


def test_the_command_lists_failed_deliveries_only_with_failed():
    failed, waiting = make_question(), make_question(email="b@example.com")
    Delivery.objects.filter(question=failed).update(status=Delivery.Status.FAILED, attempts=8)
    Delivery.objects.filter(question=waiting).update(status=Delivery.Status.PENDING)
    out = StringIO()

    call_command("deliveries", failed=True, stdout=out)

    assert failed.tracking_code in out.getvalue()
    assert waiting.tracking_code not in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_command_retries_a_failed_delivery_and_it_is_sent(run_worker):
    make_question()
    run_worker()
    mail.outbox.clear()
    Delivery.objects.update(status=Delivery.Status.FAILED, sent_at=None, last_error="down")

    call_command("deliveries", retry=True, stdout=StringIO())
    run_worker()

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 2)
    assert len(mail.outbox) == 1


def test_the_command_retries_a_routing_task_that_gave_up():
    question = make_question()
    receipt.route_new_question.enqueue(question.pk, attempt=tasks.MAX_ATTEMPTS)  # its last retry
    DBTaskResult.objects.filter(task_path__endswith="route_new_question").update(
        status="FAILED", exception_class_path="builtins.RuntimeError"
    )
    ready = DBTaskResult.objects.filter(status="READY").count()

    call_command("deliveries", retry=True, stdout=StringIO())

    again = DBTaskResult.objects.filter(status="READY", task_path__endswith="route_new_question")
    assert again.get().args_kwargs == {"args": [question.pk], "kwargs": {}}
    assert DBTaskResult.objects.filter(status="READY").count() == ready + 1
