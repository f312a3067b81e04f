"""Fixtures for the citizen pages and the public archive.

Not autouse: the modules that need them say so, so other tests in this folder are unaffected.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from questions.models import Status
from tests.factories import make_question, walk
from tests.language import english_client

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def fresh_cache():
    """Rate-limit counters live in the cache: start each test with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def browser(fresh_cache) -> Client:
    """A citizen's browser, in English so that assertions read the source strings."""
    return english_client()


def pdf(name: str = "giay-to.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def ask_form(browser):
    """A valid submission of the ask form, with the nonce of a freshly rendered form."""

    def build(**overrides) -> dict:
        response = browser.get(reverse("questions:ask"))
        data = {
            "title": "Hồ sơ cấp giấy phép xây dựng",
            "body": "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
            "name": "Lê Văn Hỏi",
            "email": "le.van.hoi@example.com",
            "phone": "0912 345 678",
            "nonce": response.context["form"].initial["nonce"],
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return build


@pytest.fixture
def publish(intake, head_land, officer_land, land):
    """Walk a new question (with the given private data) all the way to the archive."""

    def build(*, unit=None, head=None, officer=None, **fields):
        question = make_question(**fields)
        return walk(
            question,
            Status.PUBLISHED,
            intake=intake,
            head=head or head_land,
            officer=officer or officer_land,
            unit=unit or land,
        )

    return build
