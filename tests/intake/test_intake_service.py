"""questions.intake: a question received at the counter, by phone or by post, entered by staff."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from questions import intake
from questions.models import Channel, Event, Question
from routing import deadlines

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _enter(user, **fields):
    values = {
        "entered_by": user,
        "channel": Channel.COUNTER,
        "received_at": NOW,
        "title": "Hỏi về thủ tục tách thửa đất",
        "body": "Gia đình tôi muốn tách thửa đất ở, xin hỏi cần giấy tờ gì?",
        "name": "Trần Thị Bình",
        "phone": "0912345678",
        "at": NOW,
    }
    values.update(fields)
    return intake.question_enter_for_citizen(**values)


def test_a_counter_question_records_its_channel_and_the_staff_member(frozen, intake):
    question, created = _enter(intake)
    assert created
    assert (question.source, question.entered_by) == (Channel.COUNTER, intake)


def test_the_receipt_event_names_the_staff_member_as_its_actor(frozen, intake):
    question, _ = _enter(intake, channel=Channel.PHONE)
    event = Event.objects.get(question=question, action="question.received")
    assert (event.actor, event.actor_kind, event.data["source"]) == (intake, "staff", "phone")


def test_deadlines_count_from_the_day_the_letter_arrived_not_the_day_it_was_typed(
    frozen, intake, land_category
):
    arrived = NOW - timedelta(days=2)  # Monday
    question, _ = _enter(intake, channel=Channel.POST, received_at=arrived, category=land_category)
    policy = deadlines.policy_for(land_category)
    calendar = deadlines.working_calendar()
    assert question.deadline_start == date(2026, 11, 16)
    assert question.answer_due == calendar.add_working_days(
        date(2026, 11, 16), policy.answer_within
    )
    assert Question.objects.get(pk=question.pk).received_at == arrived


def test_a_moment_of_receipt_in_the_future_is_refused_and_nothing_is_stored(frozen, intake):
    with pytest.raises(ValidationError, match="future"):
        _enter(intake, received_at=NOW + timedelta(minutes=5))
    assert not Question.objects.exists()


def test_a_moment_of_receipt_months_ago_is_refused_as_a_probable_typo(frozen, intake):
    with pytest.raises(ValidationError, match="check the year"):
        _enter(intake, received_at=NOW - timedelta(days=400))
    assert not Question.objects.exists()


def test_the_web_channel_cannot_be_claimed_by_staff(frozen, intake):
    with pytest.raises(ValidationError):
        _enter(intake, channel=Channel.WEB)
    assert not Question.objects.exists()


@pytest.mark.parametrize("who", ["officer_land", "head_land", "supervisor"])
def test_only_the_intake_desk_may_enter_a_question(frozen, staff, who):
    with pytest.raises(PermissionDenied):
        _enter(staff[who])
    assert not Question.objects.exists()


def test_the_consent_given_at_the_counter_is_recorded_with_its_wording(frozen, intake):
    question, _ = _enter(intake, publish_consent=True)
    assert question.publish_consent
    assert "published in the public archive" in question.consent_wording
    assert question.consent_recorded_at == NOW


def test_a_phone_only_question_is_accepted(frozen, intake):
    question, _ = _enter(intake, email="", phone="0987654321")
    assert (question.asker_email, question.asker_phone) == ("", "0987654321")


def test_a_question_without_any_contact_is_refused(frozen, intake):
    with pytest.raises(ValidationError):
        _enter(intake, email="", phone="")


def test_the_same_form_sent_twice_stores_one_question(frozen, intake):
    first, _ = _enter(intake, idempotency_key="abc")
    again, created = _enter(intake, idempotency_key="abc")
    assert (again.pk, created) == (first.pk, False)


def test_a_phone_only_citizen_is_owed_the_receipt_by_sms(frozen, intake):
    from questions.models import Delivery

    question, _ = _enter(intake, channel=Channel.PHONE, email="", phone="0987654321")
    receipt = Delivery.objects.get(question=question, template="received")
    assert (receipt.recipient, receipt.channel) == (Delivery.CITIZEN, "sms")


def test_a_citizen_who_chose_zalo_is_owed_the_receipt_on_zalo(frozen, intake):
    from questions.models import Delivery

    question, _ = _enter(intake, email="binh@example.com", notify_by="zalo")
    assert Delivery.objects.get(question=question, template="received").channel == "zalo"
