from __future__ import annotations

import pytest

from questions.models import Answer, Status
from tests.factories import make_category, make_question, walk


@pytest.fixture
def publish(intake, head_land, officer_land, land):
    """Publish a question through the real services; ``refs``: its approved answer's own legal
    references (what staff wrote, before the public copy made at publication)."""

    def make(refs: str = "", category=None, **fields):
        question = make_question(
            name="Trần Thị Bình",
            email="binh.tran@example.com",
            phone="0987654321",
            title="Nhà bà Bình ở số 12 Lý Thường Kiệt",
            body="Tôi là Trần Thị Bình, CCCD 012345678901, hỏi về giấy phép xây dựng.",
            category=category or make_category("xay-dung", name="Xây dựng"),
            **fields,
        )
        question = walk(
            question,
            Status.PUBLISHED,
            intake=intake,
            head=head_land,
            officer=officer_land,
            unit=land,
        )
        if refs:
            Answer.objects.filter(question=question).update(legal_references=refs)
        return question

    return make


PRIVATE = ("Trần Thị Bình", "binh.tran@example.com", "0987654321", "012345678901", "Lý Thường Kiệt")
