"""CSV and Excel exports of the dashboard and of any question list (docs/design.md#supervision).

Headers follow the language of the page the export was asked from, which is Vietnamese unless
the user switched to English (docs/decisions/0009-ranking-formula.md): the export is read by
the person who downloads it, and the province's reports are in Vietnamese by default.

* CSV: UTF-8 with a byte-order mark, because Excel opens a BOM-less UTF-8 file as the local
  ANSI code page and turns "Đơn vị" into mojibake. The decimal separator follows the language,
  like the pages: ``66,7`` in Vietnamese (quoted, the field separator staying a comma as
  RFC 4180 has it), ``66.7`` in English. Dates are ISO (``2026-03-13``), which every program
  reads the same way. After the table and a blank line, two lines say when the file was made
  and whether its period was complete.
* XLSX (openpyxl, write-only so a year of questions fits in little memory): a bold, frozen
  header row, column widths, numbers as numbers, dates as dates, rates as percentages. The
  sheet's name says "to date" for a period not yet over; a second sheet says when the file was
  made and whether the period was complete (the first sheet stays a plain table to sort and
  filter).

Text is the citizen's (titles) and must never run as a formula when the file is opened
(OWASP "CSV injection"; docs/decisions/0013-web-hardening.md): in the CSV a text starting with
``= + - @``, a tab or a carriage return gets a leading single quote; in the Excel file every
text is a string cell (openpyxl would otherwise store ``=…`` as a formula), marked with Excel's
quote prefix when it starts like a formula so that editing the cell keeps it text. Numbers are
not text and stay numbers, negative ones included.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helpdesk.periods import Period
from questions.models import Question

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

# openpyxl (~18 MB with what it pulls in) is imported by the functions that write a workbook:
# importing the reports' views (every gunicorn worker does, through the URLs) does not load it.
from questions.reports import UnitFigures
from questions.timeliness import LABELS
from routing.deadlines import working_calendar

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Column:
    key: str
    header: object  # a lazy translation, read when the export is written
    kind: str = "int"  # text | int | float | percent | date
    width: int = 12


UNIT_COLUMNS = (
    Column("unit", gettext_lazy("Unit"), "text", 44),
    Column("received", gettext_lazy("Received")),
    Column("answered", gettext_lazy("Answered")),
    Column("early", gettext_lazy("Early")),
    Column("on_time", gettext_lazy("On time")),
    Column("late", gettext_lazy("Late")),
    Column("median_working_days", gettext_lazy("Median working days"), "float", 16),
    Column("open", gettext_lazy("Still open")),
    Column("overdue_open", gettext_lazy("Open and overdue"), width=14),
    Column("transferred", gettext_lazy("Transferred")),
    Column("published", gettext_lazy("Published")),
    Column("published_share", gettext_lazy("Published share"), "percent", 14),
    Column("timely_rate", gettext_lazy("Timely rate"), "percent", 14),
    Column("satisfaction", gettext_lazy("Satisfaction (1–5)"), "float", 14),
    Column("rated", gettext_lazy("Ratings")),
)

CHANNEL_COLUMNS = (
    Column("channel", gettext_lazy("Channel"), "text", 36),
    Column("received", gettext_lazy("Received")),
    Column("answered", gettext_lazy("Answered")),
    Column("early", gettext_lazy("Early")),
    Column("on_time", gettext_lazy("On time")),
    Column("late", gettext_lazy("Late")),
    Column("open", gettext_lazy("Still open")),
    Column("overdue_open", gettext_lazy("Open and overdue"), width=14),
    Column("published", gettext_lazy("Published")),
    Column("timely_rate", gettext_lazy("Timely rate"), "percent", 14),
)

QUESTION_COLUMNS = (
    Column("code", gettext_lazy("Tracking code"), "text", 18),
    Column("title", gettext_lazy("Title"), "text", 50),
    Column("unit", gettext_lazy("Unit"), "text", 36),
    Column("status", gettext_lazy("Status"), "text", 18),
    Column("received", gettext_lazy("Received on"), "date", 13),
    Column("due", gettext_lazy("Answer due"), "date", 13),
    Column("answered", gettext_lazy("Answered on"), "date", 13),
    Column("timeliness", gettext_lazy("Timeliness"), "text", 20),
    Column("working_days", gettext_lazy("Working days to answer"), "int", 14),
    Column("channel", gettext_lazy("Channel"), "text", 22),
)


@dataclass(frozen=True)
class Provenance:
    """When an export was made and whether its period was over: figures of a period still
    running change, and a file on someone's desk does not say so by itself."""

    generated_at: datetime
    complete: bool
    last_day: date  # the period's last day, or today while it runs

    def lines(self) -> list[tuple[str, str]]:
        when = formats.date_format(timezone.localtime(self.generated_at), "SHORT_DATETIME_FORMAT")
        day = formats.date_format(self.last_day, "SHORT_DATE_FORMAT")
        if self.complete:
            state = _("complete (the period ended on %(day)s)") % {"day": day}
        else:
            state = _("not complete: figures up to %(day)s, which change until the period ends") % {
                "day": day
            }
        return [(_("Generated at"), when), (_("Period"), state)]


@dataclass
class Table:
    columns: tuple[Column, ...]
    rows: Iterable[list]
    title: str
    provenance: Provenance | None = None

    def headers(self) -> list[str]:
        return [str(c.header) for c in self.columns]


def _figures_values(label: str, row: UnitFigures) -> list:
    values = {
        "unit": label,
        "received": row.received,
        "answered": row.answered,
        "early": row.early,
        "on_time": row.on_time,
        "late": row.late,
        "median_working_days": row.median_working_days,
        "open": row.open,
        "overdue_open": row.overdue_open,
        "transferred": row.transferred,
        "published": row.published,
        "published_share": row.published_share,
        "timely_rate": row.timely_rate,
        "satisfaction": round(row.satisfaction, 2) if row.satisfaction is not None else None,
        "rated": row.rated,
    }
    return [values[c.key] for c in UNIT_COLUMNS]


def unit_label(row: UnitFigures) -> str:
    return row.unit.display_name if row.unit else _("Not yet routed to a unit")


def units_table(
    rows: list[UnitFigures],
    total: UnitFigures | None,
    *,
    title: str,
    provenance: Provenance | None = None,
) -> Table:
    lines = [_figures_values(unit_label(row), row) for row in rows]
    if total is not None:
        lines.append(_figures_values(_("Province total"), total))
    return Table(UNIT_COLUMNS, lines, title, provenance)


def channels_table(rows, *, title: str, provenance: Provenance | None = None) -> Table:
    """The dashboard's split by channel (``supervision.selectors.figures_by_channel``)."""
    lines = [
        [str(row.label) if c.key == "channel" else getattr(row, c.key) for c in CHANNEL_COLUMNS]
        for row in rows
    ]
    return Table(CHANNEL_COLUMNS, lines, title, provenance)


def questions_table(questions, *, title: str, provenance: Provenance | None = None) -> Table:
    """``questions`` annotated by ``annotate_timeliness`` (the drill-down querysets are)."""
    calendar = working_calendar()

    def lines() -> Iterator[list]:
        for q in questions.select_related("unit").iterator(chunk_size=2000):
            received = timezone.localdate(q.received_at)
            answered = getattr(q, "answered_on", None)
            if q.answered_at is None or not _is_answered(q):
                answered = None
            days = calendar.count_working_days(received, answered) if answered else None
            yield [
                q.tracking_code,
                q.title,
                q.unit.display_name if q.unit else "",
                q.get_status_display(),
                received,
                q.answer_due,
                answered,
                str(LABELS[q.timeliness]) if getattr(q, "timeliness", None) else "",
                max(days, 0) if days is not None else None,
                str(q.get_source_display()),
            ]

    return Table(QUESTION_COLUMNS, lines(), title, provenance)


def _is_answered(question: Question) -> bool:
    return not question.is_open


# --- Writers ------------------------------------------------------------------------------------

# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _looks_like_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _csv_text(value: object) -> object:
    """A text that a spreadsheet would run, quoted so that it is shown as typed."""
    return "'" + value if _looks_like_formula(value) else value


def _xlsx_cell(sheet, value: object) -> WriteOnlyCell:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl guesses a formula from a leading "=" and an error from "#N/A": a text is
        # a text, whatever it starts with.
        cell.data_type = "s"
        if _looks_like_formula(value):
            cell.quotePrefix = True
    return cell


def _csv_number(value: float | int, digits: int) -> str:
    """A number as the language writes it (``66,7`` in Vietnamese), without grouping."""
    if float(value).is_integer():
        return str(int(value))
    return formats.number_format(round(value, digits), use_l10n=True)


def _csv_value(column: Column, value) -> object:
    if value is None:
        return ""
    if column.kind == "percent":
        return _csv_number(round(value * 100, 1), 1)
    if column.kind == "date":
        return value.isoformat()
    if column.kind == "float":
        return _csv_number(value, 2)
    return _csv_text(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(table: Table, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow([_csv_text(_percent_header(c)) for c in table.columns])
        for row in table.rows:
            yield writer.writerow(
                [_csv_value(c, v) for c, v in zip(table.columns, row, strict=True)]
            )
        if table.provenance is not None:
            yield writer.writerow([])
            for label, text in table.provenance.lines():
                yield writer.writerow([label, text])

    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in lines()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _percent_header(column: Column) -> str:
    # In the CSV a rate is a number of percent; say so in its header.
    return f"{column.header} (%)" if column.kind == "percent" else str(column.header)


NUMBER_FORMATS = {
    "int": "0",
    "float": "0.0",
    "percent": "0.0%",
    "date": "DD/MM/YYYY",
}


def xlsx_bytes(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    title = _sheet_title(table.title)
    if table.provenance is not None and not table.provenance.complete:
        # Shortened first, so that the "to date" is what stays visible on the tab.
        suffix = " " + _("(to date)")
        title = _sheet_title(table.title[: SHEET_TITLE_MAX - len(suffix)].rstrip() + suffix)
    sheet = workbook.create_sheet(title=title)
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    header = []
    for column in table.columns:
        cell = _xlsx_cell(sheet, str(column.header))
        cell.font, cell.alignment = bold, wrap
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        cells = []
        for column, value in zip(table.columns, row, strict=True):
            cell = _xlsx_cell(sheet, value)
            if column.kind in NUMBER_FORMATS and value is not None:
                cell.number_format = NUMBER_FORMATS[column.kind]
            cells.append(cell)
        sheet.append(cells)
    if table.provenance is not None:
        _provenance_sheet(workbook, table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _provenance_sheet(workbook: Workbook, table: Table) -> None:
    sheet = workbook.create_sheet(title=_sheet_title(str(_("About this file"))))
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 70
    from openpyxl.styles import Font

    bold = Font(bold=True)
    for label, text in [(_("Title"), table.title), *table.provenance.lines()]:
        name = _xlsx_cell(sheet, label)
        name.font = bold
        sheet.append([name, _xlsx_cell(sheet, text)])
    # The file's own "created" property, in UTC as the format wants it.
    workbook.properties.created = table.provenance.generated_at.astimezone(UTC).replace(tzinfo=None)
    workbook.properties.title = table.title


SHEET_TITLE_MAX = 31


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in a sheet name and more than 31 characters.
    for character in "[]:*?/\\":
        title = title.replace(character, "-")
    return title[:SHEET_TITLE_MAX] or "Sheet"


def xlsx_response(table: Table, filename: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(table), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def respond(table: Table, *, fmt: str, filename: str) -> HttpResponse:
    if fmt == "csv":
        return csv_response(table, f"{filename}.csv")
    return xlsx_response(table, f"{filename}.xlsx")


def filename_for(period: Period, suffix: str = "") -> str:
    """``hoi-dap-2026-10``, ``hoi-dap-2026-Q4-late``; ranges as ``2026-10-01_2026-11-15``."""
    key = period.key.replace("..", "_")
    return f"hoi-dap-{key}" + (f"-{suffix}" if suffix else "")
