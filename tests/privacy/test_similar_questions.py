"""Observation 5: the draft typed into the ask form never travels in a URL.

Servers and proxies log URLs; a draft holds the asker's CCCD, phone and e-mail as often as not.
The live suggestions post the draft as a JSON body; the no-JavaScript button posts the form.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

SIMILAR = "/api/v1/archive/similar/"
DRAFT = "Tôi tên Lê Văn Hỏi, CCCD 001203004567, điện thoại 0912345678, hỏi về lệ phí trước bạ"
SCRIPT = Path(__file__).resolve().parents[2] / "search" / "static" / "search" / "similar.js"


def test_the_similar_endpoint_refuses_a_draft_in_the_query_string():
    response = APIClient().get(SIMILAR, {"text": DRAFT})

    assert response.status_code == 405


def test_the_similar_endpoint_takes_the_draft_as_a_json_body():
    response = APIClient().post(SIMILAR, {"text": ""}, format="json")

    assert response.status_code == 200
    assert response.json() == {"results": []}


def test_the_similar_endpoint_refuses_what_a_cross_site_form_can_send():
    # A plain cross-site form (or a no-cors fetch) can only send form or text bodies.
    response = APIClient().post(SIMILAR, f"text={DRAFT}", content_type="text/plain")

    assert response.status_code == 415


def test_the_live_suggestions_script_posts_the_draft_and_puts_nothing_in_the_url():
    script = SCRIPT.read_text()

    assert 'method: "POST"' in script
    assert "JSON.stringify({ text:" in script
    assert "?text=" not in script
    assert "encodeURIComponent" not in script
