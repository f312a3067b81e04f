"""The worker's statements written once (questions/tasks.py) do what the ORM's did.

They run on whatever DATABASE_URL names, so CI's PostgreSQL step checks them there as well."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helpdesk import clock
from questions import compiled, receipt, tasks
from questions.channels import optout
from questions.channels.models import ContactOptOut
from questions.models import Delivery, Question
from tests.factories import make_question


def field_values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


@pytest.mark.django_db
def test_the_receipt_read_builds_the_question_the_orm_builds():
    question = make_question(notify_by="sms")

    read = compiled.ReadByKey(Question).get(question.pk)

    assert type(read) is Question
    assert field_values(read) == field_values(Question.objects.get(pk=question.pk))
    assert read._state.adding is False


@pytest.mark.django_db
def test_the_receipt_read_of_a_missing_question_is_none():
    assert compiled.ReadByKey(Question).get(987_654) is None


@pytest.mark.django_db
def test_the_claim_returns_the_stored_delivery_and_leases_it():
    make_question()
    stored = Delivery.objects.get()
    at = clock.now()

    claimed, _ = tasks._claim(stored.pk, at=at)

    after = Delivery.objects.get()
    assert after.next_attempt_at == at + tasks.SEND_LEASE
    assert {name: getattr(claimed, name) for name in tasks._CLAIMED} == {
        name: getattr(after, name) for name in tasks._CLAIMED
    }


@pytest.mark.django_db
def test_a_claimed_delivery_is_not_claimed_again_until_its_lease_runs_out():
    make_question()
    delivery = Delivery.objects.get()
    at = clock.now()
    tasks._claim(delivery.pk, at=at)

    assert tasks._claim(delivery.pk, at=at + timedelta(minutes=9))[0] is None
    assert tasks._claim(delivery.pk, at=at + tasks.SEND_LEASE)[0] is not None


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Delivery.Status.SENT, Delivery.Status.FAILED])
def test_a_delivery_no_longer_owed_is_not_claimed(status):
    make_question()
    Delivery.objects.update(status=status)

    assert tasks._claim(Delivery.objects.get().pk, at=clock.now())[0] is None


@pytest.mark.django_db
def test_a_retry_not_yet_due_is_not_claimed():
    make_question()
    at = clock.now()
    Delivery.objects.update(status=Delivery.Status.RETRYING, next_attempt_at=at + timedelta(1))

    assert tasks._claim(Delivery.objects.get().pk, at=at)[0] is None
    assert tasks._claim(Delivery.objects.get().pk, at=at + timedelta(1))[0] is not None


@pytest.mark.django_db
def test_without_returning_the_claim_reads_back_the_same_row(monkeypatch):
    # An SQLite older than 3.35 has no UPDATE … RETURNING: the claim, then a read.
    make_question()
    delivery = Delivery.objects.get()
    monkeypatch.setattr(connection.features, "can_return_columns_from_insert", False)
    at = clock.now()

    claimed, opted_out = tasks._claim(delivery.pk, at=at, contacts=("an@example.com", ""))

    assert claimed is not None
    assert claimed.template == "received"
    assert claimed.question_id == delivery.question_id
    assert Delivery.objects.get().next_attempt_at == at + tasks.SEND_LEASE
    assert opted_out == {}  # not asked: the send checks on its own
    assert tasks._claim(delivery.pk, at=at)[0] is None


@pytest.mark.django_db
def test_the_sent_mark_counts_the_attempt_and_clears_the_lease_and_the_error():
    make_question()
    Delivery.objects.update(
        status=Delivery.Status.RETRYING, attempts=2, last_error="timeout", next_attempt_at=None
    )
    delivery = Delivery.objects.get()

    tasks._mark_sent(delivery.pk, message_id="smtp-42")

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.attempts == 3
    assert delivery.next_attempt_at is None
    assert delivery.last_error == ""
    assert delivery.provider_message_id == "smtp-42"
    assert delivery.sent_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("contact", "stored"),
    [
        ("An.Nguyen@Example.com", "an.nguyen@example.com"),
        ("0912 345 678", "+84912345678"),
        ("someone@example.com", "other@example.com"),
        ("", "an.nguyen@example.com"),
    ],
)
def test_the_opt_out_check_answers_as_the_model_query(contact, stored):
    ContactOptOut.objects.create(contact_hash=optout.contact_hash(stored), channel="email")

    by_orm = bool(contact) and (
        ContactOptOut.objects.filter(contact_hash=optout.contact_hash(contact)).exists()
    )
    assert optout.is_opted_out(contact) == by_orm


@pytest.mark.django_db
def test_a_receipt_by_email_costs_four_statements_while_routing_does_not_act():
    # The question's read, the delivery's claim (with the opt-out check), the sent mark,
    # routing's stamp (no rule or model here, so routing acts on nothing). The event is never
    # read.
    first = make_question()
    receipt.receive_question.call(first.pk, list(Delivery.objects.values_list("pk", flat=True)))
    question = make_question()
    delivery = Delivery.objects.get(question=question)

    with CaptureQueriesContext(connection) as captured:
        receipt.receive_question.call(question.pk, [delivery.pk])

    assert len(captured) == 4, [q["sql"] for q in captured]
    assert not any('"questions_event"' in q["sql"] for q in captured)
    assert Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.SENT


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("opted_out", "expected"),
    [
        ([], {"an.nguyen@example.com": False, "+84912345678": False}),
        (["AN.Nguyen@example.com"], {"an.nguyen@example.com": True, "+84912345678": False}),
        (["0912345678"], {"an.nguyen@example.com": False, "+84912345678": True}),
    ],
)
def test_the_claim_tells_whether_the_asker_s_contacts_opted_out(opted_out, expected):
    question = make_question(email="an.nguyen@example.com", phone="0912 345 678")
    for contact in opted_out:
        ContactOptOut.objects.create(contact_hash=optout.contact_hash(contact), channel="email")

    contacts = tasks._citizen_contacts(question)
    _claimed, answer = tasks._claim(Delivery.objects.get().pk, at=clock.now(), contacts=contacts)

    assert answer == expected


@pytest.mark.django_db
def test_a_phone_number_no_message_could_reach_is_not_asked_about():
    question = make_question(phone="")
    question.asker_phone = "12"  # not a Vietnamese number (an old row, say)

    assert tasks._citizen_contacts(question) == ("an.nguyen@example.com", "")


@pytest.mark.django_db
@pytest.mark.parametrize("notify_by", ["email", "sms"])
def test_a_receipt_to_a_contact_that_opted_out_is_skipped(notify_by):
    question = make_question(notify_by=notify_by)
    contact = question.asker_email if notify_by == "email" else question.asker_phone
    ContactOptOut.objects.create(contact_hash=optout.contact_hash(contact), channel=notify_by)
    delivery = Delivery.objects.get()

    with CaptureQueriesContext(connection) as captured:
        receipt.receive_question.call(question.pk, [delivery.pk])

    assert Delivery.objects.get().status == Delivery.Status.SKIPPED
    assert not any('"questions_contactoptout"' in q["sql"].split("RETURNING")[0] for q in captured)
