"""The intake queue (helpdesk/workspace/queue_views.py): one compact row per waiting question,
filters kept in the pages' links, the actions of one question opened on their own, and no
error page whatever the address holds."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from helpdesk.workspace.queue_filters import received_on_or_before
from helpdesk.workspace.queue_suggestions import HIGH, LOW, NONE, TopSuggestion
from questions.models import Channel, Role, Status
from routing.calendar import default_calendar
from routing.models import RoutingRule
from tests.factories import make_category, make_question, make_staff, make_unit
from tests.language import english_client

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
QUEUE = "/staff/intake/"


def client_of(user):
    client = english_client()
    client.force_login(user)
    return client


def codes(response) -> list[str]:
    return [q.tracking_code for q in response.context["rows"]]


@pytest.fixture
def water(db):
    return make_unit("nuoc", name="Công ty cấp nước", name_en="Water company")


@pytest.fixture
def tax_category(tax):
    return make_category("thue", unit=tax, name="Thuế", name_en="Taxes")


# --- The rows ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_queue_shows_one_compact_row_per_waiting_question_oldest_first(
    intake, land, land_category, commune
):
    with time_machine.travel(datetime(2026, 11, 13, 9, tzinfo=HCM), tick=False):  # a Friday
        older = make_question(title="Câu hỏi cũ", category=land_category, commune=commune)
    with time_machine.travel(datetime(2026, 11, 18, 9, tzinfo=HCM), tick=False):  # Wednesday
        newer = make_question(title="Câu hỏi mới", source=Channel.PHONE)
        response = client_of(intake).get(QUEUE)

    assert response.status_code == 200
    assert codes(response) == [older.tracking_code, newer.tracking_code]
    html = response.content.decode()
    row = re.search(
        rf'<tr class="queue-row" data-code="{older.tracking_code}">.*?</tr>', html, re.S
    )
    assert row is not None
    row = row.group(0)
    assert "Land" in row and "An Binh Commune" in row and "Web form" in row
    assert "3 working days" in row  # Friday → Wednesday: Monday, Tuesday, Wednesday
    # The category's default unit is the suggestion without a model; no measured confidence.
    assert "Department of Agriculture and Environment" in row and "category default" in row
    # No form per row: the actions are opened per question.
    assert 'method="post"' not in html.split('id="intake-live"')[1]
    assert f"/staff/intake/{older.tracking_code}/?next=" in row


@pytest.mark.django_db
def test_the_queue_holds_only_questions_waiting_to_be_routed(intake, land, land_category):
    waiting = make_question(category=land_category)
    routed = make_question(category=land_category)
    from helpdesk import clock
    from questions import services

    services.question_route(question=routed, unit=land, actor=intake, at=clock.now())

    assert codes(client_of(intake).get(QUEUE)) == [waiting.tracking_code]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.INTAKE, 200),
        (Role.ADMIN, 200),
        (Role.HEAD, 403),
        (Role.OFFICER, 403),
        (Role.SUPERVISOR, 403),
    ],
)
def test_only_the_intake_desk_and_administrators_open_the_queue_and_its_actions(
    role, status, land, office
):
    question = make_question()
    user = make_staff(f"user-{role}", role, land if role in (Role.HEAD, Role.OFFICER) else office)
    client = client_of(user)

    assert client.get(QUEUE).status_code == status
    assert client.get(f"/staff/intake/{question.tracking_code}/").status_code == status


@pytest.mark.django_db
def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_page(db):
    question = make_question()
    for url in (QUEUE, f"/staff/intake/{question.tracking_code}/?partial=1"):
        response = english_client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/login/")


# --- Filters -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_filter_narrows_the_rows(intake, land, land_category, tax_category, commune):
    in_land = make_question(category=land_category, source=Channel.COUNTER, commune=commune)
    in_tax = make_question(category=tax_category, source=Channel.EMAIL)
    no_category = make_question(source=Channel.EMAIL)
    client = client_of(intake)

    def shown(**query):
        return set(codes(client.get(QUEUE, query)))

    assert shown() == {in_land.tracking_code, in_tax.tracking_code, no_category.tracking_code}
    assert shown(category=land_category.pk) == {in_land.tracking_code}
    assert shown(category="null") == {no_category.tracking_code}
    assert shown(commune=commune.pk) == {in_land.tracking_code}
    assert shown(commune="null") == {in_tax.tracking_code, no_category.tracking_code}
    assert shown(channel="email") == {in_tax.tracking_code, no_category.tracking_code}
    assert shown(channel="email", category=tax_category.pk) == {in_tax.tracking_code}


@pytest.mark.django_db
def test_the_age_filter_counts_working_days_since_receipt(intake, land_category):
    with time_machine.travel(datetime(2026, 11, 13, 16, tzinfo=HCM), tick=False):  # Friday
        friday = make_question(category=land_category)
    with time_machine.travel(datetime(2026, 11, 16, 8, tzinfo=HCM), tick=False):  # Monday
        monday = make_question(category=land_category)
    with time_machine.travel(datetime(2026, 11, 18, 9, tzinfo=HCM), tick=False):  # Wednesday
        client = client_of(intake)
        assert codes(client.get(QUEUE, {"older_than": 2})) == [
            friday.tracking_code,
            monday.tracking_code,
        ]
        assert codes(client.get(QUEUE, {"older_than": 3})) == [friday.tracking_code]
        assert codes(client.get(QUEUE, {"older_than": 4})) == []


@pytest.mark.parametrize(
    ("today", "working_days", "expected"),
    [
        (date(2026, 11, 18), 1, date(2026, 11, 17)),  # Wednesday: since Tuesday
        (date(2026, 11, 16), 1, date(2026, 11, 15)),  # Monday: a Friday, Saturday or Sunday
        (date(2026, 11, 16), 2, date(2026, 11, 12)),  # …two: Thursday
        (date(2026, 9, 3), 1, date(2026, 9, 2)),  # Thursday 3/9, after the National Day days
        (date(2026, 9, 3), 2, date(2026, 8, 27)),  # …two: Friday 28/8 and Thursday 3/9
    ],
)
def test_the_last_receipt_day_old_enough_follows_the_calendar(today, working_days, expected):
    calendar = default_calendar()
    assert received_on_or_before(today, working_days, calendar) == expected
    assert calendar.count_working_days(expected, today) >= working_days
    assert calendar.count_working_days(expected + timedelta(days=1), today) < working_days


@pytest.mark.django_db
def test_the_confidence_filter_reads_the_top_suggestion(intake, land, water, land_category):
    hinted = make_question(category=land_category)  # the category's default: a hint, low
    nothing = make_question(title="Hỏi về việc khác", body="Xin hỏi một việc chưa rõ là gì ạ?")
    ruled = make_question(title="Hỏi về nước sạch", body="Nước sạch ở xóm tôi bị đục, hỏi ai?")
    client = client_of(intake)
    assert codes(client.get(QUEUE, {"confidence": "high"})) == []

    # A rule added after the questions arrived is a decision: high. The suggestions kept for
    # the queue are forgotten when a rule changes, so it shows at once.
    RoutingRule.objects.create(name="Nước sạch", keywords="nước sạch", unit=water, order=1)

    assert codes(client.get(QUEUE, {"confidence": "high"})) == [ruled.tracking_code]
    assert codes(client.get(QUEUE, {"confidence": "low"})) == [hinted.tracking_code]
    assert codes(client.get(QUEUE, {"confidence": "none"})) == [nothing.tracking_code]
    row = client.get(QUEUE).content.decode().split(f'data-code="{ruled.tracking_code}"')[1]
    assert "Water company" in row.split("</tr>")[0]


@pytest.mark.parametrize(
    ("source", "confidence", "level"),
    [
        ("rule", None, HIGH),
        ("model", 0.5, HIGH),
        ("model", 0.49, LOW),
        ("keywords", None, LOW),
        ("category", None, LOW),
    ],
)
def test_how_sure_a_suggestion_is(source, confidence, level):
    assert TopSuggestion(1, "Sở", "Dept", confidence, source).level == level


def test_no_suggestion_is_none():
    assert TopSuggestion(None, "", "", None, "").level == NONE


@pytest.mark.django_db
def test_the_pages_links_keep_the_filters(intake, land_category):
    for _ in range(26):
        make_question(category=land_category, source=Channel.PHONE)
    make_question(category=land_category)  # web: filtered out
    client = client_of(intake)

    response = client.get(QUEUE, {"channel": "phone", "category": land_category.pk})

    assert response.context["page"].paginator.count == 26
    html = response.content.decode()
    link = re.search(r'href="\?([^"]*page=2)" rel="next"', html)
    assert link is not None
    following = client.get(QUEUE + "?" + link.group(1).replace("&amp;", "&"))
    assert following.context["page"].number == 2
    assert len(following.context["rows"]) == 1
    assert following.context["filter"].form.cleaned_data["channel"] == "phone"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"category": "abc"}, "category", "Select a valid choice"),
        ({"category": "999999"}, "category", "Select a valid choice"),
        ({"commune": "x"}, "commune", "Select a valid choice"),
        ({"channel": "fax"}, "channel", "Select a valid choice"),
        ({"confidence": "certain"}, "confidence", "Select a valid choice"),
        ({"older_than": "abc"}, "older_than", "Enter a whole number."),
        ({"older_than": "1.5"}, "older_than", "Enter a whole number."),
        ({"older_than": "0"}, "older_than", "greater than or equal to 1"),
        ({"older_than": "1e9"}, "older_than", "Enter a whole number."),
        ({"older_than": "99999"}, "older_than", "less than or equal to 250"),
    ],
)
def test_a_bad_filter_value_is_explained_beside_its_field_and_left_out(
    intake, land_category, query, field, message
):
    question = make_question(category=land_category, source=Channel.PHONE)
    make_question()  # no category, by the web form
    valid = {"category": land_category.pk} if field != "category" else {"channel": "phone"}

    response = client_of(intake).get(QUEUE, {**query, **valid, "page": "x"})

    assert response.status_code == 200
    assert message in " ".join(response.context["filter"].form.errors[field])
    assert message in response.content.decode()
    assert codes(response) == [question.tracking_code]  # the valid filter still applies


@pytest.mark.django_db
def test_a_bad_filter_value_is_explained_in_vietnamese_by_default(intake):
    client = english_client()
    client.cookies.clear()  # Vietnamese: the default whatever the browser says
    client.force_login(intake)

    response = client.get(QUEUE, {"older_than": "abc"})

    assert response.status_code == 200
    assert "Nhập một số tổng thể." in response.content.decode()  # Django's "Enter a whole number."


# --- One question's actions ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_actions_panel_holds_the_three_forms_returning_to_the_filtered_queue(
    intake, land, land_category
):
    question = make_question(category=land_category)
    back = f"{QUEUE}?channel=web&page=1"
    url = f"/staff/intake/{question.tracking_code}/"

    response = client_of(intake).get(url, {"next": back, "partial": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # a fragment for the queue's row
    for action in ("route", "reject", "merge"):
        assert f'action="/staff/q/{question.tracking_code}/{action}/"' in html
    assert html.count(f'name="next" value="{QUEUE}?channel=web&amp;page=1"') == 3
    # The route select starts on the top suggestion (here the category's default unit).
    assert re.search(rf'<option value="{land.pk}" selected>', html)
    # The page without JavaScript is whole, and leads back to the same queue.
    page = client_of(intake).get(url, {"next": back}).content.decode()
    assert "<html" in page and f'href="{QUEUE}?channel=web&amp;page=1"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "unsafe", ["https://evil.example/staff/intake/", "/staff/inbox/", "//evil.example/x"]
)
def test_the_actions_return_only_to_the_queue(intake, land_category, unsafe):
    question = make_question(category=land_category)

    html = (
        client_of(intake)
        .get(f"/staff/intake/{question.tracking_code}/", {"next": unsafe, "partial": "1"})
        .content.decode()
    )

    assert html.count(f'name="next" value="{QUEUE}"') == 3


@pytest.mark.django_db
def test_routing_from_the_panel_returns_to_the_filtered_queue(intake, land, land_category):
    question = make_question(category=land_category)
    back = f"{QUEUE}?category={land_category.pk}"

    response = client_of(intake).post(
        f"/staff/q/{question.tracking_code}/route/", {"unit": land.pk, "next": back}
    )

    assert response.status_code == 302 and response["Location"] == back
    question.refresh_from_db()
    assert question.status == Status.ROUTED and question.unit == land


@pytest.mark.django_db
def test_the_panel_of_a_question_routed_meanwhile_says_so_and_offers_no_form(
    intake, land, land_category
):
    from helpdesk import clock
    from questions import services

    question = make_question(category=land_category)
    services.question_route(question=question, unit=land, actor=intake, at=clock.now())

    response = client_of(intake).get(f"/staff/intake/{question.tracking_code}/", {"partial": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "no longer waiting to be routed" in html
    assert "<form" not in html


@pytest.mark.django_db
def test_an_unknown_question_is_not_found(intake):
    assert client_of(intake).get("/staff/intake/HD-2026-ZZZZZ/").status_code == 404


@pytest.mark.django_db
def test_the_commune_filter_offers_the_communes_of_the_day_it_is_asked(intake):
    closing = make_unit(
        "xa-cu", kind="commune", name="Xã Cũ", name_en="Old Commune", valid_to=date(2026, 11, 17)
    )
    client = client_of(intake)

    def offered_on(day: date) -> set[int]:
        with time_machine.travel(datetime(day.year, day.month, day.day, 9, tzinfo=HCM)):
            field = client.get(QUEUE).context["filter"].form.fields["commune"]
            return {unit.pk for unit in field.queryset}

    assert closing.pk in offered_on(date(2026, 11, 16))
    assert closing.pk not in offered_on(date(2026, 11, 18))  # same process, a later day
