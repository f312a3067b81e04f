"""The public transparency page: unit-level figures for anyone, never personal data."""

import io
import re

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


def test_the_period_selector_lists_this_month_live_and_every_frozen_month(
    client, frozen_february, today
):
    html = choose_english(client).get(URL).content.decode()

    selector = re.search(r'<select name="period" id="id_period">(.*?)</select>', html, re.S)[1]
    options = re.findall(r'<option value="([^"]+)"( selected)?>([^<]+)</option>', selector)
    assert [(key, bool(chosen), label) for key, chosen, label in options] == [
        ("2026-03", False, "Month 3/2026 so far (live)"),
        ("2026-02", True, "Month 2/2026 (frozen ranking)"),
    ]


def test_the_selector_is_there_before_any_month_is_frozen(client, today):
    html = choose_english(client).get(URL).content.decode()

    assert 'name="period"' in html
    assert "once they are frozen" in html


def test_choosing_this_month_shows_its_live_figures_alone(client, frozen_february, today):
    response = client.get(URL, {"period": "2026-03"})

    assert response.context["frozen"] is None
    assert response.context["live_chosen"] is True


def test_an_empty_live_month_is_explained(client, today):
    html = choose_english(client).get(URL).content.decode()

    assert "No question has been received since 01/03/2026 (figures up to 20/03/2026)" in html


def test_an_empty_frozen_month_is_explained(client, today):
    call_command("freeze_rankings", "2026-01", stdout=io.StringIO())

    html = choose_english(client).get(URL, {"period": "2026-01"}).content.decode()

    assert "No unit received a question in Month 1/2026" in html


def test_a_unit_without_answers_shows_no_score(client, land_category, land, intake, today):
    from questions import services
    from tests.factories import make_question

    question = make_question(category=land_category)
    services.question_route(question=question, unit=land, actor=intake, at=question.received_at)

    html = choose_english(client).get(URL).content.decode()

    row = re.search(r"Department of Agriculture and Environment</th>(.*?)</tr>", html, re.S)[1]
    assert re.findall(r'<td class="num">([^<]*)</td>', row)[-1] == "—"
    assert "A dash instead of a score" in html


def test_every_public_page_links_the_transparency_page_in_its_footer(client, today):
    for url in (reverse("questions:home"), reverse("questions:archive"), URL, "/no-such-page/"):
        html = client.get(url).content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert f'href="{URL}"' in footer, url
