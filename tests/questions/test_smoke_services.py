import pytest

from questions.models import Status
from tests.factories import make_question, walk


@pytest.mark.django_db
def test_a_question_walks_from_receipt_to_publication(intake, head_land, officer_land, land):
    question = make_question()
    question = walk(question, Status.PUBLISHED, intake=intake, head=head_land, officer=officer_land, unit=land)
    assert question.status == Status.PUBLISHED
    actions = list(question.events.values_list("action", flat=True))
    assert actions == [
        "question.received", "question.routed", "question.assigned", "answer.drafted",
        "answer.submitted", "question.answered", "question.published",
    ]
