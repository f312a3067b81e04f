"""Observation 6: the ask form's one-time nonce is bound to what was asked with it.

A nonce replayed with the same content (a double click, back and resubmit) gets the first
receipt back; the same nonce with different content never shows the first asker's receipt or
private link, and the second citizen's question is not silently dropped.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from questions.models import Question
from tests.privacy.conftest import rendered_ask_form

pytestmark = pytest.mark.django_db

ASK = reverse("questions:ask")

OTHER_CONTENT = {
    "title": "Đăng ký thường trú cho con",
    "body": "Xin hỏi thủ tục đăng ký thường trú cho con mới sinh cần giấy tờ gì?",
    "name": "Phạm Thị Khác",
    "email": "pham.thi.khac@example.com",
    "phone": "0987 654 321",
}


def test_a_nonce_replayed_with_other_content_never_shows_the_first_receipt(citizen_a, citizen_b):
    form_a = rendered_ask_form(citizen_a)
    first = citizen_a.post(ASK, form_a)
    question_a = Question.objects.get()

    response = citizen_b.post(ASK, {**form_a, **OTHER_CONTENT})

    html = response.content.decode()
    assert response.status_code == 200
    assert question_a.tracking_code not in html
    assert question_a.access_token not in html
    assert response.get("Location") != first["Location"]


def test_a_nonce_replayed_with_other_content_keeps_the_form_with_a_clear_message(
    citizen_a, citizen_b
):
    form_a = rendered_ask_form(citizen_a)
    citizen_a.post(ASK, form_a)

    response = citizen_b.post(ASK, {**form_a, **OTHER_CONTENT})

    html = response.content.decode()
    assert "This form was already used to send a different question" in html
    assert OTHER_CONTENT["body"] in html
    assert Question.objects.count() == 1


def test_the_refused_form_gets_a_new_nonce_so_sending_it_again_stores_the_question(
    citizen_a, citizen_b
):
    form_a = rendered_ask_form(citizen_a)
    citizen_a.post(ASK, form_a)
    refused = citizen_b.post(ASK, {**form_a, **OTHER_CONTENT})
    new_nonce = refused.context["form"]["nonce"].value()

    again = citizen_b.post(ASK, {**form_a, **OTHER_CONTENT, "nonce": new_nonce})

    assert new_nonce != form_a["nonce"]
    assert again.status_code == 302
    assert Question.objects.filter(title=OTHER_CONTENT["title"]).exists()


def test_a_double_click_with_the_same_content_still_shows_the_first_receipt(citizen_a):
    form_a = rendered_ask_form(citizen_a)
    first = citizen_a.post(ASK, form_a)

    second = citizen_a.post(ASK, form_a)

    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Question.objects.count() == 1


def test_a_replay_differing_only_in_the_publication_consent_is_refused(citizen_a):
    form_a = rendered_ask_form(citizen_a)
    citizen_a.post(ASK, form_a)

    response = citizen_a.post(ASK, {**form_a, "publish_consent": "on"})

    assert response.status_code == 200
    assert Question.objects.get().publish_consent is False


def test_the_ask_form_is_never_cached_so_no_two_citizens_share_a_nonce(citizen_a):
    response = citizen_a.get(ASK)

    assert "no-store" in response["Cache-Control"]


def test_the_refusal_is_in_vietnamese_by_default(citizen_a):
    form_a = rendered_ask_form(citizen_a)
    citizen_a.post(ASK, form_a)
    vietnamese = Client()

    response = vietnamese.post(ASK, {**form_a, **OTHER_CONTENT})

    assert "Biểu mẫu này đã được dùng để gửi một câu hỏi khác" in response.content.decode()
