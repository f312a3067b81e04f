"""Fixtures for the API tests: a DRF client, a real-HTTP client, and questions in any state.

``http`` talks to pytest-django's ``live_server`` with the standard library only, so the
citizen path is exercised as an integration would: real sockets, real headers, real JSON.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from questions.models import Status
from tests.factories import make_question, walk


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit counters live in the cache, which outlives a test's database.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@dataclass
class HttpResponse:
    status: int
    headers: Any
    raw: bytes

    @property
    def json(self):
        return json.loads(self.raw.decode())

    @property
    def text(self) -> str:
        return self.raw.decode()


class HttpClient:
    """A minimal JSON client over urllib (the project adds no HTTP library for tests)."""

    def __init__(self, base_url: str):
        self.base_url = base_url

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> HttpResponse:
        headers = {"Accept": "application/json", **(headers or {})}
        if json_body is not None:
            data = json.dumps(json_body).encode()
        if data is not None:
            headers.setdefault("Content-Type", "application/json")
        # Only ever our own live server's http:// URL, so S310's file:/custom-scheme worry is moot.
        url = self.base_url + path
        request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return HttpResponse(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return HttpResponse(error.code, error.headers, error.read())

    def get(self, path: str, **kwargs) -> HttpResponse:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> HttpResponse:
        return self.request("POST", path, **kwargs)


@pytest.fixture
def http(live_server):
    return HttpClient(live_server.url)


@pytest.fixture
def ask_payload(land_category, commune):
    """A complete, valid submission: every field the API accepts."""
    return {
        "title": "Thủ tục cấp giấy phép xây dựng nhà ở",
        "question": "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
        "name": "Trần Thị Bình",
        "email": "Binh.Tran@Example.com",
        "phone": "+84 912 345 678",
        "category": land_category.code,
        "commune": commune.code,
        "publish_consent": True,
    }


@pytest.fixture
def published(intake, head_land, officer_land, land):
    """Make a published question (through the real services) with the given asker data."""

    def make(**fields):
        question = make_question(**fields)
        return walk(
            question,
            Status.PUBLISHED,
            intake=intake,
            head=head_land,
            officer=officer_land,
            unit=land,
        )

    return make


@pytest.fixture
def walked(intake, head_land, officer_land, land):
    """Make a land question and walk it to ``status`` along the main path."""

    def make(status: str, **fields):
        question = make_question(**fields)
        if status == Status.RECEIVED:
            return question
        return walk(
            question, status, intake=intake, head=head_land, officer=officer_land, unit=land
        )

    return make
