"""Vietnamese by default whatever the browser says; English only when chosen, and remembered."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOME = reverse("questions:home")


def test_a_browser_set_up_in_english_still_gets_the_vietnamese_page():
    response = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get(HOME)

    assert response.headers["Content-Language"] == "vi"
    assert '<html lang="vi">' in response.content.decode()


def test_the_language_switch_gives_english_and_remembers_it():
    visitor = Client()

    switched = visitor.post(reverse("set_language"), {"language": "en", "next": HOME})
    later = visitor.get(HOME)

    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert later.headers["Content-Language"] == "en"


def test_switching_back_to_vietnamese_is_remembered_over_an_english_browser():
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
    visitor.post(reverse("set_language"), {"language": "en", "next": HOME})

    visitor.post(reverse("set_language"), {"language": "vi", "next": HOME})

    assert visitor.get(HOME).headers["Content-Language"] == "vi"


def test_a_cookie_for_a_language_the_site_does_not_speak_is_vietnamese():
    visitor = Client()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    assert visitor.get(HOME).headers["Content-Language"] == "vi"


def test_pages_vary_on_the_cookie_that_holds_the_choice():
    response = Client().get(HOME)

    assert "Cookie" in response.headers["Vary"]
    assert "Accept-Language" not in response.headers["Vary"]


def test_the_api_still_reads_accept_language_for_integrators():
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/archive/")

    assert response.headers["Content-Language"] == "en"
    assert "Accept-Language" in response.headers["Vary"]


def test_the_chosen_language_wins_over_accept_language_in_the_api():
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"

    assert visitor.get("/api/v1/archive/").headers["Content-Language"] == "vi"


def test_the_api_schema_summaries_are_english_when_english_is_chosen():
    visitor = Client(HTTP_ACCEPT_LANGUAGE="vi")
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    schema = visitor.get("/api/schema/", {"format": "json"}).json()

    summaries = {op.get("summary") for path in schema["paths"].values() for op in path.values()}
    assert "Ask a question" in summaries


def test_the_api_docs_follow_the_switch_not_the_browser():
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")

    schema = browser.get("/api/schema/", {"format": "json"}).json()
    page = browser.get("/api/docs/").content.decode()

    summaries = {op.get("summary") for path in schema["paths"].values() for op in path.values()}
    assert "Gửi câu hỏi" in summaries
    assert '<html lang="vi">' in page
    assert 'action="/i18n/setlang/"' in page
