"""Fixtures for the staff workspace tests: questions placed in a unit and a status, logged-in
clients per named user, and a snapshot to prove that a refused request changed nothing."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from helpdesk import clock
from questions import services
from questions.models import Question, Status
from tests.factories import make_category, make_question, walk
from tests.language import english_client


@pytest.fixture
def tax_category(tax):
    return make_category("thue", unit=tax, name="Thuế", name_en="Taxes")


@pytest.fixture
def units(land, tax):
    return {"land": land, "tax": tax}


@pytest.fixture
def place(staff, units, land_category, tax_category):
    """``place(status, unit="land")``: a new question walked to ``status`` in that unit.

    The unit's own head and officer do the unit work, so "own unit" questions are assigned to
    that unit's officer. ``unit=None`` leaves a received question unrouted.
    """

    def make(status: str, unit: str | None = "land", **fields) -> Question:
        category = {"land": land_category, "tax": tax_category, None: land_category}[unit]
        question = make_question(category=category, **fields)
        if status == Status.RECEIVED:
            return question
        question = walk(
            question,
            Status.IN_PROGRESS if status == "draft_saved" else status,
            intake=staff["intake"],
            head=staff[f"head_{unit}"],
            officer=staff[f"officer_{unit}"],
            unit=units[unit],
        )
        if status == "draft_saved":
            services.answer_save_draft(
                question=question,
                body="Bản nháp câu trả lời.",
                actor=staff[f"officer_{unit}"],
                at=clock.now(),
            )
        question.refresh_from_db()
        return question

    return make


@pytest.fixture
def login():
    """``login(user)``: a test client with that user's session (each user their own client).

    The client asks for English, so assertions read the source strings; the Vietnamese
    default is covered by the language tests.
    """

    def make(user) -> Client:
        client = english_client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@dataclass(frozen=True)
class Snapshot:
    status: str
    unit_id: int | None
    assignee_id: int | None
    events: int
    answers: tuple[tuple[int, str, str], ...]
    public_answer: str


def snapshot(question: Question) -> Snapshot:
    question = Question.objects.get(pk=question.pk)
    return Snapshot(
        status=question.status,
        unit_id=question.unit_id,
        assignee_id=question.assignee_id,
        events=question.events.count(),
        answers=tuple(question.answers.values_list("pk", "state", "body").order_by("pk")),
        public_answer=question.public_answer,
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []
