"""The supervisor's dashboard in a real browser: the hand-computed Tết case shows in the table
and in both charts, the numbers open their questions, and the Excel export downloads.

February 2026: four questions received Friday 13 February, the eve of Tết (16–20 February off),
15 working days to answer, so due Friday 13 March. Answered on 12, 13 and 16 March — early, on
time, late — and one still open on 20 March: overdue. Working days to answer: 14, 15, 16, so the
median is 15; timely 2 of the 4 decided.
"""

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connections
from openpyxl import load_workbook

from tests.factories import tet_2026_case

pytestmark = pytest.mark.django_db(transaction=True)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 20, 10, 0, tzinfo=VN)


@pytest.fixture
def tet_case(land_category, land, intake, head_land, officer_land):
    def create():
        try:
            return tet_2026_case(
                unit=land, intake=intake, head=head_land, officer=officer_land,
                category=land_category,
            )  # fmt: skip
        finally:
            connections.close_all()

    # In a thread of its own: Playwright's event loop runs in this one, and the services'
    # after-commit live broadcasts (async_to_sync) refuse to run beside it.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(create).result()


def test_the_supervisor_reads_the_dashboard_charts_drills_down_and_exports(
    new_page, screenshot, tet_case, land, supervisor, log_in
):
    with time_machine.travel(NOW, tick=True):
        page = new_page(width=1280, height=900)
        log_in(page, "supervisor")
        page.goto("/staff/supervision/?period=2026-02")

        row = page.locator("table.dashboard tbody tr", has_text="Sở Nông nghiệp và Môi trường")
        cells = [c.strip() for c in row.locator("td").all_inner_texts()]
        # Received, answered, early, on time, late, timely rate, median working days, open,
        # overdue.
        assert cells[:9] == ["4", "3", "1", "1", "1", "50,0 %", "15", "1", "1"]

        # The bar chart: one bar for the unit, one segment per state, each with its tooltip.
        bars = page.locator("svg.chart-bars")
        assert bars.is_visible()
        segments = bars.locator("rect title").all_text_contents()
        assert segments == [
            "Sở Nông nghiệp và Môi trường: Trước hạn 1",
            "Sở Nông nghiệp và Môi trường: Đúng hạn 1",
            "Sở Nông nghiệp và Môi trường: Trễ hạn 1",
            "Sở Nông nghiệp và Môi trường: Quá hạn chưa trả lời 1",
        ]
        # The trend: twelve months, February 2026 at 50 % (2 timely of 4 decided).
        trend = page.locator("svg.chart-trend")
        assert trend.is_visible()
        points = trend.locator("circle title").all_text_contents()
        # Months with nothing answered or overdue have no point (no rate), so no line either.
        assert len(points) == 1 and "02/2026" in points[0] and "50,0 %" in points[0], points
        screenshot(page, "dashboard-01-tet-month")

        # Every number opens its questions: the late one is the question answered on 16 March.
        row.locator("td a").nth(4).click()
        page.wait_for_url(re.compile(r"/staff/supervision/questions/\?.*measure=late"))
        assert tet_case["late"].tracking_code in page.content()
        assert tet_case["early"].tracking_code not in page.content()
        screenshot(page, "dashboard-02-drill-down-late")

        # Excel export of the dashboard, with Vietnamese headers.
        page.goto("/staff/supervision/?period=2026-02")
        with page.expect_download() as download_info:
            page.click("a[href*='export.xlsx']")
        download = download_info.value
        assert download.suggested_filename.endswith(".xlsx")
        sheet = load_workbook(BytesIO(Path(download.path()).read_bytes())).active
        values = [[cell.value for cell in line] for line in sheet.iter_rows()]
        header = next(line for line in values if "Đơn vị" in line)
        land_line = next(line for line in values if line and line[0] == land.name)
        assert land_line[header.index("Trước hạn")] == 1
        assert land_line[header.index("Trễ hạn")] == 1

        page.goto("/staff/supervision/ranking/?period=2026-02")
        assert page.locator("table").first.is_visible()
        screenshot(page, "dashboard-03-ranking")
    assert date(2026, 3, 13) == tet_case["late"].answer_due
