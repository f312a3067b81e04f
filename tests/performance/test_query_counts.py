"""SQL statements per citizen submission: an exact count, so a change that adds one fails here.

Speed is measured by tests/benchmarks/bench_submissions.py (docs/decisions/0019); these tests
only pin the number of statements a submission costs, which is what a forgotten
``select_related``, a second lookup of the same row or a per-request check quietly adds.

The request runs as in production: its transaction really commits (``transactional_db``), so
the work done after the commit in the request (the live broadcast) is counted, and the tasks
are only written to the queue, not run in this process (the worker runs them; its statements
are not the request's). Transaction control (``BEGIN``/``COMMIT``) is left out of the counts:
whether the driver sends it as a statement differs between SQLite and PostgreSQL. Savepoints
are counted.
"""

from __future__ import annotations

import json
import re
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from questions.models import Question
from routing.models import Unit
from tests.factories import make_category, make_unit

API_CREATE = "/api/v1/questions/"
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
TRANSACTION_CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK)\b", re.IGNORECASE)

# What one submission writes or reads, statement by statement (the comments are the list).
# The receipt's mail and routing are one task row (decision 0016, "Worker cost").
API_CREATE_STATEMENTS = 9
FORM_GET_STATEMENTS = 2
FORM_POST_STATEMENTS = 11


@pytest.fixture(autouse=True)
def _tasks_queued_not_run(settings):
    # Production's backend: the request writes the task rows; a worker runs them later.
    settings.TASKS = {"default": {"BACKEND": "helpdesk.task_backend.DatabaseBackend"}}
    # Rate limits counted in the database, as embedded (with Redis, CI's PostgreSQL run, they
    # are an INCR there and the request has one SQL statement fewer).
    settings.REDIS_URL = ""


@pytest.fixture
def choices(transactional_db):
    """The ask form's choices: a field of questions and a commune."""
    make_category("xay-dung")
    make_unit("xa-an-binh", kind=Unit.Kind.COMMUNE)


def statements(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if not TRANSACTION_CONTROL.match(q["sql"])]


def api_create(client: Client, n: int):
    return client.post(
        API_CREATE,
        data=json.dumps(
            {
                "title": f"Thủ tục cấp giấy phép xây dựng nhà ở số {n}",
                "question": "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm gì?",
                "name": "Nguyễn Văn An",
                "email": f"citizen{n}@example.vn",
            }
        ),
        content_type="application/json",
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )


def form_post(client: Client, page: bytes, n: int):
    return client.post(
        reverse("questions:ask"),
        {
            **dict(HIDDEN.findall(page.decode())),
            "title": f"Thủ tục cấp giấy phép xây dựng nhà ở số {n}",
            "body": "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
            "name": "Nguyễn Văn An",
            "email": f"citizen{n}@example.vn",
        },
    )


def test_an_api_create_costs_a_fixed_number_of_statements(choices):
    client = Client()
    assert api_create(client, 1).status_code == 201  # first request of the process: warm
    with CaptureQueriesContext(connection) as captured:
        response = api_create(client, 2)
    assert response.status_code == 201
    assert Question.objects.count() == 2
    assert len(statements(captured)) == API_CREATE_STATEMENTS, "\n".join(statements(captured))


def test_rendering_the_ask_form_costs_a_fixed_number_of_statements(choices):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("questions:ask"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("questions:ask"))
    assert response.status_code == 200
    assert len(statements(captured)) == FORM_GET_STATEMENTS, "\n".join(statements(captured))


def test_a_form_submission_costs_a_fixed_number_of_statements(choices):
    warm = Client(enforce_csrf_checks=True)
    assert form_post(warm, warm.get(reverse("questions:ask")).content, 1).status_code == 302
    client = Client(enforce_csrf_checks=True)  # a new visitor: no session yet
    page = client.get(reverse("questions:ask")).content
    with CaptureQueriesContext(connection) as captured:
        response = form_post(client, page, 2)
    assert response.status_code == 302
    assert Question.objects.count() == 2
    assert len(statements(captured)) == FORM_POST_STATEMENTS, "\n".join(statements(captured))
