"""Anonymous bad input gets a clear, translated 4xx and changes nothing (issue 12, obs. 9).

docs/design.md#quality-bars: "Bad input gets a clear, translated error and changes nothing." A 500
is neither clear nor a promise that nothing changed, and an HTML page is no answer to an API client.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from questions.models import Question

pytestmark = pytest.mark.django_db

BAD_YEARS = ["0", "1.5", "1e16", "-5", "99999", "abc", "2026.5"]
ASK_API = "/api/v1/questions/"


@pytest.fixture
def anonymous():
    # Report a server error as the response a client would get, not as a test exception.
    return Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="vi")


def _is_json(response) -> bool:
    return response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("year", BAD_YEARS)
@pytest.mark.parametrize("words", ["", "đất đai"])
def test_the_archive_api_refuses_a_bad_year_with_a_json_400(anonymous, year, words):
    response = anonymous.get("/api/v1/archive/", {"year": year, "q": words})

    assert response.status_code == 400
    assert _is_json(response)
    assert list(response.json()) == ["year"]


def test_the_archive_api_says_what_a_year_must_be_in_vietnamese(anonymous):
    response = anonymous.get("/api/v1/archive/", {"year": "0"})

    [message] = response.json()["year"]
    with translation.override("vi"):
        assert message == translation.gettext("Enter a year between %(min)s and %(max)s.") % {
            "min": 1900,
            "max": 2100,
        }
    assert message != "Enter a year between 1900 and 2100."


@pytest.mark.parametrize("year", BAD_YEARS)
def test_the_archive_page_ignores_a_bad_year(anonymous, year):
    response = anonymous.get(reverse("questions:archive"), {"year": year})

    assert response.status_code == 200


@pytest.mark.parametrize("url", [ASK_API, "/api/v1/archive/similar/"])
def test_a_deeply_nested_json_body_is_a_json_400_and_stores_nothing(anonymous, url):
    response = anonymous.post(url, "[" * 100_000, content_type="application/json")

    assert response.status_code == 400
    assert _is_json(response)
    with translation.override("vi"):
        expected = translation.gettext("The request body is nested too deeply.")
    assert response.json() == {"detail": expected}
    assert Question.objects.count() == 0


@pytest.mark.parametrize("url", [ASK_API, "/api/v1/archive/similar/"])
def test_a_body_over_the_size_limit_is_a_json_413_and_stores_nothing(anonymous, url):
    body = json.dumps({"title": "x", "question": "y" * (6 * 1024 * 1024)})

    response = anonymous.post(url, body, content_type="application/json")

    assert response.status_code == 413
    assert _is_json(response)
    assert "5 MB" in response.json()["detail"]
    assert Question.objects.count() == 0


def test_an_unknown_api_address_is_a_json_404(anonymous):
    response = anonymous.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert _is_json(response)
    assert set(response.json()) == {"detail"}


def test_a_server_error_on_an_api_path_is_json(anonymous, monkeypatch):
    from questions import api

    def explode(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(api.ArchiveListApi, "get_queryset", explode)

    response = anonymous.get("/api/v1/archive/")

    assert response.status_code == 500
    assert _is_json(response)
    assert "boom" not in response.content.decode()
