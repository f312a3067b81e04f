"""The citizen's way back: "send me my private link again", a link-less page that explains, and
the printable receipt (questions/lost_link.py, questions/views.py)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from questions.audit import AuditAction
from questions.models import Delivery, Event
from questions.notifications import private_url
from tests.factories import make_question
from tests.language import english_client

pytestmark = pytest.mark.django_db

LOST = "/track/lost-link/"


@pytest.fixture
def asked(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        question = make_question(email="an.nguyen@example.com", phone="0912345678")
    mail.outbox.clear()
    return question


def _resend(client, code: str, contact: str, capture):
    with capture(execute=True):
        return client.post(LOST, {"code": code, "contact": contact})


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_the_private_link_is_sent_again_to_the_e_mail_given_with_the_question(
    asked, django_capture_on_commit_callbacks
):
    response = _resend(
        english_client(),
        asked.tracking_code,
        " An.Nguyen@Example.com ",
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200
    [message] = mail.outbox
    assert message.to == ["an.nguyen@example.com"]
    assert private_url(asked) in message.body
    delivery = Delivery.objects.get(question=asked, template="link_resent")
    assert (delivery.recipient, delivery.status) == (Delivery.CITIZEN, Delivery.Status.SENT)


def test_the_phone_number_given_with_the_question_works_too_in_any_spelling(
    asked, django_capture_on_commit_callbacks
):
    _resend(
        english_client(),
        asked.tracking_code.lower(),
        "+84 912 345 678",
        django_capture_on_commit_callbacks,
    )

    assert Delivery.objects.filter(question=asked, template="link_resent").count() == 1


def test_a_resend_is_recorded_as_an_internal_event_of_the_question(
    asked, django_capture_on_commit_callbacks
):
    _resend(english_client(), asked.tracking_code, "0912345678", django_capture_on_commit_callbacks)

    event = Event.objects.get(question=asked, action=AuditAction.PRIVATE_LINK_RESENT)
    assert event.is_internal
    assert event.actor_kind == "citizen"
    assert event.to_status == asked.status


def test_a_citizen_who_left_only_a_phone_number_gets_the_link_by_sms(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        question = make_question(email="", phone="0987654321")

    _resend(
        english_client(), question.tracking_code, "0987 654 321", django_capture_on_commit_callbacks
    )

    delivery = Delivery.objects.get(question=question, template="link_resent")
    assert delivery.channel == "sms"


def test_nothing_is_sent_for_a_contact_that_is_not_the_askers(
    asked, django_capture_on_commit_callbacks
):
    _resend(
        english_client(),
        asked.tracking_code,
        "someone@example.com",
        django_capture_on_commit_callbacks,
    )

    assert mail.outbox == []
    assert not Delivery.objects.filter(template="link_resent").exists()
    assert not Event.objects.filter(action=AuditAction.PRIVATE_LINK_RESENT).exists()


def test_the_page_answers_the_same_whether_the_contact_matched_or_not(
    asked, django_capture_on_commit_callbacks
):
    code = asked.tracking_code
    matched = _resend(
        english_client(), code, "an.nguyen@example.com", django_capture_on_commit_callbacks
    )
    unmatched = _resend(english_client(), code, "x@example.com", django_capture_on_commit_callbacks)

    assert matched.status_code == unmatched.status_code == 200
    assert _without_tokens(matched.content.decode()) == _without_tokens(unmatched.content.decode())


def test_the_page_answers_the_same_for_a_code_that_does_not_exist(
    asked, django_capture_on_commit_callbacks
):
    real = _resend(
        english_client(), asked.tracking_code, "x@example.com", django_capture_on_commit_callbacks
    )
    invented = _resend(
        english_client(), "HD-2026-ZZZZZ", "x@example.com", django_capture_on_commit_callbacks
    )

    assert real.status_code == invented.status_code == 200
    assert _without_tokens(real.content.decode()).replace(
        asked.tracking_code, "CODE"
    ) == _without_tokens(invented.content.decode()).replace("HD-2026-ZZZZZ", "CODE")


def test_a_code_asked_for_too_often_is_refused_for_an_hour_and_sends_nothing_more(
    asked, django_capture_on_commit_callbacks
):
    for _ in range(3):
        _resend(
            english_client(),
            asked.tracking_code,
            "an.nguyen@example.com",
            django_capture_on_commit_callbacks,
        )

    refused = _resend(
        english_client(),
        asked.tracking_code,
        "an.nguyen@example.com",
        django_capture_on_commit_callbacks,
    )

    assert refused.status_code == 400
    assert "too many times" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_an_empty_request_gets_a_clear_error_and_sends_nothing(asked):
    response = english_client().post(LOST, {"code": "", "contact": ""})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert mail.outbox == []


# --- Another device -------------------------------------------------------------------------------


def test_the_track_page_on_another_device_explains_what_to_do_instead_of_a_bare_404(asked):
    response = english_client().get(reverse("questions:track", args=[asked.tracking_code]))

    assert response.status_code == 404
    html = response.content.decode()
    assert "This browser does not have the private link of this question." in html
    assert 'action="/track/lost-link/"' in html
    assert f'value="{asked.tracking_code}"' in html


def test_the_receipts_follow_button_on_another_device_leads_to_the_same_explanation(asked):
    response = english_client().get(reverse("questions:receipt", args=[asked.tracking_code]))

    assert response.status_code == 404
    assert "Open your question with its private link" in response.content.decode()


def test_an_unknown_code_gets_the_same_explanation_as_a_known_one_without_its_link(asked):
    known = english_client().get(reverse("questions:track", args=[asked.tracking_code]))
    unknown = english_client().get(reverse("questions:track", args=["HD-2026-ZZZZZ"]))

    assert _without_tokens(known.content.decode()).replace(
        asked.tracking_code, "CODE"
    ) == _without_tokens(unknown.content.decode()).replace("HD-2026-ZZZZZ", "CODE")


def test_a_session_that_forgot_the_link_gets_the_explanation_too(asked):
    client = english_client()
    client.get(private_url(asked))
    client.session.flush()
    client.cookies.pop("sessionid", None)

    response = client.get(reverse("questions:track", args=[asked.tracking_code]))

    assert response.status_code == 404
    assert "Send me my private link" in response.content.decode()


# --- Copy and print -------------------------------------------------------------------------------


def test_the_receipt_offers_a_copy_button_and_a_print_view_of_the_private_link(asked):
    client = english_client()
    client.get(private_url(asked))  # the token is now in this browser's session

    receipt = client.get(reverse("questions:receipt", args=[asked.tracking_code])).content.decode()
    printed = client.get(reverse("questions:receipt_print", args=[asked.tracking_code]))

    assert 'data-copy="private-link"' in receipt
    assert reverse("questions:receipt_print", args=[asked.tracking_code]) in receipt
    assert printed.status_code == 200
    assert f"token={asked.access_token}" in printed.content.decode()


def test_the_print_view_needs_the_private_link_like_the_receipt(asked):
    response = english_client().get(reverse("questions:receipt_print", args=[asked.tracking_code]))

    assert response.status_code == 404
    assert asked.access_token not in response.content.decode()
