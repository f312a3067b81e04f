"""Answer templates per unit: placeholders filled in for the question, inserted from the draft
form after what is typed (questions/desk.py, workspace insert_template)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from questions import desk
from questions.models import AnswerTemplate, Question, Status
from tests.workspace.conftest import messages_of, snapshot

pytestmark = pytest.mark.django_db

TEXT = "Kính gửi {citizen_salutation},\n{unit} trả lời câu hỏi {tracking_code} (hạn {due_date}):"


@pytest.fixture
def drafting(place):
    return place(Status.IN_PROGRESS, name="Nguyễn Văn An")


@pytest.fixture
def template(land):
    return AnswerTemplate.objects.create(
        unit=land, title="Mở đầu", body=TEXT, legal_references="Luật Tiếp công dân 2013"
    )


def _insert(client, question, template, **typed):
    return client.post(
        reverse("workspace:insert_template", args=[question.tracking_code]),
        {"template": template.pk, "body": "", "legal_references": "", **typed},
    )


def test_the_placeholders_are_filled_in_for_the_question(drafting, template):
    Question.objects.filter(pk=drafting.pk).update(answer_due=date(2026, 12, 28))
    drafting.refresh_from_db()

    filled = desk.fill_template(TEXT, drafting)

    assert filled == (
        "Kính gửi Ông/Bà Nguyễn Văn An,\n"
        f"{drafting.unit.name} trả lời câu hỏi {drafting.tracking_code} (hạn 28/12/2026):"
    )


def test_an_unknown_placeholder_or_a_stray_brace_stays_as_text(drafting):
    assert desk.fill_template("{0.__class__} {name} {", drafting) == "{0.__class__} {name} {"


def test_inserting_adds_the_template_after_what_was_typed_and_saves_the_draft(
    drafting, template, staff, login
):
    response = _insert(
        login(staff["officer_land"]),
        drafting,
        template,
        body="Đoạn đã gõ.",
        legal_references="Luật Đất đai 2024",
    )

    assert response["Location"].endswith("#act-draft")
    draft = Question.objects.get(pk=drafting.pk).current_draft
    assert draft.body.startswith("Đoạn đã gõ.\n\nKính gửi Ông/Bà Nguyễn Văn An,")
    assert draft.legal_references == "Luật Đất đai 2024\nLuật Tiếp công dân 2013"


def test_the_draft_page_offers_the_units_active_templates_only(
    drafting, template, land, tax, staff, login
):
    AnswerTemplate.objects.create(unit=land, title="Cũ", body="x", is_active=False)
    AnswerTemplate.objects.create(unit=tax, title="Thuế", body="x")

    response = login(staff["officer_land"]).get(
        reverse("workspace:question", args=[drafting.tracking_code])
    )

    assert [t.title for t in response.context["answer_templates"]] == ["Mở đầu"]
    assert 'formaction="/staff/q/' in response.content.decode()


def test_another_units_template_cannot_be_inserted(drafting, tax, staff, login):
    foreign = AnswerTemplate.objects.create(unit=tax, title="Thuế", body="Thuế.")
    before = snapshot(drafting)

    response = _insert(login(staff["officer_land"]), drafting, foreign, body="Đoạn đã gõ.")

    assert snapshot(drafting) == before
    assert response.status_code == 302


def test_an_officer_of_another_unit_cannot_insert_into_this_draft(drafting, template, staff, login):
    before = snapshot(drafting)

    response = _insert(login(staff["officer_tax"]), drafting, template)

    assert response.status_code == 404
    assert snapshot(drafting) == before


def test_a_missing_template_choice_is_a_clear_message(drafting, template, staff, login):
    client = login(staff["officer_land"])

    response = client.post(
        reverse("workspace:insert_template", args=[drafting.tracking_code]),
        {"template": "", "body": "x"},
        follow=True,
    )

    assert "Choose one of your unit's answer templates." in messages_of(response)
