"""What visitors and API clients get: ranked pages, snippets, facets, similar questions,
did-you-mean, the feed and the sitemap — public fields only."""

import pytest
from django.utils import translation

from tests.language import choose_english

pytestmark = pytest.mark.django_db
BOTH_BACKENDS = True

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
    "snippet",
    "score",
}
PRIVATE = {"name": "Phạm Văn Bí", "email": "bi.mat@example.com", "phone": "0911222333"}


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def archive(publish, tax):
    return [
        publish("Lệ phí trước bạ ô tô", "Lệ phí trước bạ ô tô tính thế nào?", **PRIVATE),
        publish("Lệ phí trước bạ xe máy", "Mức lệ phí trước bạ xe máy?", unit=tax),
        publish("Thuế đất ở", "Thuế đất ở nộp khi nào?", "Nộp trước ngày 31/10."),
    ]


def test_the_api_ranks_with_snippets_facets_and_a_total(api, archive):
    response = api.get(ARCHIVE, {"q": "le phi truoc ba"})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "count",
        "next",
        "previous",
        "results",
        "total",
        "facets",
        "did_you_mean",
        "degraded",
    }
    assert body["total"] == body["count"] == 2
    assert {e["id"] for e in body["results"]} == {archive[0].pk, archive[1].pk}
    entry = body["results"][0]
    assert set(entry) == ENTRY_KEYS
    assert "<mark>" in entry["snippet"]
    assert entry["score"] > 0
    assert {f["code"]: f["count"] for f in body["facets"]["unit"]} == {"land": 1, "tax": 1}
    assert body["facets"]["year"][0]["count"] == 2
    assert body["degraded"] is False


def test_the_api_filters_ranked_results_by_unit_code(api, archive):
    body = api.get(ARCHIVE, {"q": "trước bạ", "unit": "tax"}).json()

    assert [e["id"] for e in body["results"]] == [archive[1].pk]


def test_an_unknown_unit_code_matches_nothing(api, archive):
    assert api.get(ARCHIVE, {"q": "trước bạ", "unit": "nope"}).json()["total"] == 0


def test_the_api_pages_ranked_results(api, archive):
    first = api.get(ARCHIVE, {"q": "trước bạ", "page_size": 1}).json()
    second = api.get(ARCHIVE, {"q": "trước bạ", "page_size": 1, "page": 2}).json()

    assert first["count"] == 2
    assert "page=2" in first["next"]
    assert {first["results"][0]["id"], second["results"][0]["id"]} == {
        archive[0].pk,
        archive[1].pk,
    }


def test_a_bad_year_with_words_is_still_a_400(api, archive):
    assert api.get(ARCHIVE, {"q": "thuế", "year": "last"}).status_code == 400


def test_the_api_never_finds_the_askers_data(api, archive):
    # The asker's question is found by its public words: a search that finds nothing at all
    # would pass the loop below without proving anything.
    found = api.get(ARCHIVE, {"q": "trước bạ ô tô"}).json()
    assert archive[0].pk in [e["id"] for e in found["results"]]

    for private in PRIVATE.values():
        response = api.get(ARCHIVE, {"q": private})
        assert response.status_code == 200, private
        assert response.json()["total"] == 0, private


def test_snippets_are_escaped(api, publish):
    publish("Thẻ <script>alert(1)</script> căn cước", answer="Mẫu <b>thẻ</b> căn cước")

    snippet = api.get(ARCHIVE, {"q": "căn cước"}).json()["results"][0]["snippet"]

    assert "<script>" not in snippet and "<b>" not in snippet
    assert "&lt;b&gt;" in snippet


def test_the_archive_page_shows_highlights_facets_and_a_total(client, archive):
    page = client.get("/archive/", {"q": "trước bạ"})

    assert page.status_code == 200
    html = page.content.decode()
    assert "<mark>trước</mark>" in html
    assert 'class="facets"' in html
    assert "Thuế tỉnh" in html
    assert archive[2].public_title not in html


def test_the_archive_page_offers_did_you_mean(client, archive):
    page = choose_english(client).get("/archive/", {"q": "le phi truoc baa"})

    assert "Did you mean" in page.content.decode()
    assert "le phi truoc ba" in page.content.decode()


def test_the_question_page_lists_similar_questions(client, archive):
    page = client.get(f"/archive/{archive[0].pk}/")

    similar = page.context["similar"]
    assert similar[0].pk == archive[1].pk
    assert archive[0].pk not in [q.pk for q in similar]


def test_the_similar_endpoint_answers_while_typing(api, archive):
    response = api.post(
        "/api/v1/archive/similar/", {"text": "le phi truoc ba cho xe may"}, format="json"
    )

    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0] == {
        "id": archive[1].pk,
        "title": "Lệ phí trước bạ xe máy",
        "url": f"/archive/{archive[1].pk}/",
        "unit": "Thuế tỉnh",
    }


def test_without_javascript_the_ask_form_shows_similar_questions_and_sends_nothing(client, archive):
    from questions.models import Question

    before = Question.objects.count()
    page = choose_english(client).post(
        "/ask/",
        {"title": "Lệ phí trước bạ xe máy", "body": "Tôi mua xe máy mới", "check_similar": "1"},
    )

    assert page.status_code == 200
    html = page.content.decode()
    assert f"/archive/{archive[1].pk}/" in html
    assert "nothing has been sent yet" in html
    assert 'value="Lệ phí trước bạ xe máy"' in html  # the draft is kept
    assert "This field is required" not in html
    assert Question.objects.count() == before


def test_the_feed_lists_new_answers_with_public_fields_only(client, archive):
    feed = client.get("/archive/feed/")

    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    text = feed.content.decode()
    assert "Lệ phí trước bạ xe máy" in text
    for private in [*PRIVATE.values(), archive[0].title, archive[0].body]:
        assert private not in text


def test_the_sitemap_lists_published_question_pages_only(client, archive, walked):
    unpublished = walked("answered")

    text = client.get("/sitemap.xml").content.decode()

    for question in archive:
        assert f"/archive/{question.pk}/</loc>" in text
    assert f"/archive/{unpublished.pk}/</loc>" not in text
