"""Fixtures for data-subject requests: a citizen's browser holding the private link."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from questions.models import Question, Status
from questions.uploads import check_upload
from tests.factories import make_question, walk
from tests.language import english_client
from tests.questions.conftest import pdf

PDF_CONTENT = b"%PDF-1.4\n% giay to cua nguoi hoi\n%%EOF\n"


@pytest.fixture
def browser() -> Client:
    cache.clear()
    return english_client()


def holding_link(browser: Client, question: Question) -> Client:
    """Open the private link once, as the citizen does from the receipt: the token is kept."""
    url = reverse("questions:track", args=[question.tracking_code])
    browser.get(f"{url}?token={question.access_token}")
    return browser


def with_attachment(**fields) -> Question:
    upload = pdf("so-do-thua-dat-Nguyen-Van-An.pdf", PDF_CONTENT)
    return make_question(files=[(upload, check_upload(upload))], **fields)


@pytest.fixture
def questions_in(intake, head_land, officer_land, land):
    """``questions_in(status, **fields)``: a question with one attachment, walked to status."""

    def make(status: str = Status.ANSWERED, **fields) -> Question:
        question = with_attachment(**fields)
        if status == Status.RECEIVED:
            return question
        return walk(
            question, status, intake=intake, head=head_land, officer=officer_land, unit=land
        )

    return make
