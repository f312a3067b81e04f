"""The published answer keeps its legal references ("Căn cứ pháp lý"), and they are guarded.

Citizens' main complaint about Q&A portals is answers without a legal basis (issue 15): the
approved answer's references are published with it — on the archive page, in the public API and
in the feed — after the same de-identification guard as the other public texts.
"""

import pytest
from django.urls import reverse

from helpdesk import clock
from questions import services
from questions.models import Question, Status
from questions.services import PersonalDataInPublicText
from tests.factories import ANSWER_TEXT, make_question, walk

pytestmark = pytest.mark.django_db

REFERENCES = "Luật Đất đai năm 2024, Điều 133; Nghị định 101/2024/NĐ-CP, Điều 29."
PUBLIC = {
    "public_title": "Cấp lại giấy chứng nhận quyền sử dụng đất",
    "public_body": "Xin hỏi thủ tục cấp lại giấy chứng nhận bị mất?",
    "public_answer": ANSWER_TEXT,
}


@pytest.fixture
def approved(intake, head_land, officer_land, land):
    """A land question answered with ``references`` and approved, ready to publish."""

    def make(references: str, **fields) -> Question:
        question = walk(
            make_question(**fields),
            Status.AWAITING_APPROVAL,
            intake=intake,
            head=head_land,
            officer=officer_land,
            unit=land,
        )
        draft = question.current_draft
        draft.legal_references = references
        draft.save(update_fields=["legal_references"])
        return services.question_approve(question=question, approver=head_land, at=clock.now())

    return make


@pytest.fixture
def published(approved, intake):
    question = approved(REFERENCES)
    return services.question_publish(question=question, actor=intake, at=clock.now(), **PUBLIC)


def test_publishing_keeps_the_approved_answers_legal_references(published):
    published.refresh_from_db()

    assert published.public_legal_references == REFERENCES


def test_the_archive_page_shows_the_legal_references(client, published):
    html = client.get(reverse("questions:archive_detail", args=[published.pk])).content.decode()

    assert "Căn cứ pháp lý" in html
    assert "Nghị định 101/2024/NĐ-CP, Điều 29." in html


def test_the_public_api_gives_the_legal_references(client, published):
    entry = client.get(f"/api/v1/archive/{published.pk}/").json()

    assert entry["legal_references"] == REFERENCES


def test_the_feed_carries_the_legal_references(client, published):
    feed = client.get("/archive/feed/").content.decode()

    assert "Căn cứ pháp lý:" in feed
    assert "Luật Đất đai năm 2024, Điều 133" in feed


def test_an_answer_without_references_publishes_none(client, approved, intake):
    question = approved("")
    services.question_publish(question=question, actor=intake, at=clock.now(), **PUBLIC)

    html = client.get(reverse("questions:archive_detail", args=[question.pk])).content.decode()

    assert "Căn cứ pháp lý" not in html


def test_references_naming_someone_are_refused_like_any_public_text(approved, intake):
    question = approved("Công văn số 12/UBND trả lời ông Trần Văn Khải, số 0912 345 678.")

    with pytest.raises(PersonalDataInPublicText) as refused:
        services.question_publish(question=question, actor=intake, at=clock.now(), **PUBLIC)

    fields = {f.field for f in refused.value.findings}
    assert fields == {"public_legal_references"}
    question.refresh_from_db()
    assert question.status == Status.ANSWERED and question.public_legal_references == ""


def test_the_askers_own_name_in_the_references_cannot_be_waived(approved, intake):
    question = approved("Trả lời đơn của bà Lê Thị Hỏi theo Luật Đất đai 2024.", name="Lê Thị Hỏi")

    with pytest.raises(PersonalDataInPublicText):
        services.question_publish(
            question=question,
            actor=intake,
            at=clock.now(),
            not_personal=["Lê Thị Hỏi"],
            **PUBLIC,
        )
