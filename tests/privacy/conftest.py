"""Fixtures for the privacy tests: two citizens' browsers and a valid ask form."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.language import english_client

ASK_FORM = {
    "title": "Hồ sơ cấp giấy phép xây dựng",
    "body": "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
    "name": "Lê Văn Hỏi",
    "email": "le.van.hoi@example.com",
    "phone": "0912 345 678",
}


def citizen() -> Client:
    """A citizen's browser (its own cookies), in English so assertions read the source texts."""
    return english_client()


def rendered_ask_form(browser: Client, **overrides) -> dict:
    """The ask form as ``browser`` would post it: a fresh rendering's nonce, then the fields."""
    response = browser.get(reverse("questions:ask"))
    return {**ASK_FORM, "nonce": response.context["form"].initial["nonce"], **overrides}


@pytest.fixture
def citizen_a() -> Client:
    return citizen()


@pytest.fixture
def citizen_b() -> Client:
    return citizen()
