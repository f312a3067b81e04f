"""The archive filter's choices (categories, units, years with published questions): derived
once, kept in the cache, and current again right after every change to the archive.

Each test loads the page first, so that the choices are cached before the change it makes;
the changes commit their callbacks as a real request would (the cache is told after commit).
"""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helpdesk import clock
from questions import archive, services
from questions.models import Question
from tests.factories import make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

ARCHIVE = reverse("questions:archive")

# The page without a query, choices cached: the count of questions, the page's rows, the
# categories and the units of the filter (by their cached ids). Nothing per published row.
ARCHIVE_PAGE_STATEMENTS = 4


def choices(browser, **params) -> dict:
    form = browser.get(ARCHIVE, params).context["form"]
    return {
        "categories": {c.pk for c in form.fields["category"].queryset},
        "units": {u.pk for u in form.fields["unit"].queryset},
        "years": [value for value, _label in form.fields["year"].choices if value != ""],
    }


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the given change and its after-commit callbacks, as a request would."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def test_a_category_and_unit_appear_in_the_choices_once_their_first_question_is_published(
    browser, publish, committed, land, tax, head_tax, officer_tax
):
    publish()
    before = choices(browser)
    category = make_category("thue", unit=tax)
    committed(publish, category=category, unit=tax, head=head_tax, officer=officer_tax)
    after = choices(browser)
    assert category.pk not in before["categories"] and tax.pk not in before["units"]
    assert category.pk in after["categories"]
    assert after["units"] == {land.pk, tax.pk}


def test_an_unpublished_question_takes_its_category_unit_and_year_out_of_the_choices(
    browser, publish, committed, intake, land, time_machine
):
    time_machine.move_to(datetime.fromisoformat("2025-06-02T09:00:00+07:00"), tick=False)
    category = make_category("dat", unit=land)
    question = publish(category=category)
    assert choices(browser) == {"categories": {category.pk}, "units": {land.pk}, "years": [2025]}
    committed(
        services.question_unpublish,
        question=question,
        reason="Nội dung cần được rà soát lại.",
        actor=intake,
        at=clock.now(),
    )
    assert choices(browser) == {"categories": set(), "units": set(), "years": []}


def test_the_first_publication_of_a_new_year_adds_that_year_to_the_choices(
    browser, publish, committed, time_machine
):
    time_machine.move_to(datetime.fromisoformat("2025-12-31T23:59:30+07:00"), tick=False)
    publish()
    assert choices(browser)["years"] == [2025]
    time_machine.move_to(datetime.fromisoformat("2026-01-01T00:00:10+07:00"), tick=False)
    committed(publish)
    assert choices(browser)["years"] == [2026, 2025]


def test_the_year_of_publication_is_the_year_in_the_sites_time_zone(browser, publish, time_machine):
    # 31 December 2025, 20:00 UTC is already New Year's Day 2026 in Hà Nội.
    time_machine.move_to(datetime.fromisoformat("2025-12-31T20:00:00+00:00"), tick=False)
    publish()
    assert choices(browser)["years"] == [2026]


def test_the_years_skip_a_year_without_publications(browser, publish, time_machine):
    for moment in ("2023-05-01", "2023-09-01", "2025-02-01", "2026-07-01"):
        time_machine.move_to(datetime.fromisoformat(f"{moment}T09:00:00+07:00"), tick=False)
        publish()
    assert choices(browser)["years"] == [2026, 2025, 2023]


def test_the_choices_derived_from_the_rows_match_the_distinct_published_values(
    publish, tax, head_tax, officer_tax, land
):
    first = publish(category=make_category("dat", unit=land))
    publish(unit=tax, head=head_tax, officer=officer_tax)
    derived = archive.derive_filter_choices()
    assert derived.category_ids == (first.category_id,)
    assert set(derived.unit_ids) == set(
        Question.objects.published().values_list("unit_id", flat=True)
    )


def test_the_archive_page_reads_no_filter_choice_from_the_rows_once_they_are_cached(
    browser, publish, land
):
    category = make_category("dat", unit=land)
    for _ in range(3):
        publish(category=category)
    browser.get(ARCHIVE)  # derives and caches the choices
    with CaptureQueriesContext(connection) as queries:
        response = browser.get(ARCHIVE)
    assert response.status_code == 200
    assert len(queries) == ARCHIVE_PAGE_STATEMENTS, "\n".join(q["sql"] for q in queries)


def test_choices_cached_per_process_expire_within_a_minute_for_changes_made_elsewhere(
    browser, publish, time_machine, tax, head_tax, officer_tax, settings
):
    # Without REDIS_URL each process has its own cache: another process's publication cannot
    # tell this one, so its cached choices live a minute only. (CI's PostgreSQL step runs the
    # tests with Redis, which every process shares: this test chooses the per-process cache.)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    time_machine.move_to(datetime.fromisoformat("2026-03-02T09:00:00+07:00"), tick=False)
    publish()
    assert tax.pk not in choices(browser)["units"]
    publish(unit=tax, head=head_tax, officer=officer_tax)  # after-commit callbacks never run
    assert tax.pk not in choices(browser)["units"]
    time_machine.move_to(datetime.fromisoformat("2026-03-02T09:01:01+07:00"), tick=False)
    assert tax.pk in choices(browser)["units"]


def test_the_archive_page_still_answers_when_the_cache_is_down(browser, publish, monkeypatch):
    question = publish()

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    # On the backend's class: the cache proxy resolves to a per-thread connection object, so
    # an attribute set through it is not reliably the one read (or deleted) later.
    monkeypatch.setattr(type(caches["default"]), "get_or_set", down)
    response = browser.get(ARCHIVE)
    assert response.status_code == 200
    assert question.unit_id in {u.pk for u in response.context["form"].fields["unit"].queryset}
