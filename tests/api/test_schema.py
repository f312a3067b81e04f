"""The OpenAPI schema and its interactive page are served, without any CDN."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_is_served_and_documents_the_api(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    for path in (
        "/api/v1/questions/",
        "/api/v1/questions/{tracking_code}/",
        "/api/v1/archive/",
        "/api/v1/archive/{id}/",
        "/api/v1/staff/questions/",
        "/api/v1/staff/questions/{tracking_code}/approve/",
    ):
        assert path in paths
    follow = {p["name"] for p in paths["/api/v1/questions/{tracking_code}/"]["get"]["parameters"]}
    assert {"X-Access-Token", "token"} <= follow
    ask = {p["name"] for p in paths["/api/v1/questions/"]["post"]["parameters"]}
    assert "Idempotency-Key" in ask
    archive = {p["name"] for p in paths["/api/v1/archive/"]["get"]["parameters"]}
    assert {"category", "unit", "year", "q", "page", "page_size"} <= archive


def test_the_interactive_page_renders_from_local_files(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "drf_spectacular_sidecar" in html
    assert "cdn." not in html and "unpkg" not in html
