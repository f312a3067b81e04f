"""The supervisors' figures split by the channel questions arrived by."""

from __future__ import annotations

import pytest
from django.urls import reverse

from questions import intake as intake_service
from questions.models import Channel
from tests.factories import make_question

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _phone_question(user):
    question, _ = intake_service.question_enter_for_citizen(
        entered_by=user,
        channel=Channel.PHONE,
        received_at=NOW,
        title="Hỏi qua điện thoại về học bổng",
        body="Con tôi học lớp 10, xin hỏi điều kiện xét học bổng của tỉnh.",
        name="Võ Văn Em",
        phone="0912345678",
        at=NOW,
    )
    return question


def test_the_dashboard_counts_questions_per_channel(frozen, intake, supervisor, login):
    make_question(at=NOW)
    make_question(at=NOW)
    _phone_question(intake)
    page = login(supervisor).get(reverse("supervision:dashboard"), {"period": "2026-11"})
    channels = {c.channel: c.received for c in page.context["channels"]}
    assert channels == {"web": 2, "phone": 1}


def test_a_channel_figure_opens_the_questions_of_that_channel(frozen, intake, supervisor, login):
    make_question(at=NOW)
    phoned = _phone_question(intake)
    page = login(supervisor).get(
        reverse("supervision:questions"),
        {"period": "2026-11", "measure": "received", "channel": "phone"},
    )
    assert [q.tracking_code for q in page.context["page"]] == [phoned.tracking_code]


def test_the_questions_export_names_each_question_s_channel(frozen, intake, supervisor, login):
    _phone_question(intake)
    response = login(supervisor).get(
        reverse("supervision:questions_export", args=["csv"]),
        {"period": "2026-11", "measure": "received"},
    )
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    assert "By phone" in text.decode("utf-8-sig")


def test_the_demo_channel_draw_reaches_every_channel():
    from helpdesk import demo_data
    from helpdesk.management.commands.seed_demo import channel_for

    drawn = {channel_for(i / 1000) for i in range(1000)}
    assert drawn == {channel for channel, _share in demo_data.CHANNELS}
    assert drawn == {c.value for c in Channel if c != Channel.IMPORT}


def test_the_dashboard_exports_its_split_by_channel(frozen, intake, supervisor, login):
    make_question(at=NOW)
    make_question(at=NOW)
    _phone_question(intake)
    response = login(supervisor).get(
        reverse("supervision:dashboard_export", args=["csv"]),
        {"period": "2026-11", "by": "channel"},
    )
    assert response.status_code == 200
    assert "-channels" in response["Content-Disposition"]
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    lines = [line.split(",") for line in text.decode("utf-8-sig").splitlines() if line]
    rows = {line[0]: line[1] for line in lines if len(line) > 1}
    assert rows["Web form"] == "2"
    assert rows["By phone"] == "1"


def test_the_dashboard_s_excel_export_by_channel_is_a_workbook(frozen, intake, supervisor, login):
    from io import BytesIO

    from openpyxl import load_workbook

    _phone_question(intake)
    response = login(supervisor).get(
        reverse("supervision:dashboard_export", args=["xlsx"]),
        {"period": "2026-11", "by": "channel"},
    )
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:2] == ["Channel", "Received"]
    assert values[1][:2] == ["By phone", 1]


def test_the_reports_api_splits_the_period_by_channel(frozen, intake, supervisor, login):
    make_question(at=NOW)
    _phone_question(intake)
    response = login(supervisor).get(
        reverse("reports_api:timeliness"), {"from": "2026-11-01", "to": "2026-11-30"}
    )
    assert response.status_code == 200
    channels = {row["channel"]: row["received"] for row in response.json()["channels"]}
    assert channels == {"web": 1, "phone": 1}
