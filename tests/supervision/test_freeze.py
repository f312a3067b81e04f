"""``manage.py freeze_rankings``: freezing a month, refusing to freeze twice or too early."""

import io
from datetime import datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from helpdesk.models import RankingSnapshot
from questions import services
from tests.factories import ANSWER_TEXT

from .conftest import VN

pytestmark = pytest.mark.django_db


def freeze(*args) -> str:
    out = io.StringIO()
    call_command("freeze_rankings", *args, stdout=out)
    return out.getvalue()


def test_freezing_a_month_stores_and_prints_its_ranking(tet_month, today, min_volume_3):
    output = freeze("2026-02")

    snapshot = RankingSnapshot.objects.get(period="2026-02")
    assert (str(snapshot.start), str(snapshot.end), snapshot.min_volume) == (
        "2026-02-01", "2026-02-28", 3,
    )  # fmt: skip
    assert snapshot.weights == {"timely": 0.6, "satisfaction": 0.2, "volume": 0.2}
    assert [(r["unit_code"], r["rank"], r["rank_of"]) for r in snapshot.rows] == [
        ("land", 1, 1),
        ("tax", None, 1),
    ]
    assert snapshot.rows[0]["received"] == 4 and snapshot.rows[0]["late"] == 1
    assert "1/1" in output and "land" in output and "tax" in output


def test_a_frozen_month_is_not_frozen_again(tet_month, today):
    freeze("2026-02")

    with pytest.raises(CommandError, match="--replace"):
        freeze("2026-02")


def test_replace_refreezes_with_todays_figures(
    tet_month, today, officer_land, head_land, min_volume_3
):
    freeze("2026-02")
    # The overdue question is answered after the freeze: the live figures move...
    question = tet_month["overdue"]
    answered = datetime(2026, 3, 20, 9, 0, tzinfo=VN)
    services.answer_save_draft(question=question, body=ANSWER_TEXT, actor=officer_land, at=answered)
    services.question_submit_draft(question=question, actor=officer_land, at=answered)
    services.question_approve(question=question, approver=head_land, at=answered)
    frozen_late = RankingSnapshot.objects.get(period="2026-02").rows[0]["late"]

    freeze("2026-02", "--replace")

    assert frozen_late == 1
    assert RankingSnapshot.objects.get(period="2026-02").rows[0]["late"] == 2
    assert RankingSnapshot.objects.count() == 1


def test_the_ranking_page_keeps_the_frozen_figures_after_a_change(
    client, supervisor, tet_month, today, officer_land, head_land
):
    freeze("2026-02")
    question = tet_month["overdue"]
    answered = datetime(2026, 3, 20, 9, 0, tzinfo=VN)
    services.answer_save_draft(question=question, body=ANSWER_TEXT, actor=officer_land, at=answered)
    services.question_submit_draft(question=question, actor=officer_land, at=answered)
    services.question_approve(question=question, approver=head_land, at=answered)
    client.force_login(supervisor)

    response = client.get(reverse("supervision:ranking"), {"period": "2026-02"})

    rows = {r.unit_code: r for r in response.context["ranking"].rows}
    assert rows["land"].late == 1 and rows["land"].overdue_open == 1
    assert response.context["ranking"].snapshot is not None


def test_a_month_not_yet_over_is_refused_unless_forced(tet_month, today):
    with pytest.raises(CommandError, match="has not ended"):
        freeze("2026-03")

    freeze("2026-03", "--force")
    assert RankingSnapshot.objects.filter(period="2026-03").exists()


def test_the_last_day_of_a_month_is_not_yet_the_end_of_it(db):
    with (
        time_machine.travel(datetime(2026, 2, 28, 23, 0, tzinfo=VN), tick=False),
        pytest.raises(CommandError, match="has not ended"),
    ):
        freeze("2026-02")


@pytest.mark.parametrize("period", ["2026-13", "2026-02-01..2026-02-10"])
def test_a_bad_period_or_a_custom_range_is_refused(db, period):
    with pytest.raises(CommandError):
        freeze(period)


def test_a_quarter_can_be_frozen(tet_month, today):
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=VN), tick=False):
        freeze("2026-Q1")

    rows = {r["unit_code"]: r for r in RankingSnapshot.objects.get(period="2026-Q1").rows}
    assert (rows["land"]["received"], rows["tax"]["received"]) == (4, 1)
