"""Search fixtures: a fresh index per test, and published questions whose sync really runs."""

import pytest

from helpdesk import clock
from questions import services
from questions.models import Status
from search import services as search
from tests.factories import make_question, walk


@pytest.fixture(autouse=True)
def index(settings, tmp_path):
    """An empty index in this test's own directory (never the site's, never another test's)."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
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
    return [q.pk for q in hits[:50]]


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
