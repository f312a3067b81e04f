"""Similar past answers while drafting: the province's published answers beside the draft,
"start from this answer", and the "check that this is still current" flag (questions/desk.py)."""

from __future__ import annotations

import json
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from helpdesk import clock
from questions import desk
from questions.audit import AuditAction
from questions.models import Event, Question, Status
from routing.models import Unit
from tests.factories import make_unit
from tests.workspace.conftest import messages_of, snapshot

pytestmark = pytest.mark.django_db

REFERENCES = "Luật Đất đai 2024, Điều 137\nNghị định 101/2024/NĐ-CP"
PERMIT = "Hồ sơ cấp giấy phép xây dựng nhà ở riêng lẻ"
PERMIT_ANSWER = "Hồ sơ gồm đơn đề nghị cấp giấy phép xây dựng và bản vẽ thiết kế nhà ở riêng lẻ."


@pytest.fixture
def past_answer(publish):
    """A published answer about building permits, with its legal references."""
    question = publish(PERMIT, f"{PERMIT} gồm những gì?", PERMIT_ANSWER)
    Question.objects.filter(pk=question.pk).update(public_legal_references=REFERENCES)
    return question


@pytest.fixture
def drafting(place):
    """A question in progress with the land officer, much like the past answer."""
    return place(
        Status.IN_PROGRESS,
        title="Xin giấy phép xây dựng nhà ở",
        body="Tôi muốn xây nhà ở riêng lẻ, hồ sơ xin giấy phép xây dựng gồm những gì?",
    )


def _page(client, question):
    return client.get(reverse("workspace:question", args=[question.tracking_code]))


def test_the_draft_page_lists_similar_published_answers_with_references_unit_and_date(
    past_answer, drafting, staff, login
):
    response = _page(login(staff["officer_land"]), drafting)

    [item] = response.context["similar"]
    assert item.question.pk == past_answer.pk
    assert item.legal_references == REFERENCES.splitlines()
    assert item.answered_on == clock.today()
    html = response.content.decode()
    assert "Similar published answers" in html
    assert "Luật Đất đai 2024, Điều 137" in html
    assert past_answer.unit.display_name in html
    assert reverse("questions:archive_detail", args=[past_answer.pk]) in html


def test_no_similar_answers_are_offered_when_there_is_no_draft_to_write(
    past_answer, place, staff, login
):
    routed = place(Status.ROUTED, title="Xin giấy phép xây dựng nhà ở")

    response = _page(login(staff["head_land"]), routed)

    assert response.context["similar"] == []
    assert "Similar published answers" not in response.content.decode()


def test_starting_from_an_answer_copies_its_text_and_references_into_the_draft(
    past_answer, drafting, staff, login
):
    client = login(staff["officer_land"])

    response = client.post(
        reverse("workspace:start_from", args=[drafting.tracking_code]), {"source": past_answer.pk}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#act-draft")
    draft = Question.objects.get(pk=drafting.pk).current_draft
    assert draft.body == PERMIT_ANSWER
    assert draft.legal_references == REFERENCES
    assert draft.author == staff["officer_land"]


def test_starting_from_an_answer_records_its_source_in_the_audit_trail(
    past_answer, drafting, staff, login
):
    login(staff["officer_land"]).post(
        reverse("workspace:start_from", args=[drafting.tracking_code]), {"source": past_answer.pk}
    )

    event = Event.objects.filter(question=drafting).latest("pk")
    assert event.action == AuditAction.ANSWER_BASED_ON_ARCHIVE
    assert event.data == {"source": past_answer.pk}
    assert event.is_internal
    timeline = _page(login(staff["officer_land"]), drafting).content.decode()
    assert f"from published answer no. {past_answer.pk}" in timeline


def test_the_draft_form_then_shows_the_copied_text_for_editing(past_answer, drafting, staff, login):
    client = login(staff["officer_land"])
    client.post(
        reverse("workspace:start_from", args=[drafting.tracking_code]), {"source": past_answer.pk}
    )

    form = _page(client, drafting).context["draft"]["form"]

    assert form["body"].value() == PERMIT_ANSWER
    assert form["legal_references"].value() == REFERENCES


def test_a_question_that_is_not_published_cannot_be_copied(drafting, place, staff, login):
    private = place(Status.ANSWERED, title="Câu hỏi chưa công bố")
    before = snapshot(drafting)

    response = login(staff["officer_land"]).post(
        reverse("workspace:start_from", args=[drafting.tracking_code]),
        {"source": private.pk},
        follow=True,
    )

    assert "This answer is no longer in the public archive." in messages_of(response)
    assert snapshot(drafting) == before


def test_an_officer_of_another_unit_cannot_start_a_draft_on_this_question(
    past_answer, drafting, staff, login
):
    before = snapshot(drafting)

    response = login(staff["officer_tax"]).post(
        reverse("workspace:start_from", args=[drafting.tracking_code]), {"source": past_answer.pk}
    )

    assert response.status_code == 404
    assert snapshot(drafting) == before


def test_starting_from_an_answer_is_refused_once_the_draft_awaits_approval(
    past_answer, place, staff, login
):
    waiting = place(Status.AWAITING_APPROVAL, title="Xin giấy phép xây dựng nhà ở")
    before = snapshot(waiting)

    response = login(staff["officer_land"]).post(
        reverse("workspace:start_from", args=[waiting.tracking_code]),
        {"source": past_answer.pk},
        follow=True,
    )

    assert messages_of(response)  # the catalogue's refusal, as for the draft button
    assert snapshot(waiting) == before


# --- "Check that this is still current" ---------------------------------------------------------


def test_an_answer_given_before_the_review_date_is_flagged(publish, drafting, settings):
    settings.HELPDESK_LEGAL_REVIEW_BEFORE = date(2030, 1, 1)
    publish(PERMIT, f"{PERMIT} gồm những gì?", PERMIT_ANSWER)

    [item] = desk.similar_answers(drafting, today=clock.today())

    assert item.review_reasons == ["answered before 01/01/2030"]


LAND_LAW_2013 = (
    "cites Luật Đất đai 2013 (45/2013/QH13), replaced by Luật Đất đai 2024 (31/2024/QH15) "
    "from 01/08/2024"
)


def test_an_answer_citing_a_replaced_text_is_flagged_with_its_replacement(
    past_answer, drafting, settings
):
    settings.HELPDESK_LEGAL_REVIEW_BEFORE = date(2025, 1, 1)
    Question.objects.filter(pk=past_answer.pk).update(
        public_legal_references="Luật Đất đai năm 2013\nLuật Xây dựng 2014"
    )

    [item] = desk.similar_answers(drafting, today=clock.today())

    assert item.needs_review
    assert item.review_reasons == [LAND_LAW_2013]


def test_an_old_text_still_in_force_is_not_flagged(past_answer, drafting, settings):
    # The year rule flagged these (2011, 2014 < 2025): nearly every suggestion was flagged.
    settings.HELPDESK_LEGAL_REVIEW_BEFORE = date(2025, 7, 1)
    Question.objects.filter(pk=past_answer.pk).update(
        public_legal_references="Điều 28 Luật Khiếu nại năm 2011\nLuật Hộ tịch năm 2014"
    )

    [item] = desk.similar_answers(drafting, today=clock.today())

    assert not item.needs_review


def test_the_question_page_says_why_an_answer_is_flagged(
    past_answer, drafting, staff, login, settings
):
    settings.HELPDESK_LEGAL_REVIEW_BEFORE = date(2025, 1, 1)
    Question.objects.filter(pk=past_answer.pk).update(
        public_legal_references="Nghị định số 43/2014/NĐ-CP"
    )

    html = _page(login(staff["officer_land"]), drafting).content.decode()

    assert f'id="review-{past_answer.pk}"' in html
    assert "replaced by Nghị định 102/2024/NĐ-CP from 01/08/2024" in html


def test_a_recent_answer_citing_current_texts_is_not_flagged(past_answer, drafting, settings):
    settings.HELPDESK_LEGAL_REVIEW_BEFORE = date(2024, 1, 1)

    [item] = desk.similar_answers(drafting, today=clock.today())

    assert not item.needs_review


def test_an_answer_whose_unit_was_merged_into_another_is_flagged(past_answer, drafting, settings):
    settings.HELPDESK_LEGAL_REVIEW_BEFORE = date(2024, 1, 1)
    Unit.objects.filter(pk=past_answer.unit_id).update(successor=make_unit("so-moi"))

    [item] = desk.similar_answers(drafting, today=clock.today())

    assert item.review_reasons == ["its unit has been merged or has ended"]


def test_an_answer_whose_unit_has_ended_is_flagged(past_answer, drafting, settings):
    settings.HELPDESK_LEGAL_REVIEW_BEFORE = date(2024, 1, 1)
    Unit.objects.filter(pk=past_answer.unit_id).update(valid_to=date(2026, 1, 31))

    with time_machine.travel(date(2026, 3, 2), tick=False):
        [item] = desk.similar_answers(drafting, today=date(2026, 3, 2))

    assert item.review_reasons == ["its unit has been merged or has ended"]


@pytest.mark.parametrize(
    ("references", "cited"),
    [
        ("Luật Đất đai năm 2013", ["Luật Đất đai 2013 (45/2013/QH13)"]),
        ("Luat dat dai 2013, Dieu 100", ["Luật Đất đai 2013 (45/2013/QH13)"]),
        ("Luật số 45/2013/QH13", ["Luật Đất đai 2013 (45/2013/QH13)"]),
        ("Nghị định số 43/2014/NĐ-CP", ["Nghị định 43/2014/NĐ-CP"]),
        ("Nghị định 143/2014/NĐ-CP", []),
        ("Luật Đất đai năm 2024; Nghị định số 102/2024/NĐ-CP", []),
        ("Luật Giao thông đường bộ năm 2008", ["Luật Giao thông đường bộ 2008 (23/2008/QH12)"]),
        ("Luật Trật tự, an toàn giao thông đường bộ năm 2024", []),
        ("Điều 28 Luật Khiếu nại năm 2011", []),
        ("", []),
    ],
)
def test_the_superseded_texts_a_reference_cites_are_found_in_its_text(references, cited):
    assert [t.text for t in desk.superseded_cited(references)] == cited


@pytest.fixture
def province_list(settings, tmp_path):
    """A province's own list of superseded texts, in its data directory."""
    settings.DATA_DIR = tmp_path
    (tmp_path / desk.SUPERSEDED_FILE).write_text(
        json.dumps(
            {
                "texts": [
                    {
                        "text": "Quyết định 20/2019/QĐ-UBND",
                        "cited_as": ["20/2019/QĐ-UBND"],
                        "replaced_by": "",
                        "since": "2025-07-01",
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    desk.superseded_texts.cache_clear()
    yield
    desk.superseded_texts.cache_clear()


def test_a_province_adds_its_own_texts_to_the_shipped_list(province_list):
    cited = desk.superseded_cited("Quyết định số 20/2019/QĐ-UBND; Luật Nhà ở năm 2014")

    assert [t.text for t in cited] == [
        "Luật Nhà ở 2014 (65/2014/QH13)",
        "Quyết định 20/2019/QĐ-UBND",
    ]


def test_a_text_that_simply_ended_says_since_when(province_list, past_answer, drafting, settings):
    settings.HELPDESK_LEGAL_REVIEW_BEFORE = date(2024, 1, 1)
    Question.objects.filter(pk=past_answer.pk).update(
        public_legal_references="Quyết định số 20/2019/QĐ-UBND"
    )

    [item] = desk.similar_answers(drafting, today=clock.today())

    assert item.review_reasons == [
        "cites Quyết định 20/2019/QĐ-UBND, no longer in force since 01/07/2025"
    ]


def test_the_shipped_list_of_superseded_texts_reads():
    texts = desk.parse_superseded(json.loads(desk.SHIPPED_SUPERSEDED.read_text(encoding="utf-8")))

    assert len(texts) >= 10
    assert all(t.patterns and t.since for t in texts)
