"""The officer's desk in a browser: a draft built on the province's own published answer.

The officer opens a question in progress, sees the similar published answer with its legal
references, starts from it, adapts the first line, saves and submits. The clicks and keystrokes
it takes are counted here (and said in docs/decisions/0028-the-officers-desk.md).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from questions.audit import AuditAction
from questions.models import Event, Question, Status
from search import services as search
from tests.e2e.test_accessibility import _published_with_legal_references, axe_violations, log_in
from tests.factories import make_question, walk

pytestmark = pytest.mark.django_db(transaction=True)

GREETING = "Kính gửi ông An, "


@pytest.fixture
def desk_data(land_category, land, intake, head_land, officer_land):
    """A published answer with legal references (indexed) and a like question in progress."""

    def create():
        try:
            people = dict(intake=intake, head=head_land, officer=officer_land, unit=land)
            published = _published_with_legal_references(
                make_question(category=land_category), people
            )
            in_progress = walk(
                make_question(
                    category=land_category,
                    title="Xin cấp giấy phép xây dựng nhà ở riêng lẻ",
                    body="Hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ ở xã tôi gồm những gì?",
                ),
                Status.IN_PROGRESS,
                **people,
            )
            search.rebuild()
            return published, in_progress
        finally:
            connections.close_all()

    # A thread of its own: Playwright's event loop runs in this one (see test_accessibility).
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(create).result()


def test_an_officer_drafts_from_a_similar_published_answer_in_four_clicks(
    new_page, screenshot, desk_data
):
    published, question = desk_data
    code = question.tracking_code
    officer = new_page()
    log_in(officer, "officer_land")
    officer.goto(f"/staff/q/{code}/")
    suggestion = officer.locator(".similar-item").first
    assert "Luật Xây dựng 2014, Điều 95" in suggestion.inner_text()
    assert axe_violations(officer) == []
    screenshot(officer, "desk-01-similar-answers")

    clicks = keys = 0
    suggestion.get_by_role("button").click()  # "Bắt đầu từ câu trả lời này"
    clicks += 1
    officer.wait_for_url(f"**/staff/q/{code}/#act-draft")
    body = officer.locator(f'form[action="/staff/q/{code}/draft/"] textarea[name=body]')
    body.click()  # the caret to the start of the copied answer, then a personal first line
    clicks += 1
    body.press("Control+Home")
    keys += 1
    body.press_sequentially(GREETING)
    keys += len(GREETING)
    officer.locator(f'form[action="/staff/q/{code}/draft/"] button[type=submit]').click()
    clicks += 1
    officer.wait_for_load_state()
    screenshot(officer, "desk-02-draft-from-archive")
    officer.locator(f'form[action="/staff/q/{code}/submit/"] button[type=submit]').click()
    clicks += 1
    officer.wait_for_load_state()

    question = Question.objects.get(pk=question.pk)
    assert question.status == Status.AWAITING_APPROVAL
    answer = question.answers.latest("pk")
    assert answer.body.startswith(GREETING)
    assert answer.body.endswith(published.public_answer)
    assert answer.legal_references == published.public_legal_references
    assert Event.objects.get(
        question=question, action=AuditAction.ANSWER_BASED_ON_ARCHIVE
    ).data == {"source": published.pk}
    assert (clicks, keys) == (4, 1 + len(GREETING))
