"""The contract every search backend keeps, run against Whoosh and PostgreSQL: the index
follows the archive (publish, unpublish, withdrawal, reopening) and check_index repairs drift.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from helpdesk import clock
from questions import services
from search import services as search

from .conftest import ids

pytestmark = pytest.mark.django_db
BOTH_BACKENDS = True


def test_a_published_question_is_found(publish):
    question = publish("Lệ phí trước bạ xe máy", "Lệ phí trước bạ xe máy là bao nhiêu?")

    assert ids(search.search("le phi truoc ba")) == [question.pk]


def test_an_unpublished_question_leaves_the_index(
    publish, intake, django_capture_on_commit_callbacks
):
    question = publish("Lệ phí trước bạ xe máy")
    with django_capture_on_commit_callbacks(execute=True):
        services.question_unpublish(question=question, reason="Sai", actor=intake, at=clock.now())

    assert ids(search.search("trước bạ")) == []
    assert question.pk not in search.backend().digests()


def test_an_unpublished_question_leaves_the_totals_and_facets_of_a_running_searcher(
    publish, intake, django_capture_on_commit_callbacks
):
    kept = publish("Lệ phí trước bạ ô tô")
    gone = publish("Lệ phí trước bạ xe máy")
    before = search.search("trước bạ")
    before[:10]  # a searcher is open and warm, as in a running server
    assert len(before) == 2

    with django_capture_on_commit_callbacks(execute=True):
        services.question_unpublish(question=gone, reason="Sai", actor=intake, at=clock.now())

    after = search.search("trước bạ")
    assert ids(after) == [kept.pk]
    assert len(after) == 1
    assert sum(after.facets.get("unit", {}).values()) == 1


def test_withdrawing_consent_removes_the_question(publish, django_capture_on_commit_callbacks):
    question = publish("Lệ phí trước bạ xe máy")
    with django_capture_on_commit_callbacks(execute=True):
        services.question_withdraw_consent(question=question, at=clock.now())

    assert ids(search.search("trước bạ")) == []


def test_a_reopened_question_leaves_the_index(publish, django_capture_on_commit_callbacks):
    question = publish("Lệ phí trước bạ xe máy")
    with django_capture_on_commit_callbacks(execute=True):
        services.question_reopen(question=question, reason="Chưa rõ", at=clock.now())

    assert ids(search.search("trước bạ")) == []


def test_check_index_reports_drift_and_fix_repairs_it(publish, index):
    kept = publish("Lệ phí trước bạ ô tô")
    missing = publish("Thuế đất nông nghiệp")
    index.remove([missing.pk])
    out = StringIO()

    with pytest.raises(CommandError, match="drifted"):
        call_command("check_index", stdout=out)
    assert f"1 published but not in the index: {missing.pk}" in out.getvalue()

    call_command("check_index", "--fix", stdout=StringIO())
    out = StringIO()
    call_command("check_index", stdout=out)
    assert "agrees" in out.getvalue()
    assert ids(search.search("thuế đất")) == [missing.pk]
    assert kept.pk in search.backend().digests()


def test_a_new_analysis_version_makes_every_entry_stale_until_fixed(publish, index, monkeypatch):
    """After an upgrade that changes how texts become terms, check_index says so (the entries'
    digests were made by the old analysis) and --fix re-analyses them."""
    from search.backends import base

    first = publish("Lệ phí trước bạ ô tô")
    second = publish("Thuế đất nông nghiệp")
    assert search.check().clean
    monkeypatch.setattr(base, "ANALYSIS_VERSION", base.ANALYSIS_VERSION + 1)

    drift = search.check()
    assert sorted(drift.stale) == sorted([first.pk, second.pk])

    search.fix(drift)
    assert search.check().clean
