"""Search fixtures: a fresh index per test, and published questions whose sync really runs.

A test module that sets ``BOTH_BACKENDS = True`` runs each test against the Whoosh backend
and the PostgreSQL one (the contract every backend keeps); the PostgreSQL runs skip unless
the tests' database is PostgreSQL (``DATABASE_URL=postgres://…``, as in CI).
"""

import pytest
from django.db import connection

from helpdesk import clock
from questions import services
from questions.models import Status
from search import services as search
from tests.factories import make_question, walk


def pytest_generate_tests(metafunc):
    if getattr(metafunc.module, "BOTH_BACKENDS", False):
        metafunc.parametrize("search_backend", ["whoosh", "postgres"], indirect=True)


@pytest.fixture
def search_backend(request) -> str:
    """The backend under test: Whoosh unless the module asks for both."""
    return getattr(request, "param", "whoosh")


@pytest.fixture(autouse=True)
def index(request, settings, tmp_path, search_backend):
    """An empty index of its own: a directory of this test's (never the site's, never another
    test's), or the test database's tables (rolled back with the test)."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    settings.HELPDESK_SEARCH_BACKEND = search_backend
    if search_backend == "postgres":
        request.getfixturevalue("db")
        if connection.vendor != "postgresql":
            pytest.skip("postgres search backend: set DATABASE_URL=postgres://… to run it")
    search.backend().build([])
    yield search.backend()
    search.backend().close()


@pytest.fixture
def publish(
    intake,
    head_land,
    officer_land,
    land,
    head_tax,
    officer_tax,
    tax,
    django_capture_on_commit_callbacks,
):
    """Publish a question with these public texts through the real services; the index is
    updated by the after-commit effect, as on the site. ``fields`` are the asker's own
    (private) data for make_question."""

    def make(
        public_title: str,
        public_body: str = "",
        answer: str = "Xem hướng dẫn.",
        *,
        unit=None,
        **fields,
    ):
        question = make_question(**fields)
        unit = unit or land
        head, officer = (head_tax, officer_tax) if unit == tax else (head_land, officer_land)
        with django_capture_on_commit_callbacks(execute=True):
            question = walk(
                question, Status.ANSWERED, intake=intake, head=head, officer=officer, unit=unit
            )
            question = services.question_publish(
                question=question,
                public_title=public_title,
                public_body=public_body or public_title,
                public_answer=answer,
                actor=intake,
                at=clock.now(),
            )
        return question

    return make


def ids(hits) -> list[int]:
    """The first results' ids: search answers ids, the archive (questions/archive.py) rows."""
    return [getattr(hit, "pk", hit) for hit in hits[:50]]


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def walked(intake, head_land, officer_land, land):
    def make(status: str, **fields):
        return walk(
            make_question(**fields),
            status,
            intake=intake,
            head=head_land,
            officer=officer_land,
            unit=land,
        )

    return make
