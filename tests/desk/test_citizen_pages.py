"""The tracking page after publication and after a refusal, and the archive page of a question
its asker reopened (questions/views.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from helpdesk import clock
from questions import services
from questions.models import Question, Status
from questions.notifications import private_url
from tests.language import english_client

pytestmark = pytest.mark.django_db


def _citizen(question: Question):
    client = english_client()
    client.get(private_url(question))
    return client


def _track(client, question: Question):
    return client.get(reverse("questions:track", args=[question.tracking_code]))


def test_the_tracking_page_links_to_the_public_version_once_published(walked):
    question = walked(Status.PUBLISHED)

    html = _track(_citizen(question), question).content.decode()

    assert f'href="{reverse("questions:archive_detail", args=[question.pk])}"' in html
    assert "read the public version" in html


def test_the_tracking_page_has_no_public_link_before_publication(walked):
    question = walked(Status.ANSWERED)

    html = _track(_citizen(question), question).content.decode()

    assert reverse("questions:archive_detail", args=[question.pk]) not in html


def test_the_public_page_of_a_question_its_asker_reopened_says_so_instead_of_404(walked, client):
    question = walked(Status.PUBLISHED)
    services.question_reopen(question=question, reason="Chưa rõ.", at=clock.now())

    response = english_client().get(reverse("questions:archive_detail", args=[question.pk]))

    assert response.status_code == 200
    assert "This answer is being reviewed" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert question.public_answer not in response.content.decode()


def test_the_public_page_of_a_question_taken_out_by_staff_is_still_not_found(walked, intake):
    question = walked(Status.PUBLISHED)
    services.question_unpublish(
        question=question, reason="Lộ thông tin.", actor=intake, at=clock.now()
    )

    response = english_client().get(reverse("questions:archive_detail", args=[question.pk]))

    assert response.status_code == 404


def test_a_refused_move_is_explained_next_to_its_form_with_the_text_kept(walked):
    # The page was left open past the reopening window: the move is refused when sent.
    question = walked(Status.PUBLISHED)
    client = _citizen(question)

    with time_machine.travel(clock.now() + timedelta(days=365), tick=False):
        response = client.post(
            reverse("questions:reopen", args=[question.tracking_code]),
            {"reopen-reason": "Câu trả lời chưa nói về lệ phí.", "token": question.access_token},
        )

    assert response.status_code == 409
    html = response.content.decode()
    summary = html.index('class="error-summary"')
    reopen_form = html.index(f'action="/track/{question.tracking_code}/reopen/"')
    assert html.index('id="reopen-title"') < summary < reopen_form
    assert html.count('class="error-summary"') == 1
    assert "autofocus" in html[summary : summary + 200]
    assert "Câu trả lời chưa nói về lệ phí." in html
    assert Question.objects.get(pk=question.pk).status == Status.PUBLISHED


def test_a_reopened_question_answered_again_then_taken_out_by_staff_is_not_found(
    walked, intake, head_land, officer_land
):
    question = walked(Status.PUBLISHED)
    at = clock.now()
    question = services.question_reopen(question=question, reason="Chưa rõ.", at=at)
    services.question_assign(question=question, officer=officer_land, actor=head_land, at=at)
    services.answer_save_draft(question=question, body="Trả lời lại.", actor=officer_land, at=at)
    services.question_submit_draft(question=question, actor=officer_land, at=at)
    question = services.question_approve(question=question, approver=head_land, at=at)
    services.perform(
        "publish",
        question=question,
        actor=intake,
        at=at,
        data={
            "public_title": "Tiêu đề",
            "public_body": "Nội dung",
            "public_answer": "Trả lời lại.",
        },
    )
    services.question_unpublish(question=question, reason="Lộ thông tin.", actor=intake, at=at)

    response = english_client().get(reverse("questions:archive_detail", args=[question.pk]))

    assert response.status_code == 404
