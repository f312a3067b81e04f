"""Reporting periods: a month, a quarter, a year or a custom range of dates (pure module).

Error messages are translated (gettext only: still no ORM, no clock).

Periods are written the way supervisors say them and the way they appear in URLs and exports:
``2026-10`` (a month), ``2026-Q4`` (a quarter), ``2026`` (a year), ``2026-10-01..2026-11-15``
(a custom range, both days included).
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
MAX_RANGE_DAYS = 3 * 366


class PeriodError(ValueError):
    """A period that cannot be read; its message says what is expected."""


@dataclass(frozen=True)
class Period:
    kind: str  # "month" | "quarter" | "year" | "range"
    start: date
    end: date  # inclusive

    @property
    def key(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return f"{self.start.year}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def __str__(self) -> str:
        return self.key

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def month(year: int, number: int) -> Period:
    return Period("month", date(year, number, 1), date(year, number, monthrange(year, number)[1]))


def quarter(year: int, number: int) -> Period:
    first = 3 * (number - 1) + 1
    return Period("quarter", date(year, first, 1), month(year, first + 2).end)


def year(number: int) -> Period:
    return Period("year", date(number, 1, 1), date(number, 12, 31))


def date_range(start: date, end: date) -> Period:
    if end < start:
        raise PeriodError(_("The end of the period is before its start."))
    if (end - start).days > MAX_RANGE_DAYS:
        raise PeriodError(_("A custom period may cover at most three years."))
    return Period("range", start, end)


def parse_period(text: str) -> Period:
    """Read ``2026-10``, ``2026-Q4``, ``2026`` or ``2026-10-01..2026-11-15``."""
    text = (text or "").strip()
    try:
        if m := _MONTH.match(text):
            return month(int(m[1]), int(m[2]))
        if m := _QUARTER.match(text):
            return quarter(int(m[1]), int(m[2]))
        if m := _YEAR.match(text):
            return year(int(m[1]))
        if m := _RANGE.match(text):
            return date_range(date.fromisoformat(m[1]), date.fromisoformat(m[2]))
    except ValueError as error:
        if isinstance(error, PeriodError):
            raise
        raise PeriodError(_("“%(text)s” is not a valid period.") % {"text": text}) from None
    raise PeriodError(
        _(
            "“%(text)s” is not a period: use 2026-10 (month), 2026-Q4 (quarter), 2026 (year) "
            "or 2026-10-01..2026-11-15 (range)."
        )
        % {"text": text}
    )


def months_before(period: Period, count: int) -> list[Period]:
    """The ``count`` months ending with the month of ``period.end`` (oldest first), for trends."""
    months = []
    current = month(period.end.year, period.end.month)
    for _step in range(count):
        months.append(current)
        previous_end = current.start - timedelta(days=1)
        current = month(previous_end.year, previous_end.month)
    return months[::-1]


def previous_month(today: date) -> Period:
    last = today.replace(day=1) - timedelta(days=1)
    return month(last.year, last.month)
