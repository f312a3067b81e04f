"""Choosing the search backend: the setting is checked at start-up; pure helpers of the
PostgreSQL backend that need no database."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from search.backends.postgres import edit_distance

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("chunh", "chung", 1), ("thue", "thue", 0), ("truoc", "truco", 2), ("abc", "xyzuv", 3)],
)
def test_edit_distance_counts_edits_up_to_its_limit(a, b, distance):
    assert edit_distance(a, b, limit=2) == distance


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"HELPDESK_SEARCH_BACKEND": "solr"}, "must be whoosh or postgres"),
        ({"HELPDESK_SEARCH_BACKEND": "postgres", "DATABASE_URL": ""}, "needs DATABASE_URL"),
    ],
)
def test_start_up_refuses_a_search_backend_it_cannot_use(variables, message):
    environment = {**os.environ, **variables}
    result = subprocess.run(
        [sys.executable, "-c", "import helpdesk.settings"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert message in result.stderr
