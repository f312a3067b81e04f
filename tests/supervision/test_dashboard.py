"""The timeliness dashboard, its drill-downs and the ranking page, as staff see them."""

import re
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from helpdesk.models import RankingSnapshot
from tests.language import choose_english

from .conftest import VN

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("supervision:dashboard")
QUESTIONS = reverse("supervision:questions")
RANKING = reverse("supervision:ranking")


def rows_by_code(response):
    return {
        r["figures"].unit.code: r["figures"] for r in response.context["rows"] if r["figures"].unit
    }


# --- Who may see it -----------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("workspace:login"))


@pytest.mark.parametrize("url", [DASHBOARD, QUESTIONS, RANKING])
def test_an_officer_is_refused(client, officer_land, url):
    client.force_login(officer_land)

    assert client.get(url).status_code == 403


@pytest.mark.parametrize("who", ["supervisor", "intake"])
def test_province_wide_roles_see_the_dashboard(client, staff, who, today):
    client.force_login(staff[who])

    assert client.get(DASHBOARD).status_code == 200


# --- Figures --------------------------------------------------------------------------------------


def test_the_figures_match_the_hand_computed_working_day_cases(
    client, supervisor, tet_month, today
):
    client.force_login(supervisor)

    response = client.get(DASHBOARD, {"period": "2026-02"})

    rows = rows_by_code(response)
    land, tax = rows["land"], rows["tax"]
    assert (land.received, land.answered, land.early, land.on_time, land.late) == (4, 3, 1, 1, 1)
    assert (land.open, land.overdue_open, land.median_working_days) == (1, 1, 15)
    assert (tax.received, tax.early, tax.median_working_days, tax.satisfaction) == (1, 1, 9, 4)
    total = response.context["total"]
    assert (total.received, total.answered, total.early, total.median_working_days) == (
        5,
        4,
        2,
        14.5,
    )


def test_the_period_states_its_working_day_basis(client, supervisor, tet_month, today):
    client.force_login(supervisor)

    response = choose_english(client).get(DASHBOARD, {"period": "2026-02"})

    # 20 weekdays in February 2026, less the five days of Tết.
    assert response.context["working_days"] == 15
    assert "Tết, public holidays and official day swaps excluded" in response.content.decode()


def test_a_custom_range_and_a_quarter_cover_the_same_questions(
    client, supervisor, tet_month, today
):
    client.force_login(supervisor)

    ranged = client.get(DASHBOARD, {"from": "2026-02-13", "to": "2026-02-13"})
    quarter = client.get(DASHBOARD, {"period": "2026-Q1"})

    assert response_total(ranged) == response_total(quarter) == 5
    assert (
        client.get(DASHBOARD, {"from": "2026-02-14", "to": "2026-03-01"}).context["total"].received
        == 0
    )


def response_total(response):
    return response.context["total"].received


def test_the_default_period_is_the_current_month(client, supervisor, tet_month, today):
    client.force_login(supervisor)

    response = client.get(DASHBOARD)

    assert response.context["period"].key == "2026-03"
    assert response.context["to_date"] is True
    assert response.context["rows"] == []


def test_a_bad_period_is_explained_and_the_current_month_shown(client, supervisor, today):
    client.force_login(supervisor)

    response = client.get(DASHBOARD, {"from": "2026-03-10", "to": "2026-03-01"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["period"].key == "2026-03"


def test_a_head_sees_only_their_own_unit(client, head_tax, tet_month, today):
    client.force_login(head_tax)

    response = client.get(DASHBOARD, {"period": "2026-02"})

    assert set(rows_by_code(response)) == {"tax"}
    assert "Sở Nông nghiệp" not in response.content.decode()


def test_the_page_draws_both_charts_with_a_text_alternative(client, supervisor, tet_month, today):
    client.force_login(supervisor)

    html = client.get(DASHBOARD, {"period": "2026-02"}).content.decode()

    assert html.count('<svg class="chart') == 2
    assert html.count("<desc id=") == 2
    assert 'id="dashboard-live"' in html and 'data-live-socket="/ws/staff/"' in html
    # Twelve months, February 2026 last: 3 early or on time of 5 answered or overdue.
    trend = client.get(DASHBOARD, {"period": "2026-02"}).context["trend"]
    assert len(trend) == 12 and trend[-1].label == "02/2026"
    assert (trend[-1].timely, trend[-1].decided) == (3, 5)


def test_every_number_links_to_its_drill_down(client, supervisor, tet_month, land, today):
    client.force_login(supervisor)

    html = client.get(DASHBOARD, {"period": "2026-02"}).content.decode()

    assert f"measure=late&amp;unit={land.pk}" in html
    assert "measure=overdue_open&amp;unit=" in html


# --- Drill-down -----------------------------------------------------------------------------------


def codes(response):
    return {q.tracking_code for q in response.context["page"]}


def test_the_drill_down_lists_the_questions_behind_a_number(
    client, supervisor, tet_month, land, today
):
    client.force_login(supervisor)

    late = choose_english(client).get(
        QUESTIONS, {"period": "2026-02", "measure": "late", "unit": land.pk}
    )
    early_all = client.get(QUESTIONS, {"period": "2026-02", "measure": "early"})

    assert codes(late) == {tet_month["late"].tracking_code}
    assert codes(early_all) == {
        tet_month["early"].tracking_code,
        tet_month["tax_early"].tracking_code,
    }
    html = late.content.decode()
    assert reverse("workspace:question", args=[tet_month["late"].tracking_code]) in html
    assert '<span class="timeliness late">answered late</span>' in html


def test_a_head_drilling_into_another_unit_sees_their_own(client, head_tax, tet_month, land, today):
    client.force_login(head_tax)

    response = client.get(QUESTIONS, {"period": "2026-02", "measure": "received", "unit": land.pk})

    assert codes(response) == {tet_month["tax_early"].tracking_code}


def test_an_unknown_figure_is_not_found(client, supervisor, today):
    client.force_login(supervisor)

    assert client.get(QUESTIONS, {"period": "2026-02", "measure": "asker_email"}).status_code == 404


# --- Ranking page ---------------------------------------------------------------------------------


def test_the_ranking_says_rank_k_of_n_and_lists_small_units_unranked(
    client, supervisor, tet_month, today, min_volume_3
):
    client.force_login(supervisor)

    response = choose_english(client).get(RANKING, {"period": "2026-02"})

    rows = {r.unit_code: r for r in response.context["ranking"].rows}
    assert (rows["land"].rank, rows["land"].rank_of) == (1, 1)
    assert rows["tax"].rank is None
    html = response.content.decode()
    assert "1 of 1" in html
    assert "not ranked" in html
    assert "Wilson" in html and "60 %" in html  # the formula and its weights are shown
    assert re.search(r"Live figures", html)


def test_the_ranking_shows_the_frozen_snapshot_when_there_is_one(
    client, supervisor, tet_month, today
):
    RankingSnapshot.objects.create(
        period="2026-02",
        start="2026-02-01",
        end="2026-02-28",
        weights={"timely": 1.0, "satisfaction": 0.0, "volume": 0.0},
        min_volume=1,
        rows=[
            {
                "unit_id": 999, "unit_code": "old", "name": "Đơn vị đã đóng băng",
                "name_en": "Frozen unit", "received": 7, "answered": 7, "early": 7,
                "on_time": 0, "late": 0, "open": 0, "overdue_open": 0, "transferred": 0,
                "published": 0, "rated": 0, "rating_sum": 0, "median_working_days": 3,
                "timely": 7, "decided": 7, "timely_rate": 1.0, "satisfaction": None,
                "score": 0.645, "wilson_low": 0.645, "wilson_high": 1.0, "rank": 1, "rank_of": 1,
            }
        ],
    )  # fmt: skip
    client.force_login(supervisor)

    response = choose_english(client).get(RANKING, {"period": "2026-02"})

    assert [r.unit_code for r in response.context["ranking"].rows] == ["old"]
    html = response.content.decode()
    assert "Frozen ranking" in html and "Frozen unit" in html
    assert "100 %" in html  # the snapshot's own weight, not today's setting


def test_a_bad_ranking_period_is_explained(client, supervisor, today):
    client.force_login(supervisor)

    response = client.get(RANKING, {"period": "2026-13"})

    assert response.status_code == 200
    assert response.context["error"]


# --- Opening period, rates -----------------------------------------------------------------------


def test_a_month_under_five_working_days_old_opens_on_the_last_complete_month(
    client, supervisor, tet_month
):
    client.force_login(supervisor)

    # March 2026 starts on a Sunday: Thursday 5 March is its 4th working day, Friday 6 its 5th.
    with time_machine.travel(datetime(2026, 3, 5, 9, 0, tzinfo=VN), tick=False):
        young = client.get(DASHBOARD)
    with time_machine.travel(datetime(2026, 3, 6, 9, 0, tzinfo=VN), tick=False):
        old_enough = client.get(DASHBOARD)

    assert young.context["period"].key == "2026-02"
    assert old_enough.context["period"].key == "2026-03"


def test_the_young_month_notice_says_why_the_last_month_is_shown(client, supervisor):
    client.force_login(supervisor)

    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=VN), tick=False):
        html = choose_english(client).get(DASHBOARD).content.decode()

    assert "only 2 working days so far" in html


def test_a_month_chosen_in_the_list_is_shown_however_young(client, supervisor):
    client.force_login(supervisor)

    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=VN), tick=False):
        response = client.get(DASHBOARD, {"period": "2026-03"})

    assert response.context["period"].key == "2026-03"
    assert response.context["young_month_days"] is None


def test_each_unit_shows_its_timely_rate_with_one_decimal(client, supervisor, tet_month, today):
    client.force_login(supervisor)

    html = client.get(DASHBOARD, {"period": "2026-02"}).content.decode()

    # land: 2 of 4 decided early or on time; tax: 1 of 1; province: 3 of 5.
    land_row = re.search(r"Sở Nông nghiệp và Môi trường</th>(.*?)</tr>", html, re.S)[1]
    assert "50,0 %" in land_row
    total_row = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S)[1]
    assert "60,0 %" in total_row
