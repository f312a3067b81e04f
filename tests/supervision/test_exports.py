"""CSV and Excel exports of the dashboard and of the drill-down lists."""

import csv
import io
import itertools
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from helpdesk.supervision.exports import UNIT_COLUMNS
from tests.language import choose_english

pytestmark = pytest.mark.django_db


def csv_lines(response):
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def csv_rows(response):
    """The table: the lines up to the blank one before the file's provenance."""
    return list(itertools.takewhile(bool, csv_lines(response)))


def xlsx_sheet(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def export(client, fmt, **params):
    return client.get(reverse("supervision:dashboard_export", args=[fmt]), params)


def test_the_csv_export_is_utf8_with_a_bom_and_vietnamese_headers(
    client, supervisor, tet_month, today
):
    client.force_login(supervisor)

    response = export(client, "csv", period="2026-02")

    assert response["Content-Disposition"] == 'attachment; filename="hoi-dap-2026-02.csv"'
    header, *rows = csv_rows(response)
    assert header[0] == "Đơn vị"
    assert [r[0] for r in rows[:2]] == ["Sở Nông nghiệp và Môi trường", "Thuế tỉnh"]
    with translation.override("vi"):
        assert rows[2][0] == translation.gettext("Province total")
    land = dict(zip(header, rows[0], strict=True))
    assert land["Đơn vị"] == "Sở Nông nghiệp và Môi trường"
    assert [land[h] for h in header[1:7]] == ["4", "3", "1", "1", "1", "15"]


def test_every_export_header_has_a_vietnamese_translation():
    with translation.override("vi"):
        vietnamese = [str(c.header) for c in UNIT_COLUMNS]
    with translation.override("en"):
        english = [str(c.header) for c in UNIT_COLUMNS]

    untranslated = [e for v, e in zip(vietnamese, english, strict=True) if v == e]
    assert untranslated == [], f"add these to locale/vi: {untranslated}"


def test_the_export_follows_the_page_language(client, supervisor, tet_month, today):
    client.force_login(supervisor)

    response = choose_english(client).get(
        reverse("supervision:dashboard_export", args=["csv"]), {"period": "2026-02"}
    )

    header, *rows = csv_rows(response)
    assert header[:4] == ["Unit", "Received", "Answered", "Early"]
    assert rows[-1][0] == "Province total"
    assert rows[0][0] == "Department of Agriculture and Environment"


def test_the_excel_export_has_a_bold_header_and_numbers_as_numbers(
    client, supervisor, tet_month, today
):
    client.force_login(supervisor)

    response = export(client, "xlsx", period="2026-02")

    assert response["Content-Disposition"] == 'attachment; filename="hoi-dap-2026-02.xlsx"'
    sheet = xlsx_sheet(response)
    header = [c.value for c in sheet[1]]
    assert header[0] == "Đơn vị"
    assert all(c.font.bold for c in sheet[1])
    land = [c.value for c in sheet[2]]
    assert land[:7] == ["Sở Nông nghiệp và Môi trường", 4, 3, 1, 1, 1, 15]
    assert isinstance(sheet.cell(2, 2).value, int)
    total = [c.value for c in sheet[4]]
    assert total[1:3] == [5, 4]
    rate = header.index(str(UNIT_COLUMNS[12].header))
    assert sheet.cell(2, rate + 1).value == pytest.approx(0.5)
    assert sheet.cell(2, rate + 1).number_format == "0.0%"
    assert sheet.column_dimensions["A"].width > 30


def test_a_drill_down_list_exports_with_dates_and_working_days(
    client, supervisor, tet_month, land, today
):
    client.force_login(supervisor)

    response = client.get(
        reverse("supervision:questions_export", args=["xlsx"]),
        {"period": "2026-02", "measure": "answered", "unit": land.pk},
    )

    assert response["Content-Disposition"] == (
        'attachment; filename="hoi-dap-2026-02-answered-land.xlsx"'
    )
    sheet = xlsx_sheet(response)
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert {r[0] for r in rows} == {
        tet_month[k].tracking_code for k in ("early", "on_time", "late")
    }
    late = next(r for r in rows if r[0] == tet_month["late"].tracking_code)
    # received 13/02, due 13/03, answered 16/03: 16 working days (Tết skipped)
    assert [v.date() if hasattr(v, "date") else v for v in late[4:7]] == [
        date(2026, 2, 13),
        date(2026, 3, 13),
        date(2026, 3, 16),
    ]
    assert late[8] == 16


def test_a_drill_down_list_exports_as_csv(client, supervisor, tet_month, today):
    client.force_login(supervisor)

    response = client.get(
        reverse("supervision:questions_export", args=["csv"]),
        {"period": "2026-02", "measure": "overdue_open"},
    )

    header, *rows = csv_rows(response)
    assert header[0] == "Mã tra cứu"
    assert [r[0] for r in rows] == [tet_month["overdue"].tracking_code]
    assert rows[0][5] == "2026-03-13" and rows[0][6] == ""


def test_an_officer_cannot_export(client, officer_land, today):
    client.force_login(officer_land)

    assert export(client, "xlsx", period="2026-02").status_code == 403


def test_an_unknown_format_is_not_found(client, supervisor, today):
    client.force_login(supervisor)

    assert client.get("/staff/supervision/export.pdf").status_code == 404


# --- Language and provenance ----------------------------------------------------------------------


def test_the_csv_writes_decimals_with_a_comma_in_vietnamese(client, supervisor, tet_month, today):
    client.force_login(supervisor)

    header, *rows = csv_rows(export(client, "csv", period="2026-02"))

    total = dict(zip(header, rows[-1], strict=True))
    assert total["Số ngày làm việc (trung vị)"] == "14,5"


def test_the_csv_writes_decimals_with_a_dot_in_english(client, supervisor, tet_month, today):
    client.force_login(supervisor)

    header, *rows = csv_rows(export(choose_english(client), "csv", period="2026-02"))

    total = dict(zip(header, rows[-1], strict=True))
    assert total["Median working days"] == "14.5"


def test_the_csv_says_when_it_was_made_and_that_a_past_period_is_complete(
    client, supervisor, tet_month, today
):
    client.force_login(supervisor)

    lines = csv_lines(export(choose_english(client), "csv", period="2026-02"))

    assert lines[-2] == ["Generated at", "10:00 20/03/2026"]
    assert lines[-1] == ["Period", "complete (the period ended on 28/02/2026)"]


def test_the_csv_of_a_running_period_says_it_is_not_complete(client, supervisor, tet_month, today):
    client.force_login(supervisor)

    lines = csv_lines(export(choose_english(client), "csv", period="2026-03"))

    assert lines[-1][1].startswith("not complete: figures up to 20/03/2026")


def test_the_excel_file_of_a_running_period_says_so_on_its_tab_and_in_a_second_sheet(
    client, supervisor, tet_month, today
):
    client.force_login(supervisor)

    response = export(choose_english(client), "xlsx", period="2026-03")

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    table, about = workbook.worksheets
    assert table.title == "Month 3-2026 (to date)"  # no "/" in a sheet name
    facts = {row[0].value: row[1].value for row in about.iter_rows()}
    assert facts["Generated at"] == "10:00 20/03/2026"
    assert facts["Period"].startswith("not complete")
