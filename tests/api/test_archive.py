"""The public archive API: published Q&A only, public fields only, filters and pages."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

from questions.models import Status
from tests.factories import make_category

pytestmark = pytest.mark.django_db

ARCHIVE = "/api/v1/archive/"
ENTRY_KEYS = {
    "id",
    "external_id",
    "title",
    "question",
    "answer",
    "legal_references",
    "unit",
    "category",
    "published_at",
    "answered_at",
}


def test_it_lists_only_published_questions_with_exactly_the_public_fields(
    api, published, walked, land_category
):
    shown = published(category=land_category)
    for status in (Status.RECEIVED, Status.ROUTED, Status.AWAITING_APPROVAL, Status.ANSWERED):
        walked(status)

    response = api.get(ARCHIVE, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1
    [entry] = body["results"]
    assert set(entry) == ENTRY_KEYS
    assert entry["id"] == shown.pk
    assert entry["title"] == shown.public_title
    assert entry["question"] == shown.public_body
    assert entry["answer"] == shown.public_answer
    assert entry["unit"] == "Department of Agriculture and Environment"
    assert entry["category"] == "Land"
    assert entry["published_at"] is not None
    assert entry["answered_at"] is not None


def test_names_are_vietnamese_by_default(api, published, land_category):
    published(category=land_category)

    entry = api.get(ARCHIVE).json()["results"][0]

    assert entry["unit"] == "Sở Nông nghiệp và Môi trường"
    assert entry["category"] == "Đất đai"


def test_a_question_without_a_category_has_a_null_category(api, published):
    published()

    assert api.get(ARCHIVE).json()["results"][0]["category"] is None


def test_the_detail_shows_a_published_question(api, published):
    question = published()

    response = api.get(f"{ARCHIVE}{question.pk}/")

    assert response.status_code == 200
    assert set(response.json()) == ENTRY_KEYS
    assert response.json()["title"] == question.public_title


@pytest.mark.parametrize("status", [Status.RECEIVED, Status.ANSWERED])
def test_the_detail_of_an_unpublished_question_is_a_404(api, walked, status):
    question = walked(status)

    assert api.get(f"{ARCHIVE}{question.pk}/").status_code == 404


def test_an_unpublished_question_leaves_the_archive(api, published, intake):
    from helpdesk import clock
    from questions import services

    question = published()
    services.question_unpublish(question=question, reason="Sai sót", actor=intake, at=clock.now())

    assert api.get(ARCHIVE).json()["count"] == 0
    assert api.get(f"{ARCHIVE}{question.pk}/").status_code == 404


# --- Filters --------------------------------------------------------------------------------


@pytest.fixture
def three_published(published, land_category, intake, head_tax, officer_tax, tax):
    """Land/2025, land/2026 with a distinctive word, and tax/2026 with another category."""
    from questions import services
    from tests.factories import make_question, walk

    with time_machine.travel(datetime(2025, 6, 2, 9, tzinfo=timezone.get_current_timezone())):
        old = published(category=land_category)
    with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=timezone.get_current_timezone())):
        new = published(category=land_category)
        tax_category = make_category("thue", unit=tax, name="Thuế", name_en="Tax")
        other = make_question(category=tax_category)
        other = walk(
            other, Status.ANSWERED, intake=intake, head=head_tax, officer=officer_tax, unit=tax
        )
        other = services.question_publish(
            question=other,
            public_title="Lệ phí trước bạ khi mua xe",
            public_body="Lệ phí trước bạ xe máy tính thế nào?",
            public_answer="Mức thu lệ phí trước bạ là 2%.",
            actor=intake,
            at=services.clock.now(),
        )
    return old, new, other


def _ids(response) -> set[int]:
    assert response.status_code == 200
    return {entry["id"] for entry in response.json()["results"]}


def test_it_filters_by_category_code(api, three_published):
    old, new, other = three_published

    assert _ids(api.get(ARCHIVE, {"category": "dat-dai"})) == {old.pk, new.pk}
    assert _ids(api.get(ARCHIVE, {"category": "thue"})) == {other.pk}


def test_it_filters_by_unit_code(api, three_published):
    old, new, other = three_published

    assert _ids(api.get(ARCHIVE, {"unit": "tax"})) == {other.pk}
    assert _ids(api.get(ARCHIVE, {"unit": "land"})) == {old.pk, new.pk}


def test_it_filters_by_year_of_publication(api, three_published):
    old, new, other = three_published

    assert _ids(api.get(ARCHIVE, {"year": 2025})) == {old.pk}
    assert _ids(api.get(ARCHIVE, {"year": 2026})) == {new.pk, other.pk}


def test_it_searches_the_public_texts_word_by_word(api, three_published):
    *_, other = three_published

    assert _ids(api.get(ARCHIVE, {"q": "trước bạ"})) == {other.pk}
    assert _ids(api.get(ARCHIVE, {"q": "lệ phí XE"})) == {other.pk}
    assert _ids(api.get(ARCHIVE, {"q": "trước bạ đất"})) == set()


def test_the_search_never_matches_the_private_text(api, published):
    published(title="Riêng tư Zyxwvu", body="Nội dung riêng tư zyxwvu của người hỏi về đất.")

    assert _ids(api.get(ARCHIVE, {"q": "zyxwvu"})) == set()


def test_a_bad_year_is_a_400(api, three_published):
    response = api.get(ARCHIVE, {"year": "last"})

    assert response.status_code == 400
    assert "year" in response.json()


def test_the_newest_publication_comes_first(api, three_published):
    old, new, other = three_published

    results = api.get(ARCHIVE).json()["results"]

    assert [entry["id"] for entry in results] == [other.pk, new.pk, old.pk]


# --- Pages ----------------------------------------------------------------------------------


def test_it_paginates_with_page_and_page_size(api, three_published):
    first = api.get(ARCHIVE, {"page_size": 2}).json()
    second = api.get(ARCHIVE, {"page_size": 2, "page": 2}).json()

    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert "page=2" in first["next"]
    assert len(second["results"]) == 1
    assert second["next"] is None
    seen = {e["id"] for e in first["results"]} | {e["id"] for e in second["results"]}
    assert seen == {q.pk for q in three_published}


def test_the_page_size_is_capped_at_100(api, published):
    from questions.api import ApiPagination

    assert ApiPagination.max_page_size == 100
    published()

    response = api.get(ARCHIVE, {"page_size": 1000})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_a_page_past_the_end_is_a_404(api, published):
    published()

    assert api.get(ARCHIVE, {"page": 5}).status_code == 404


def test_the_archive_is_public_even_with_bad_credentials(api, published):
    published()
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")

    assert api.get(ARCHIVE).status_code == 200


def test_the_archive_costs_a_fixed_number_of_queries(api, published, django_assert_num_queries):
    for _ in range(3):
        published()

    # count + page, whatever the number of rows (units and categories are joined).
    with django_assert_num_queries(2):
        api.get(ARCHIVE)
