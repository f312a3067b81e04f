"""Fixtures of the intake tests: a fixed 'now', logged-in clients, a scanned letter."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# A Wednesday; the Monday before it is a working day.
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=HCM)
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def login():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        client.cookies["django_language"] = "en"  # messages checked in English
        return client

    return make


@pytest.fixture
def scanned_letter():
    return SimpleUploadedFile("thu-cong-dan.pdf", PDF, content_type="application/pdf")
