"""The reports API: timeliness per unit (staff) and the ranking (public)."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from helpdesk.models import RankingSnapshot

pytestmark = pytest.mark.django_db

TIMELINESS = "/api/v1/reports/timeliness/"
RANKING = "/api/v1/reports/ranking/"
ROW_KEYS = {
    "unit", "unit_name", "unit_name_en", "received", "answered", "early", "on_time", "late",
    "open", "overdue_open", "transferred", "published", "median_working_days", "timely_rate",
    "satisfaction", "score", "rank", "rank_of", "wilson_low", "wilson_high",
}  # fmt: skip


@pytest.fixture
def api():
    return APIClient()


def test_the_timeliness_report_has_one_row_per_unit_with_the_documented_fields(
    api, supervisor, tet_month, today, min_volume_3
):
    api.force_authenticate(supervisor)

    response = api.get(TIMELINESS, {"from": "2026-02-01", "to": "2026-02-28"})

    assert response.status_code == 200
    body = response.json()
    assert (body["from"], body["to"], body["period"]) == (
        "2026-02-01",
        "2026-02-28",
        "2026-02-01..2026-02-28",
    )
    assert body["working_days"] == 15
    assert body["min_volume"] == 3 and body["weights"]["timely"] == 0.6
    rows = {r["unit"]: r for r in body["units"]}
    assert set(rows["land"]) == ROW_KEYS
    land = rows["land"]
    assert (land["received"], land["answered"], land["early"], land["on_time"], land["late"]) == (
        4, 3, 1, 1, 1,
    )  # fmt: skip
    assert (land["overdue_open"], land["median_working_days"], land["timely_rate"]) == (1, 15, 0.5)
    assert (land["rank"], land["rank_of"]) == (1, 1)
    assert 0 < land["wilson_low"] < 0.5 < land["wilson_high"] < 1
    assert rows["tax"]["rank"] is None  # one decided question: below the minimum volume
    assert body["totals"]["received"] == 5 and body["not_routed"] is None


def test_the_timeliness_report_accepts_a_token(api, supervisor, tet_month, today):
    token = Token.objects.create(user=supervisor)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert api.get(TIMELINESS, {"from": "2026-02-01", "to": "2026-02-28"}).status_code == 200


def test_the_timeliness_report_needs_credentials(api, today):
    response = api.get(TIMELINESS)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


@pytest.mark.parametrize("who", ["officer_land", "head_land"])
def test_unit_staff_may_not_read_the_province_report(api, staff, who, today):
    api.force_authenticate(staff[who])

    assert api.get(TIMELINESS).status_code == 403


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-02-30", "to": "2026-03-01"}, "from"),
        ({"from": "2026-02-01", "to": "yesterday"}, "to"),
        ({"from": "2026-03-01", "to": "2026-02-01"}, "to"),
        ({"from": "2020-01-01", "to": "2026-01-01"}, "to"),
    ],
)
def test_bad_dates_are_a_400_naming_the_parameter(api, supervisor, today, params, field):
    api.force_authenticate(supervisor)

    response = api.get(TIMELINESS, params)

    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_errors_are_translated(api, supervisor, today):
    api.force_authenticate(supervisor)

    english = api.get(
        TIMELINESS, {"from": "2026-03-01", "to": "2026-02-01"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert english.json() == {"to": ["The end of the period is before its start."]}


def test_the_ranking_is_public(api, tet_month, today, min_volume_3):
    response = api.get(RANKING, {"period": "2026-02"})

    assert response.status_code == 200
    body = response.json()
    assert body["period"] == "2026-02" and body["frozen_at"] is None
    assert [(r["unit"], r["rank"]) for r in body["units"]] == [("land", 1), ("tax", None)]
    assert set(body["units"][0]) == ROW_KEYS


def test_the_ranking_defaults_to_last_month(api, today):
    assert api.get(RANKING).json()["period"] == "2026-02"


def test_the_ranking_of_a_frozen_period_is_the_snapshot(api, tet_month, today):
    from django.core.management import call_command

    call_command("freeze_rankings", "2026-02", stdout=open("/dev/null", "w"))  # noqa: SIM115
    snapshot = RankingSnapshot.objects.get(period="2026-02")

    body = api.get(RANKING, {"period": "2026-02"}).json()

    assert body["frozen_at"] is not None
    assert [r["unit"] for r in body["units"]] == [r["unit_code"] for r in snapshot.rows]


@pytest.mark.parametrize("period", ["2026-13", "last month", "2027-01"])
def test_an_unknown_or_future_period_is_a_400(api, today, period):
    response = api.get(RANKING, {"period": period})

    assert response.status_code == 400
    assert list(response.json()) == ["period"]


def test_the_reports_are_in_the_api_schema(client):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()[
        "paths"
    ]

    assert {"/api/v1/reports/timeliness/", "/api/v1/reports/ranking/"} <= set(paths)
