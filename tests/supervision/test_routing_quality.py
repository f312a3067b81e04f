"""The dashboard's routing figures (docs/design.md, Routing): who routed the period's new
questions, and how many answers came from the unit a question was first routed to."""

import pytest
from django.urls import reverse

from tests.language import choose_english

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("supervision:dashboard")


def test_the_dashboard_shows_the_share_answered_by_the_first_unit_routed_to(
    client, supervisor, tet_month, today
):
    client.force_login(supervisor)

    response = choose_english(client).get(DASHBOARD, {"period": "2026-03"})

    quality = response.context["routing"]
    assert (quality.answered, quality.by_first_unit) == (4, 4)
    html = response.content.decode()
    assert "answered by the first unit routed to" in html
    assert "100 %" in html


def test_the_dashboard_shows_how_many_new_questions_were_routed_automatically(
    client, supervisor, tet_month, today
):
    client.force_login(supervisor)

    response = choose_english(client).get(DASHBOARD, {"period": "2026-02"})

    quality = response.context["routing"]
    assert (quality.routed, quality.automatic) == (5, 0)  # the intake desk routed all five
    assert "routed automatically (by a rule or the model)" in response.content.decode()


def test_a_head_of_unit_does_not_get_the_province_wide_routing_figures(
    client, head_land, tet_month, today
):
    client.force_login(head_land)

    response = choose_english(client).get(DASHBOARD, {"period": "2026-03"})

    assert response.status_code == 200
    assert response.context["routing"] is None
    assert "answered by the first unit routed to" not in response.content.decode()
