"""An attachment whose file is gone from storage is a clear 404 page, not a server error."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from questions.models import Status
from tests.privacy_requests.conftest import PDF_CONTENT, holding_link

pytestmark = pytest.mark.django_db


def attachment_url(question) -> str:
    item = question.attachments.get()
    return reverse("questions:attachment", args=[question.tracking_code, item.pk])


def test_the_citizen_downloads_their_attachment(browser, questions_in):
    question = questions_in(Status.RECEIVED)

    response = holding_link(browser, question).get(attachment_url(question))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_CONTENT


def test_a_missing_attachment_file_is_a_404_page_that_says_so(browser, questions_in):
    question = questions_in(Status.RECEIVED)
    (Path(settings.MEDIA_ROOT) / question.attachments.get().file.name).unlink()

    response = holding_link(browser, question).get(attachment_url(question))

    assert response.status_code == 404
    assert "This file is not available" in response.content.decode()


def test_a_missing_attachment_page_names_the_file_the_citizen_sent(browser, questions_in):
    question = questions_in(Status.RECEIVED)
    (Path(settings.MEDIA_ROOT) / question.attachments.get().file.name).unlink()

    response = holding_link(browser, question).get(attachment_url(question))

    assert "so-do-thua-dat-Nguyen-Van-An.pdf" in response.content.decode()
