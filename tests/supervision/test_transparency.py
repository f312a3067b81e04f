"""The public transparency page: unit-level figures for anyone, never personal data."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.language import choose_english

from .conftest import PERSONAL

pytestmark = pytest.mark.django_db

URL = reverse("transparency:home")


@pytest.fixture
def frozen_february(tet_month, today, min_volume_3):
    call_command("freeze_rankings", "2026-02", stdout=io.StringIO())


def test_the_page_is_public_and_shows_the_latest_frozen_ranking(client, frozen_february):
    response = choose_english(client).get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ranking for Month 2/2026" in html
    assert "Department of Agriculture and Environment" in html
    assert "1 of 1" in html and "not ranked" in html
    assert "Wilson" in html


def test_the_page_is_bilingual(client, frozen_february):
    vietnamese = client.get(URL).content.decode()

    assert 'lang="vi"' in vietnamese
    assert "Sở Nông nghiệp và Môi trường" in vietnamese


def test_no_personal_data_reaches_the_page(client, frozen_february, tet_month):
    vietnamese, english = client.get(URL), choose_english(client).get(URL)

    # The pages that are searched are the ranking itself, not an error page without figures.
    assert vietnamese.status_code == english.status_code == 200
    assert "Sở Nông nghiệp và Môi trường" in vietnamese.content.decode()
    assert "Department of Agriculture and Environment" in english.content.decode()
    html = vietnamese.content.decode() + english.content.decode()
    for name, email, phone in PERSONAL:
        assert name not in html
        assert email not in html
        assert phone not in html
    for question in tet_month.values():
        assert question.tracking_code not in html
        assert question.title not in html


def test_this_months_live_figures_are_shown(client, land_category, land, intake, today):
    from questions import services
    from tests.factories import make_question

    question = make_question(category=land_category, name="Vũ Thị Bíẩn", phone="0911222333")
    services.question_route(question=question, unit=land, actor=intake, at=question.received_at)

    response = choose_english(client).get(URL)

    live = {r.unit_code: r for r in response.context["live"].rows}
    assert live["land"].received == 1
    assert response.context["frozen"] is None
    html = response.content.decode()
    assert "No month has been frozen yet" in html
    assert "Vũ Thị Bíẩn" not in html and "0911222333" not in html


def test_an_earlier_frozen_period_can_be_chosen(client, frozen_february, today):
    call_command("freeze_rankings", "2026-01", stdout=io.StringIO())

    latest = client.get(URL)
    chosen = client.get(URL, {"period": "2026-02"})
    unknown = client.get(URL, {"period": "1999-01"})

    assert latest.context["frozen"].period.key == "2026-02"
    assert chosen.context["frozen"].period.key == "2026-02"
    assert unknown.context["frozen"].period.key == "2026-02"
    assert client.get(URL, {"period": "2026-01"}).context["frozen"].period.key == "2026-01"
