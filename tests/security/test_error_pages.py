"""Error pages a citizen meets (issue 12, observation 11): styled, translated, with a way on.

And the one that mattered most: a form sent after its page expired (the CSRF check fails)
must not lose the question the citizen typed.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from questions.models import Question
from tests.factories import make_question

pytestmark = pytest.mark.django_db

TITLE = 'Hồ sơ "đất ở" & thừa kế'
BODY = "Gia đình tôi nhận thừa kế một thửa đất. Xin hỏi hồ sơ đăng ký biến động gồm những gì?"


def vi(message: str) -> str:
    with translation.override("vi"):
        return translation.gettext(message)


@pytest.fixture
def strict():
    """A browser that, like a real one, is held to the CSRF check (the test client is not)."""
    return Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="vi")


def _ask_without_token(client: Client):
    return client.post(
        reverse("questions:ask"),
        {
            "title": TITLE,
            "body": BODY,
            "name": "Phạm Thị Hoa",
            "email": "hoa.pham@example.vn",
            "nonce": "a-nonce-from-an-old-page",
        },
    )


def test_an_expired_ask_form_comes_back_with_what_was_typed(strict):
    response = _ask_without_token(strict)

    assert response.status_code == 403
    form = response.context["form"]
    assert form["title"].value() == TITLE
    assert form["body"].value() == BODY
    assert form["name"].value() == "Phạm Thị Hoa"
    assert form["nonce"].value() == "a-nonce-from-an-old-page"


def test_an_expired_ask_form_says_the_page_had_expired(strict):
    html = _ask_without_token(strict).content.decode()

    expected = vi(
        "The page had expired, so your question was not sent yet. Check it below and send "
        "it again; attachments must be chosen again."
    )
    assert expected != (
        "The page had expired, so your question was not sent yet. Check it below and send "
        "it again; attachments must be chosen again."
    )
    assert expected in html


def test_an_expired_ask_form_stores_nothing(strict):
    _ask_without_token(strict)

    assert Question.objects.count() == 0


def test_the_returned_ask_form_sends_with_its_fresh_token(strict):
    response = _ask_without_token(strict)
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()
    ).group(1)

    again = strict.post(
        reverse("questions:ask"),
        {
            "csrfmiddlewaretoken": token,
            "title": TITLE,
            "body": BODY,
            "name": "Phạm Thị Hoa",
            "email": "hoa.pham@example.vn",
            "nonce": "a-nonce-from-an-old-page",
        },
    )

    assert again.status_code == 302
    assert Question.objects.get().title == TITLE


def test_another_expired_form_gets_a_styled_translated_403(strict):
    question = make_question()

    response = strict.post(
        reverse("questions:reply", args=[question.tracking_code]), {"reply-body": "Xin gửi"}
    )

    assert response.status_code == 403
    html = response.content.decode()
    assert vi("The page had expired") in html
    assert "DEBUG" not in html
    assert 'class="site-header"' in html


def test_the_api_answers_a_csrf_failure_in_json(strict, intake):
    strict.force_login(intake)

    response = strict.post("/api/v1/staff/questions/HD-2026-AAAAA/route/", {})

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")


# --- 404 -------------------------------------------------------------------------------------


def test_a_wrong_tracking_token_gives_the_styled_404_in_vietnamese(client):
    question = make_question()

    response = client.get(
        reverse("questions:track", args=[question.tracking_code]),
        {"token": "not-the-token"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert vi("Page not found") in html and vi("Page not found") != "Page not found"
    assert reverse("questions:lookup") in html
    assert question.title not in html


def test_a_tracking_link_without_its_token_gives_the_styled_404(client):
    question = make_question()

    response = client.get(reverse("questions:track", args=[question.tracking_code]))

    assert response.status_code == 404
    assert 'class="site-header"' in response.content.decode()


def test_an_unpublished_archive_entry_gives_the_styled_404(client):
    question = make_question()

    response = client.get(reverse("questions:archive_detail", args=[question.pk]))

    assert response.status_code == 404
    assert reverse("questions:archive") in response.content.decode()


# --- 500 and 400 -------------------------------------------------------------------------------


def test_a_server_error_gives_the_styled_500_without_touching_the_request(settings):
    from django.test import RequestFactory

    from helpdesk.errors import server_error

    request = RequestFactory().get("/")  # no session, no user: as bare as a failed request

    with translation.override("vi"):
        response = server_error(request)

    assert response.status_code == 500
    assert vi("Something went wrong on our side") in response.content.decode()


def test_a_server_error_on_a_page_is_the_styled_500(monkeypatch):
    from questions import views

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.selectors, "archive_latest", explode)
    client = Client(raise_request_exception=False)

    response = client.get("/")

    assert response.status_code == 500
    assert 'class="site-header"' in response.content.decode()
    assert "boom" not in response.content.decode()


def test_a_bad_request_is_the_styled_400():
    client = Client(raise_request_exception=False, HTTP_HOST="evil.example")

    response = client.get("/")

    assert response.status_code == 400
    assert 'class="site-header"' in response.content.decode()


def test_a_form_too_large_gets_the_styled_413_and_stores_nothing():
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="vi")

    response = client.post(reverse("questions:ask"), {"title": "x", "body": "y" * 6_000_000})

    assert response.status_code == 413
    assert vi("What was sent is too large") in response.content.decode()
    assert Question.objects.count() == 0
