"""The private link as a QR code on the citizen's receipt and its print view (questions/qr.py).

The code is drawn on the server into the page: the token goes to no image URL (access logs, a
Referer) and no outside QR service, and the pages stay uncacheable.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from questions.models import Question
from questions.qr import qr_svg
from tests.language import choose_english
from tests.questions.conftest import pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


@pytest.fixture
def asked(browser, ask_form) -> Question:
    browser.post(reverse("questions:ask"), ask_form(attachments=[pdf()]))
    return Question.objects.get()


def private_link(question: Question) -> str:
    path = reverse("questions:track", args=[question.tracking_code])
    return f"http://testserver{path}?token={question.access_token}"


@pytest.mark.parametrize("view", ["questions:receipt", "questions:receipt_print"])
def test_the_receipt_shows_the_private_link_as_an_inline_qr_code(browser, asked, view):
    response = browser.get(reverse(view, args=[asked.tracking_code]))

    html = response.content.decode()
    assert response.status_code == 200
    assert qr_svg(private_link(asked), title="QR code of your private link") in html
    assert re.search(r'<div class="qr" role="img" aria-label="QR code of your private link">', html)


@pytest.mark.parametrize("view", ["questions:receipt", "questions:receipt_print"])
def test_the_qr_code_sends_the_token_nowhere_and_the_page_is_not_kept(browser, asked, view):
    response = browser.get(reverse(view, args=[asked.tracking_code]))

    html = response.content.decode()
    # The token is in the page (the link to copy, the code) but in no address the page loads.
    for address in re.findall(r'(?:src|href|srcset|action)="([^"]*)"', html):
        assert asked.access_token not in address
    assert "<img" not in html.split("<main", 1)[1]
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"


def test_the_qr_code_is_vector_and_sized_by_the_page():
    svg = qr_svg("http://testserver/track/HD-2026-7K3QX/?token=abc", title="QR")
    assert svg.startswith("<svg viewBox=")
    assert " width=" not in svg.split(">", 1)[0]
    assert "<title>QR</title>" in svg


def test_the_qr_codes_title_is_escaped():
    assert "<title>&lt;b&gt;</title>" in qr_svg("x", title="<b>")


def test_the_intake_desks_receipt_draws_its_code_with_the_same_helper(client, intake, settings):
    from tests.factories import make_question

    question = make_question(source="phone")
    choose_english(client).force_login(intake)
    response = client.get(reverse("workspace:intake_receipt", args=[question.tracking_code]))
    assert response.status_code == 200
    path = reverse("questions:track", args=[question.tracking_code])
    link = f"{settings.SITE_URL}{path}?token={question.access_token}"
    assert qr_svg(link, title="Private link") in response.content.decode()
