"""Security headers (issue 12, observation 10): the CSP everywhere, no-store on private pages.

The policy itself is in settings; these check what a browser receives, and that no template
relies on what the policy forbids (inline script, inline handlers, ``javascript:`` links).
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import make_question

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    path
    for app in ("helpdesk", "questions", "search", "routing")
    for path in (ROOT / app).rglob("templates/**/*.html")
)


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    directives = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {name: (value[0] if value else "") for name, *value in directives}


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize("url", ["/", "/archive/", "/ask/", "/track/", "/staff/login/"])
def test_every_page_carries_the_content_security_policy(client, url):
    found = policy(client.get(url))

    assert found["default-src"] == "'self'"
    assert found["script-src"] == "'self'"
    assert found["style-src"] == "'self'"
    assert found["object-src"] == "'none'"
    assert found["base-uri"] == "'none'"
    assert found["form-action"] == "'self'"
    assert found["frame-ancestors"] == "'none'"


def test_the_policy_names_no_other_origin(client):
    header = client.get("/")["Content-Security-Policy"]

    assert re.findall(r"https?://|\*", header) == []


def test_error_pages_carry_the_policy_too(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert policy(response)["script-src"] == "'self'"


def test_pages_say_same_origin_referrer_and_deny_browser_features(client):
    response = client.get("/")

    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_has_inline_script_or_handlers(template):
    html = template.read_text()

    inline_scripts = [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html)
        if "src=" not in tag and 'type="application/json"' not in tag
    ]
    assert inline_scripts == []
    assert re.findall(r"\son[a-z]+\s*=", html) == []
    assert "javascript:" not in html.lower()
    assert re.findall(r"<style\b|\sstyle\s*=", html) == []


# --- Cache-Control ----------------------------------------------------------------------------


def test_the_tracking_page_is_never_stored(client):
    question = make_question()

    response = client.get(
        reverse("questions:track", args=[question.tracking_code]),
        {"token": question.access_token},
        follow=True,
    )

    assert response.status_code == 200
    assert no_store(response)


def test_the_receipt_is_never_stored(client):
    question = make_question()
    client.get(
        reverse("questions:track", args=[question.tracking_code]),
        {"token": question.access_token},
    )

    response = client.get(reverse("questions:receipt", args=[question.tracking_code]))

    assert response.status_code == 200
    assert no_store(response)


@pytest.mark.parametrize(
    "url",
    [
        "/staff/",
        "/staff/intake/",
        "/staff/supervision/",
        "/staff/supervision/export.csv",
        "/staff/supervision/export.xlsx",
    ],
)
def test_staff_pages_and_exports_are_never_stored(client, supervisor, intake, url):
    client.force_login(intake if "intake" in url else supervisor)

    response = client.get(url)

    assert response.status_code == 200
    assert no_store(response)


def test_the_django_admin_is_never_stored(admin_client):
    response = admin_client.get("/admin/", follow=True)

    assert no_store(response)


def test_an_authenticated_api_answer_is_never_stored(client, intake):
    client.force_login(intake)

    response = client.get("/api/v1/staff/questions/")

    assert response.status_code == 200
    assert no_store(response)


def test_a_token_api_answer_is_never_stored(client, intake):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=intake)

    response = client.get("/api/v1/archive/", HTTP_AUTHORIZATION=f"Token {token.key}")

    assert no_store(response)


def test_the_citizen_api_receipt_is_never_stored(client):
    question = make_question()

    response = client.get(
        f"/api/v1/questions/{question.tracking_code}/",
        HTTP_AUTHORIZATION=f"Bearer {question.access_token}",
    )

    assert no_store(response)


@pytest.mark.parametrize("url", ["/", "/archive/", "/api/v1/archive/"])
def test_public_pages_keep_normal_caching(client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert not no_store(response)
